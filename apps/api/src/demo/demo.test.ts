import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authenticate, gradingQueue, listCohorts, listMyAssignments, listMyCourses } from '@most/services';
import { useDemoRegistry } from '../test-support/app';
import { DEMO_COURSE_TITLE, ensureDemoCourse } from './demo-course';
import { bindDemoAgencyToRichOrganization } from './demo-agency';
import { publishDemoEditionIfDue } from './demo-edition';
import { ensureDemoUsers } from './demo-users';

const NOW = new Date('2026-12-02T10:00:00Z');

describe('demo mode of npm start', () => {
  const { db, dataDir } = useDemoRegistry('most-demo-');

  it('creates one user per role once, with a random password kept in DATA_DIR', async () => {
    const first = await ensureDemoUsers(db.sql, dataDir.path);
    expect(first.users.map((u) => u.role)).toEqual(['admin', 'monitor', 'agency', 'instructor', 'trainee']);
    expect(first.users.find((u) => u.role === 'agency')?.organizationCode).toBeTruthy();
    expect(first.password.length).toBeGreaterThanOrEqual(16);
    expect((await stat(first.file)).mode & 0o077).toBe(0);
    expect(JSON.parse(await readFile(first.file, 'utf8'))).toEqual({ password: first.password, users: first.users });

    const again = await ensureDemoUsers(db.sql, dataDir.path);
    expect(again.password).toBe(first.password);
    const [count] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.local'`;
    expect(count!.n).toBe(5);
    const user = await authenticate(db.sql, { email: 'monitor@demo.local', password: first.password, ip: '127.0.0.1' });
    expect(user.role).toBe('monitor');
  });

  it('waits for the first crawl, then scores and publishes the current quarter once', async () => {
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toMatchObject({ status: 'waiting_for_crawl', crawled: 0 });

    await db.sql`
      INSERT INTO crawl_health (account_id, last_posts_at)
      SELECT id, ${NOW} FROM accounts WHERE network = 'vk' AND status = 'active'
      ON CONFLICT (account_id) DO UPDATE SET last_posts_at = EXCLUDED.last_posts_at`;
    // Posts are read, their comments (where the questions are) not yet: scoring now would rank pages on posts alone.
    const [account] = await db.sql<{ id: number }[]>`SELECT id FROM accounts WHERE network = 'vk' AND status = 'active' ORDER BY id LIMIT 1`;
    const posts = await db.sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, comments_count, first_seen_at, last_seen_at)
      SELECT ${account!.id}, 'demo-' || n, 'https://vk.com/wall-1_' || n, ${new Date(NOW.getTime() - 86_400_000)}, 'Новость', 3, ${NOW}, ${NOW}
      FROM generate_series(1, 20) AS n RETURNING id`;
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toEqual({ status: 'waiting_for_comments', read: 0, posts: 20 });
    await db.sql`UPDATE posts SET comments_read_at = ${NOW} WHERE id = ANY(${posts.slice(0, 18).map((p) => p.id)}::bigint[])`;
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toEqual({ status: 'waiting_for_comments', read: 18, posts: 20 });
    await db.sql`UPDATE posts SET comments_read_at = ${NOW} WHERE account_id = ${account!.id}`;

    // Nothing was really crawled, so no organization has enough data for a ranking worth showing.
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW })).toEqual({ status: 'not_enough_data', ranked: 0 });

    const published = await publishDemoEditionIfDue(db.sql, { now: NOW, minRanked: 0 });
    expect(published).toEqual({ status: 'published', slug: 'demo-2026-q4', ranked: 0, period: { kind: 'quarter', start: '2026-10-01', methodologyVersion: 1 } });
    const [edition] = await db.sql<{ title: string; period_start: string; period_end: string; status: string }[]>`
      SELECT title, period_start::text, period_end::text, status FROM ranking_editions WHERE slug = 'demo-2026-q4'`;
    expect(edition).toEqual({ title: 'Рейтинг за IV квартал 2026 (демонстрационные данные)', period_start: '2026-10-01', period_end: '2026-12-31', status: 'published' });
    expect(await publishDemoEditionIfDue(db.sql, { now: NOW, minRanked: 0 })).toEqual({ status: 'exists' });
  });

  it('moves the demo agency user to the scored organization with the most questions and posts', async () => {
    const period = { kind: 'quarter', start: '2026-10-01', methodologyVersion: 1 } as const;
    const orgs = await db.sql<{ id: number; code: string; account_id: number }[]>`
      SELECT DISTINCT ON (o.id) o.id, o.code, a.id AS account_id FROM organizations o JOIN accounts a ON a.organization_id = o.id
      WHERE a.network = 'vk' AND a.status = 'active' AND o.kind <> 'regional_executive' ORDER BY o.id, a.id LIMIT 2`;
    const [quiet, busy] = orgs;
    for (const org of orgs) {
      await db.sql`
        INSERT INTO organization_scores (organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria, computed_at)
        VALUES (${org.id}, 'quarter', '2026-10-01', '2027-01-01', 1, 50, true, 1, 1, 10, '[]', now())
        ON CONFLICT (organization_id, period_kind, period_start, methodology_version) DO UPDATE SET score = 50, enough_data = true`;
    }
    await db.sql`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      SELECT ${busy!.account_id}, 'busy-' || n, 'https://vk.com/wall-2_' || n, ${NOW}, 'Новость', ${NOW}, ${NOW} FROM generate_series(1, 5) AS n`;
    await db.sql`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      VALUES (${quiet!.account_id}, 'quiet-1', 'https://vk.com/wall-3_1', ${NOW}, 'Новость', ${NOW}, ${NOW})`;

    const bound = await bindDemoAgencyToRichOrganization(db.sql, period, dataDir.path);
    expect(bound?.code).toBe(busy!.code);
    const [user] = await db.sql<{ organization_id: number }[]>`SELECT organization_id FROM users WHERE email = 'agency@demo.local'`;
    expect(user!.organization_id).toBe(busy!.id);
    const file = JSON.parse(await readFile(join(dataDir.path, 'demo-users.json'), 'utf8')) as { users: { email: string; organizationCode?: string }[] };
    expect(file.users.find((u) => u.email === 'agency@demo.local')?.organizationCode).toBe(busy!.code);
    // Already on a scored organization: left alone.
    expect(await bindDemoAgencyToRichOrganization(db.sql, period, dataDir.path)).toBeNull();
  });
});

describe('demo course of npm start', () => {
  const { db, dataDir } = useDemoRegistry('most-demo-course-');

  it('waits for the demo users, then seeds a running cohort once: instructor attached, trainees studying, work to do', async () => {
    expect(await ensureDemoCourse(db.sql)).toEqual({ status: 'no_demo_users' });
    await ensureDemoUsers(db.sql, dataDir.path);
    const created = await ensureDemoCourse(db.sql);
    expect(created).toMatchObject({ status: 'created', trainees: 4 });
    expect(await ensureDemoCourse(db.sql)).toEqual({ status: 'exists' });

    const [instructor] = await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'instructor@demo.local'`;
    const [trainee] = await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'trainee@demo.local'`;
    const cohorts = await listCohorts(db.sql, { instructorId: instructor!.id });
    expect(cohorts.map((c) => c.title)).toEqual(['Демонстрационный поток']);
    const mine = await listMyCourses(db.sql, trainee!.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ course_title: DEMO_COURSE_TITLE, state: 'active', coursework_closed_reason: null });
    const assignments = await listMyAssignments(db.sql, mine[0]!.enrolment_id);
    const open = assignments.filter((a) => a.status === 'not_submitted' && a.due_at.getTime() > Date.now());
    expect(open.length).toBeGreaterThanOrEqual(1);
    const queue = await gradingQueue(db.sql, { instructorId: instructor!.id });
    expect(queue).toHaveLength(1);
    const states = await db.sql<{ state: string; n: number }[]>`SELECT state, count(*)::int AS n FROM enrolments GROUP BY state`;
    expect(states).toEqual([{ state: 'active', n: 4 }]);
    const [marked] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM attendance`;
    expect(marked!.n).toBe(4);
  });
});
