import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { seedDemoRegistry } from '@most/services';
import { createTestApp, createTestUser, testBrowsers, useAppServices } from './test-support/app';
const PERIOD = { periodKind: 'month', periodStart: '2026-10-01', periodEnd: '2026-10-31', methodologyVersion: 1 } as const;
/** Scoring stores a period's end as the first day after it; editions name the last day. */
const SCORING_PERIOD_END = '2026-11-01';

describe('scores, recommendations, disputes, reviews and ranking editions by role', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  let orgA: number;
  let orgB: number;
  let accountA: number;
  let accountB: number;
  let recommendationA: number;
  let recommendationB: number;
  const { signedIn, anonymous } = testBrowsers(() => app, '10.1.0');

  async function scoreAccount(accountId: number, total: number) {
    await db.sql`
      INSERT INTO account_scores (account_id, period_kind, period_start, period_end, methodology_version, status, total, earned, possible, coverage, questions, decided_questions, computed_at)
      VALUES (${accountId}, ${PERIOD.periodKind}, ${PERIOD.periodStart}, ${SCORING_PERIOD_END}, 1, 'ok', ${total}, ${total}, 100, 1, 12, 12, now())`;
    await db.sql`
      INSERT INTO account_criterion_scores (account_id, period_kind, period_start, methodology_version, criterion_code, status, value, points, max_points, evidence)
      VALUES (${accountId}, ${PERIOD.periodKind}, ${PERIOD.periodStart}, 1, 'SLA_WITHIN_24H', 'fail', 0.4, 0, 14,
              ${db.sql.json([{ kind: 'comment', id: 1, url: 'https://vk.com/wall-1_1?reply=2', note: 'answered after 31 h' }] as never)})`;
    const [rec] = await db.sql<{ id: number }[]>`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text, potential_points, status)
      VALUES (${accountId}, ${PERIOD.periodKind}, ${PERIOD.periodStart}, 1, 'SLA_WITHIN_24H', 'Отвечайте на вопросы в течение 24 часов', 14, 'sent')
      RETURNING id`;
    return rec!.id;
  }

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    const accounts = await db.sql<{ id: number; organization_id: number }[]>`
      SELECT DISTINCT ON (organization_id) id, organization_id FROM accounts ORDER BY organization_id, id LIMIT 2`;
    [accountA, accountB] = [accounts[0]!.id, accounts[1]!.id];
    [orgA, orgB] = [accounts[0]!.organization_id, accounts[1]!.organization_id];
    const [codeA] = await db.sql<{ code: string }[]>`SELECT code FROM organizations WHERE id = ${orgA}`;
    await createTestUser(db.sql, 'monitor@most.test', 'monitor');
    await createTestUser(db.sql, 'trainee@most.test', 'trainee');
    await createTestUser(db.sql, 'agency@most.test', 'agency', codeA!.code);
    recommendationA = await scoreAccount(accountA, 40);
    recommendationB = await scoreAccount(accountB, 70);
    app = createTestApp({ sql: db.sql, queue, trustProxy: true });
  });

  it("lets an agency member read its own findings and evidence but not another organization's", async () => {
    const agency = await signedIn('agency@most.test');
    const own = await agency.query<{ total: number }[]>('accounts.scores', { accountId: accountA });
    expect(own.status).toBe(200);
    expect(own.body.result?.data[0]?.total).toBe(40);
    const detail = await agency.query<{ criteria: { evidence: { note: string }[] }[] }>('accounts.scoreDetail', { accountId: accountA, ...PERIOD, periodKind: 'month' });
    expect(detail.body.result?.data.criteria[0]?.evidence[0]?.note).toBe('answered after 31 h');
    expect((await agency.query('accounts.scores', { accountId: accountB })).status).toBe(403);
    expect((await agency.query('accounts.scoreDetail', { accountId: accountB, periodKind: 'month', periodStart: PERIOD.periodStart, methodologyVersion: 1 })).status).toBe(403);
    expect((await agency.query('accounts.organizationScores', { organizationId: orgB })).status).toBe(403);
    expect((await agency.query('recommendations.forOrganization', { organizationId: orgB })).status).toBe(403);
    const mine = await agency.query<{ id: number }[]>('recommendations.mine', {});
    expect(mine.body.result?.data.map((r) => r.id)).toEqual([recommendationA]);
  });

  it("lets an agency member acknowledge and dispute only its own organization's findings", async () => {
    const agency = await signedIn('agency@most.test');
    expect((await agency.mutate('recommendations.acknowledge', { id: recommendationB })).status).toBe(403);
    expect((await agency.mutate('recommendations.acknowledge', { id: recommendationA })).status).toBe(200);
    const [statuses] = await db.sql<{ a: string; b: string }[]>`
      SELECT (SELECT status FROM recommendations WHERE id = ${recommendationA}) AS a, (SELECT status FROM recommendations WHERE id = ${recommendationB}) AS b`;
    expect(statuses).toEqual({ a: 'acknowledged', b: 'sent' });

    const criterion = { code: 'SLA_WITHIN_24H', periodKind: 'month', periodStart: PERIOD.periodStart };
    const foreign = await agency.mutate('disputes.raise', { accountId: accountB, criterion, reason: 'criterion_wrong', text: 'Мы ответили по телефону' });
    expect(foreign.status).toBe(403);
    const own = await agency.mutate<{ id: number }>('disputes.raise', { accountId: accountA, criterion, reason: 'criterion_wrong', text: 'Мы ответили по телефону' });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const [count] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM disputes`;
    expect(count!.n).toBe(1);
    expect((await agency.query('disputes.inbox')).status).toBe(403);
    const mine = await agency.query<{ accountId: number }[]>('disputes.mine');
    expect(mine.body.result?.data.map((d) => d.accountId)).toEqual([accountA]);
  });

  it('gives monitors the disputes inbox and the review queue; decisions need a reason', async () => {
    const monitor = await signedIn('monitor@most.test');
    const inbox = await monitor.query<{ id: number; status: string; organizationId: number }[]>('disputes.inbox', {});
    expect(inbox.status).toBe(200);
    const dispute = inbox.body.result!.data.find((d) => d.organizationId === orgA)!;
    expect(dispute.status).toBe('open');
    expect((await monitor.mutate('disputes.decide', { disputeId: dispute.id, accept: false, reason: '' })).status).toBe(400);
    const decided = await monitor.mutate('disputes.decide', { disputeId: dispute.id, accept: false, reason: 'Ответ по телефону не подтверждён' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await monitor.query<{ status: string }[]>('disputes.inbox', { status: 'rejected' })).body.result?.data).toHaveLength(1);
    expect((await monitor.query('reviews.queue', {})).status).toBe(200);
  });

  it('keeps trainees and anonymous callers out of monitoring data; methodology is public', async () => {
    const trainee = await signedIn('trainee@most.test');
    for (const [procedure, input] of [
      ['reviews.queue', {}],
      ['disputes.inbox', {}],
      ['accounts.scores', { accountId: accountA }],
      ['recommendations.forOrganization', { organizationId: orgA }],
      ['rankings.listAll', undefined],
    ] as const) {
      expect((await trainee.query(procedure, input)).status, procedure).toBe(403);
    }
    expect((await trainee.mutate('disputes.raise', { accountId: accountA, commentId: 1, reason: 'other', text: 'x' })).status).toBe(403);
    const anon = await anonymous();
    expect((await anon.query('reviews.queue', {})).status).toBe(401);
    expect((await anon.query('recommendations.mine', {})).status).toBe(401);
    const versions = await anon.query<{ version: number; locked: boolean }[]>('methodology.versions');
    expect(versions.status).toBe(200);
    expect(versions.body.result?.data.map((v) => v.version)).toContain(1);
  });

  it('builds an edition from organization scores, previews it, publishes it and serves it publicly', async () => {
    const criteria = [{ code: 'SLA_WITHIN_24H', score: 40, weight: 14 }];
    await db.sql`
      INSERT INTO organization_scores (organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria, computed_at)
      VALUES (${orgA}, 'month', ${PERIOD.periodStart}, ${SCORING_PERIOD_END}, 1, 40, true, 1, 2, 12, ${db.sql.json(criteria as never)}, now()),
             (${orgB}, 'month', ${PERIOD.periodStart}, ${SCORING_PERIOD_END}, 1, NULL, false, 0, 1, 3, '[]', now())`;
    const monitor = await signedIn('monitor@most.test');
    const input = { title: 'Рейтинг за октябрь 2026', periodStart: PERIOD.periodStart, periodEnd: PERIOD.periodEnd, methodologyVersion: '1', slug: 'oktyabr-2026' };
    const trainee = await signedIn('trainee@most.test');
    expect((await trainee.mutate('rankings.build', input)).status).toBe(403);
    const missing = await monitor.mutate('rankings.build', { ...input, periodStart: '2026-08-01', periodEnd: '2026-08-31', slug: 'avgust-2026' });
    expect(missing.status).toBe(503);
    const built = await monitor.mutate<{ id: number; status: string }>('rankings.build', input);
    expect(built.status, JSON.stringify(built.body)).toBe(200);
    const editionId = built.body.result!.data.id;
    const preview = await monitor.query<{ ranked: { rows: { organizationName: string; rank: number }[] }; notEnoughData: unknown[]; criteria: { name: string }[] }>('rankings.preview', {
      id: editionId,
    });
    expect(preview.body.result?.data.ranked.rows).toHaveLength(1);
    expect(preview.body.result?.data.notEnoughData).toHaveLength(1);
    expect(preview.body.result?.data.criteria.find((c) => c.name === 'Ответ в течение 24 часов')).toBeTruthy();
    const anon = await anonymous();
    expect((await anon.query('rankings.view', { slug: 'oktyabr-2026' })).status).toBe(404);
    expect((await monitor.mutate('rankings.publish', { id: editionId })).status).toBe(200);
    expect((await monitor.mutate('rankings.publish', { id: editionId })).status).toBe(409);
    expect((await anon.query('rankings.view', { slug: 'oktyabr-2026' })).status).toBe(200);
    const publicJson = await app.request('/api/public/v1/editions/oktyabr-2026', { headers: { 'x-forwarded-for': '10.2.0.1' } });
    expect(publicJson.status).toBe(200);
    const methodology = await monitor.query<{ version: number; locked: boolean }[]>('methodology.versions');
    expect(methodology.body.result?.data.find((v) => v.version === 1)?.locked).toBe(true);
  });
});
