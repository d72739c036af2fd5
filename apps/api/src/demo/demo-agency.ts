import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appendAudit, type Sql } from '@most/db';

export const DEMO_AGENCY_EMAIL = 'agency@demo.local';

/**
 * The demo agency user is created before anything is crawled, so it cannot know which simulated
 * pages are busy. Once a period is scored, it is moved to the organization with the most to show:
 * a score, recommendations, and the most citizens' questions and posts on its VK pages. A user
 * whose organization already has a score for the period stays where it is.
 */
export async function bindDemoAgencyToRichOrganization(
  sql: Sql,
  period: { kind: string; start: string; methodologyVersion: number },
  dataDir?: string,
): Promise<{ code: string; name: string } | null> {
  const [user] = await sql<{ id: number; organization_id: number | null }[]>`SELECT id, organization_id FROM users WHERE lower(email) = ${DEMO_AGENCY_EMAIL} AND role = 'agency'`;
  if (!user) return null;
  const scored = (organizationId: number | null) => sql`
    SELECT 1 FROM organization_scores
    WHERE organization_id = ${organizationId ?? 0} AND period_kind = ${period.kind} AND period_start = ${period.start} AND methodology_version = ${period.methodologyVersion} AND enough_data`;
  if ((await scored(user.organization_id)).length > 0) return null;
  const [best] = await sql<{ id: number; code: string; short_name: string }[]>`
    SELECT o.id, o.code, o.short_name
    FROM organizations o
    JOIN organization_scores s ON s.organization_id = o.id AND s.period_kind = ${period.kind} AND s.period_start = ${period.start}
      AND s.methodology_version = ${period.methodologyVersion} AND s.enough_data
    JOIN accounts a ON a.organization_id = o.id AND a.network = 'vk' AND a.status = 'active' AND a.removed_at IS NULL
    GROUP BY o.id, o.code, o.short_name
    ORDER BY
      EXISTS (SELECT 1 FROM recommendations r JOIN accounts ra ON ra.id = r.account_id WHERE ra.organization_id = o.id) DESC,
      (SELECT count(*) FROM question_measurements q JOIN accounts qa ON qa.id = q.account_id WHERE qa.organization_id = o.id) DESC,
      (SELECT count(*) FROM posts p JOIN accounts pa ON pa.id = p.account_id WHERE pa.organization_id = o.id) DESC,
      o.code
    LIMIT 1`;
  if (!best) return null;
  await sql`UPDATE users SET organization_id = ${best.id}, updated_at = now() WHERE id = ${user.id}`;
  await appendAudit(sql, { actorId: null, actorLabel: 'demo', action: 'user.rebind_demo_agency', entityType: 'user', entityId: String(user.id), details: { organizationCode: best.code } });
  if (dataDir) await rewriteCredentialsFile(join(dataDir, 'demo-users.json'), best.code);
  return { code: best.code, name: best.short_name };
}

/**
 * Until the first edition (which waits for the whole region to be read), the demo agency would see
 * no alerts: its organization is a placeholder. As soon as citizens' comments of the last two days
 * are read anywhere, an agency whose pages have none moves to the organization with the most, so
 * the alerts before the deadline show from the first minutes. Returns the new organization, if moved.
 */
export async function bindDemoAgencyToBusyOrganization(sql: Sql, dataDir?: string, now = new Date()): Promise<{ code: string; name: string } | null> {
  const since = new Date(now.getTime() - 48 * 3_600_000);
  const [user] = await sql<{ id: number; organization_id: number | null }[]>`SELECT id, organization_id FROM users WHERE lower(email) = ${DEMO_AGENCY_EMAIL} AND role = 'agency'`;
  if (!user) return null;
  const busy = (organizationId: number | null) => sql`
    SELECT 1 FROM comments c JOIN accounts a ON a.id = c.account_id
    WHERE a.organization_id = ${organizationId ?? 0} AND NOT c.from_page AND c.published_at > ${since} LIMIT 1`;
  if ((await busy(user.organization_id)).length > 0) return null;
  const [best] = await sql<{ id: number; code: string; short_name: string }[]>`
    SELECT o.id, o.code, o.short_name FROM organizations o JOIN accounts a ON a.organization_id = o.id AND a.removed_at IS NULL
    JOIN comments c ON c.account_id = a.id AND NOT c.from_page AND c.published_at > ${since}
    GROUP BY o.id, o.code, o.short_name ORDER BY count(*) DESC, o.code LIMIT 1`;
  if (!best) return null;
  await sql`UPDATE users SET organization_id = ${best.id}, updated_at = now() WHERE id = ${user.id}`;
  await appendAudit(sql, {
    actorId: null,
    actorLabel: 'demo',
    action: 'user.rebind_demo_agency',
    entityType: 'user',
    entityId: String(user.id),
    details: { organizationCode: best.code, reason: 'questions' },
  });
  if (dataDir) await rewriteCredentialsFile(join(dataDir, 'demo-users.json'), best.code);
  return { code: best.code, name: best.short_name };
}

/** Keeps the start-up banner (printed from demo-users.json) truthful about the agency user's organization. */
async function rewriteCredentialsFile(file: string, organizationCode: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (!text) return;
  const stored = JSON.parse(text) as { users: { email: string; organizationCode?: string }[] };
  for (const user of stored.users) if (user.email === DEMO_AGENCY_EMAIL) user.organizationCode = organizationCode;
  await writeFile(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
}
