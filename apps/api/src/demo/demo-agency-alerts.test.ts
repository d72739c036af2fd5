import { beforeAll, describe, expect, it } from 'vitest';
import { useDemoRegistry } from '../test-support/app';
import { bindDemoAgencyToBusyOrganization, DEMO_AGENCY_EMAIL } from './demo-agency';
import { ensureDemoUsers } from './demo-users';

describe('demo agency and alerts', () => {
  const { db, dataDir } = useDemoRegistry('most-demo-alerts-');
  beforeAll(async () => {
    await ensureDemoUsers(db.sql, dataDir.path);
  });

  it('moves the demo agency to the organization with the most recent citizen comments, once', async () => {
    const now = new Date();
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toBeNull();
    const [account] = await db.sql<{ id: number; organization_id: number }[]>`
      SELECT a.id, a.organization_id FROM accounts a JOIN users u ON u.email = ${DEMO_AGENCY_EMAIL} WHERE a.organization_id <> u.organization_id ORDER BY a.id LIMIT 1`;
    const [post] = await db.sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      VALUES (${account!.id}, 'busy-1', 'https://vk.com/wall-1_1', ${now}, 'Новость', ${now}, ${now}) RETURNING id`;
    await db.sql`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${account!.id}, 'c1', 'https://vk.com/wall-1_1?reply=2', ${'a'.repeat(64)}, false, ${new Date(now.getTime() - 3_600_000)}, 'Когда?', ${now}, ${now})`;
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toMatchObject({ code: expect.any(String) });
    const [user] = await db.sql<{ organization_id: number }[]>`SELECT organization_id FROM users WHERE email = ${DEMO_AGENCY_EMAIL}`;
    expect(user!.organization_id).toBe(account!.organization_id);
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toBeNull();
  });
});
