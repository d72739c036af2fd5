/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queries behind the dashboard's and the public API's main reads,
 * on whatever data the database holds: each read runs once on a traced connection, each distinct
 * query it sent is explained with its own parameters, and the slowest ten (by execution time) are
 * written with their plans to bench/output/scale-explain.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkOfficialAccount,
  countCrawlProblems,
  createSql,
  getAccountScoreDetail,
  getOrganization,
  listAccountCrawlHealth,
  listAccountScores,
  listOrganizationAccounts,
  listOrganizationRecommendations,
  listOrganizations,
  listOrganizationScores,
} from '@most/db';
import { classificationReviewQueue, listDisputes, listManualScoringAccounts, listOpenQuestions, listRecommendations, organizationSlaDistribution, slaWatch } from '@most/db/scoring';
import { getEdition, listEditions, loadOrganizationScores, organizationRankingHistory } from '@most/services';

export interface ExplainSubject {
  databaseUrl: string;
  organizationId: number;
  editionSlug: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: number;
  now: Date;
}

interface Traced {
  use: string;
  query: string;
  parameters: unknown[];
}

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'output', 'scale-explain.md');

export async function explainMainQueries(subject: ExplainSubject): Promise<{ file: string; slowest: { use: string; ms: number }[] }> {
  const traced: Traced[] = [];
  let use = '';
  const sql = createSql(subject.databaseUrl, { max: 1, applicationName: 'bench-explain', debug: (_c, query, parameters) => traced.push({ use, query, parameters }) });
  try {
    // Statistics as autovacuum keeps them in production: without them the planner guesses a few rows a table.
    await sql`ANALYZE`;
    const [org] = await sql<{ code: string; accountId: number; url: string }[]>`
      SELECT o.code, a.id AS "accountId", a.canonical_url AS url FROM organizations o JOIN accounts a ON a.organization_id = o.id WHERE o.id = ${subject.organizationId} LIMIT 1`;
    const range = { from: new Date(`${subject.periodStart}T00:00:00+04:00`), to: subject.now };
    const reads: [string, () => Promise<unknown>][] = [
      ['public API: editions list', () => listEditions(sql)],
      ['public API: edition', () => getEdition(sql, { slug: subject.editionSlug })],
      ['public API: organization history', () => organizationRankingHistory(sql, subject.organizationId)],
      ['public API: organization card', () => getOrganization(sql, { code: org!.code })],
      ['public API: is this page official', () => checkOfficialAccount(sql, org!.url)],
      [
        'dashboard: scores for an edition',
        () => loadOrganizationScores(sql, { periodStart: subject.periodStart, periodEnd: subject.periodEnd, methodologyVersion: String(subject.methodologyVersion) }),
      ],
      ['dashboard: organizations list', () => listOrganizations(sql, {})],
      ['dashboard: organizations search', () => listOrganizations(sql, { search: 'Учреждение № 12' })],
      ['dashboard: organization accounts', () => listOrganizationAccounts(sql, subject.organizationId)],
      ['dashboard: crawl health list', () => listAccountCrawlHealth(sql, {}, subject.now)],
      ['dashboard: crawl problems', () => countCrawlProblems(sql, {}, subject.now)],
      ['dashboard: account scores', () => listAccountScores(sql, org!.accountId)],
      [
        'dashboard: account score detail',
        () => getAccountScoreDetail(sql, { accountId: org!.accountId, periodKind: 'month', periodStart: subject.periodStart, methodologyVersion: subject.methodologyVersion }),
      ],
      ['dashboard: organization scores', () => listOrganizationScores(sql, subject.organizationId)],
      ['dashboard: organization recommendations', () => listOrganizationRecommendations(sql, subject.organizationId, {})],
      ['dashboard: recommendations', () => listRecommendations(sql, { limit: 100 })],
      ['dashboard: disputes', () => listDisputes(sql, {})],
      ['dashboard: SLA watch', () => slaWatch(sql, subject.organizationId, { now: subject.now })],
      ['dashboard: open questions', () => listOpenQuestions(sql, subject.organizationId, { now: subject.now })],
      ['dashboard: SLA distribution', () => organizationSlaDistribution(sql, subject.organizationId, range)],
      ['dashboard: manual scoring accounts', () => listManualScoringAccounts(sql, {})],
      ['dashboard: classification review queue', () => classificationReviewQueue(sql, { limit: 50 })],
    ];
    const failures: string[] = [];
    for (const [name, read] of reads) {
      use = name;
      await read().catch((error: Error) => failures.push(`${name}: ${error.message}`));
    }
    use = 'explain';
    const seen = new Set<string>();
    const plans: { use: string; query: string; ms: number; plan: string }[] = [];
    for (const t of traced.filter((t) => t.use !== 'explain' && t.use !== '')) {
      if (seen.has(t.query) || !/^\s*(SELECT|WITH)/i.test(t.query)) continue;
      seen.add(t.query);
      try {
        const rows = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${t.query}`, t.parameters as never[]);
        const plan = rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN'])).join('\n');
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        plans.push({ use: t.use, query: t.query.trim(), ms, plan });
      } catch (error) {
        failures.push(`${t.use}: EXPLAIN failed: ${(error as Error).message}`);
      }
    }
    plans.sort((a, b) => b.ms - a.ms);
    const slowest = plans.slice(0, 10);
    const [size] = await sql<{ pages: number; posts: number; comments: number }[]>`
      SELECT (SELECT count(*)::int FROM accounts) AS pages, (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM comments) AS comments`;
    const text = [
      '# The slowest ten queries of the dashboard and the public API (bench:scale)',
      '',
      `Data: ${size!.pages} pages, ${size!.posts} posts, ${size!.comments} comments. ${plans.length} distinct queries explained from ${reads.length} reads; execution time of one EXPLAIN ANALYZE each, on a shared, loaded machine.`,
      ...(failures.length > 0 ? ['', 'Not explained:', ...failures.map((f) => `- ${f}`)] : []),
      '',
      ...slowest.flatMap((p, i) => [`## ${i + 1}. ${p.use}: ${p.ms.toFixed(1)} ms`, '', '```sql', p.query, '```', '', '```', p.plan, '```', '']),
    ].join('\n');
    await mkdir(dirname(OUTPUT), { recursive: true });
    await writeFile(OUTPUT, text);
    return { file: OUTPUT, slowest: slowest.map((p) => ({ use: p.use, ms: p.ms })) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
