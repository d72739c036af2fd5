/**
 * `npm run bench:score`: 5,000 accounts and 1,000,000 comments generated set-based in a fresh
 * database on the real PostgreSQL (TEST_DATABASE_URL), then a full rescore of one month:
 * classification of every citizen comment, set-based SLA measurement, scores of every account and
 * organization, recommendations. Prints seconds, rows/s and peak RSS, then classifier throughput.
 */
import { createTestDatabase } from '@most/db/testing';
import { scorePeriod } from '@most/services';
import { classifyPendingComments } from '@most/db/scoring';
import { QUESTION_EVAL_SET } from '@most/domain';
import { measureClassifierThroughput } from './classifier.bench';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 5_000);
const POSTS_PER_ACCOUNT = 20;
const CITIZEN_PER_POST = 7;
const PAGE_PER_POST = 3;
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 500;

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (since: number) => (performance.now() - since) / 1000;

const db = await createTestDatabase();
try {
  const { sql } = db;
  let started = performance.now();
  await sql`
    INSERT INTO organizations (code, full_name, short_name, kind, sector)
    SELECT 'bench' || g, 'Учреждение № ' || g, 'Учр ' || g,
           (ARRAY['regional_executive', 'local_government', 'subordinate_institution'])[1 + g % 3],
           (ARRAY['education', 'health', 'social_protection', 'culture', 'sport', 'housing_utilities', 'roads_transport', 'other'])[1 + g % 8]
    FROM generate_series(1, ${ACCOUNTS / 2}) g`;
  await sql`
    INSERT INTO accounts (organization_id, network, canonical_url, handle)
    SELECT o.id, n.network, 'https://' || n.host || '/bench_' || o.id, 'bench_' || o.id
    FROM organizations o CROSS JOIN (VALUES ('vk', 'vk.com'), ('ok', 'ok.ru')) AS n(network, host)`;
  await sql`
    INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
    SELECT a.id, '2025-02-25T10:00:00+04', '2025-02-25T10:00:00+04', '2025-02-25', md5(a.id::text), 'active',
      jsonb_build_object('description', 'Официальная страница', 'website', CASE WHEN a.id % 4 = 0 THEN NULL ELSE 'https://org.example.ru' END,
        'phones', jsonb_build_array('+7 8452 000000'), 'emails', CASE WHEN a.id % 3 = 0 THEN '[]'::jsonb ELSE jsonb_build_array('org@example.ru') END,
        'address', 'ул. Мира, 1', 'hasWorkingHours', a.id % 5 <> 0, 'links', '[]'::jsonb, 'membersCount', 500 + a.id % 5000,
        'wall', CASE WHEN a.id % 17 = 0 THEN 'closed' ELSE 'open' END, 'hasAvatar', true, 'hasCover', a.id % 2 = 0),
      '{}'::jsonb
    FROM accounts a`;
  await sql`
    INSERT INTO posts (account_id, external_id, url, published_at, text, likes, reposts, comments_count, views, first_seen_at, last_seen_at)
    SELECT a.id, p::text, 'https://vk.com/wall-' || a.id || '_' || p,
           '2025-03-01T08:00:00+04'::timestamptz + ((p - 1) * 36 + a.id % 30) * interval '1 hour', 'Новость',
           (a.id * p) % 60, (a.id + p) % 7, ${CITIZEN_PER_POST + PAGE_PER_POST}, 300 + (a.id * p) % 2000,
           '2025-03-01T08:00:00+04', '2025-03-01T08:00:00+04'
    FROM accounts a CROSS JOIN generate_series(1, ${POSTS_PER_ACCOUNT}) p`;
  const texts = QUESTION_EVAL_SET.map(([text]) => text);
  await sql`
    INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
    SELECT p.id, p.account_id, 'c' || k, p.url || '?reply=c' || k, md5('citizen' || ((p.id * 7 + k) % 50000)) || md5('salt' || ((p.id * 7 + k) % 50000)), false,
           p.published_at + (k * 37 + p.id % 60) * interval '1 minute', (${texts}::text[])[1 + (p.id * 13 + k * 7) % ${texts.length}],
           p.published_at, p.published_at
    FROM posts p CROSS JOIN generate_series(1, ${CITIZEN_PER_POST}) k`;
  await sql`
    INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, thread_root_id, reply_to_comment_id,
                          reply_to_user_pseudonym, first_seen_at, last_seen_at)
    SELECT q.post_id, q.account_id, 'r' || k, q.url || '-r', md5('page' || q.account_id) || md5('page'), true,
           q.published_at + ((q.post_id * 31 + k * 11) % 48) * interval '1 hour' + interval '5 minutes', 'Здравствуйте! Информация передана специалистам.',
           q.id, q.id, q.author_pseudonym, q.published_at, q.published_at
    FROM comments q CROSS JOIN generate_series(1, ${PAGE_PER_POST}) k
    WHERE NOT q.from_page AND q.external_id = 'c' || k`;
  const [counted] = await sql<{ comments: number }[]>`SELECT count(*)::int AS comments FROM comments`;
  const comments = counted!.comments;
  await sql`ANALYZE`;
  console.log(`generated: ${ACCOUNTS} accounts, ${ACCOUNTS * POSTS_PER_ACCOUNT} posts, ${comments} comments in ${seconds(started).toFixed(1)} s`);

  if (process.env.BENCH_GENERATE_ONLY) throw new Error(`generated only: ${db.name}`);
  const total = performance.now();
  started = performance.now();
  const classified = await classifyPendingComments(sql);
  const classifySeconds = seconds(started);
  console.log(`RSS after classify ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  console.log(`classify:  ${classified} citizen comments in ${classifySeconds.toFixed(1)} s = ${Math.round(classified / classifySeconds)} rows/s`);

  started = performance.now();
  const now = new Date('2025-04-15T00:00:00Z');
  const phases = new Map<string, number>();
  const onPhase = (name: string, s: number) => phases.set(name, (phases.get(name) ?? 0) + s);
  const result = await scorePeriod(sql, { periodKind: 'month', date: '2025-03-15', classify: false, now, onPhase });
  console.log(`phases: ${[...phases].map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ')}; RSS now ${Math.round(process.memoryUsage().rss / 1048576)} MB`);
  const scoreSeconds = seconds(started);
  const [criteriaRows] = await sql<{ criteria: number }[]>`SELECT count(*)::int AS criteria FROM account_criterion_scores`;
  const criteria = criteriaRows!.criteria;
  const written = result.questionsMeasured + result.accounts + criteria + result.organizations + result.recommendations;
  console.log(
    `rescore:   ${result.questionsMeasured} questions measured, ${result.accounts} accounts (${criteria} criterion rows), ${result.organizations} organizations, ` +
      `${result.recommendations} recommendations in ${scoreSeconds.toFixed(1)} s = ${Math.round(written / scoreSeconds)} rows/s written`,
  );
  const totalSeconds = seconds(total);
  console.log(`full rescore of a month (classify + measure + score): ${totalSeconds.toFixed(1)} s, ${Math.round(comments / totalSeconds)} comments/s; target < ${TARGET_SECONDS} s`);

  started = performance.now();
  await scorePeriod(sql, { periodKind: 'month', date: '2025-03-15', classify: false, now });
  console.log(`idempotent re-run: ${seconds(started).toFixed(1)} s`);
  console.log(`peak RSS: ${rssMb()} MB; target < ${TARGET_RSS_MB} MB`);

  const throughput = measureClassifierThroughput(300_000);
  console.log(`classifier: ${Math.round(throughput.perSecond)} comments/s; target ≥ 50000`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept database ${db.name}`);
  else await db.drop();
}
