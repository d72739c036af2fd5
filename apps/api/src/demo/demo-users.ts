import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '@most/db';
import { createUser } from '@most/services';
import type { Role } from '@most/shared';

export interface DemoUser {
  email: string;
  role: Role;
  organizationCode?: string;
}

export interface DemoCredentials {
  file: string;
  password: string;
  users: DemoUser[];
}

const FILE_NAME = 'demo-users.json';

/**
 * One user per role for exploring the demo, created on the first start with a random password
 * that is kept in DATA_DIR (never a fixed, guessable one) and printed at every start. The agency
 * member belongs to the first organization of the demo registry that has a VK page.
 */
export async function ensureDemoUsers(sql: Sql, dataDir: string): Promise<DemoCredentials> {
  const file = join(dataDir, FILE_NAME);
  const stored = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Omit<DemoCredentials, 'file'>,
    () => null,
  );
  if (stored) return { file, ...stored };

  const [organization] = await sql<{ code: string }[]>`
    SELECT o.code FROM organizations o
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.network = 'vk' AND a.status = 'active')
    ORDER BY o.kind = 'regional_executive' DESC, o.code LIMIT 1`;
  const users: DemoUser[] = [
    { email: 'admin@demo.local', role: 'admin' },
    { email: 'monitor@demo.local', role: 'monitor' },
    ...(organization ? [{ email: 'agency@demo.local', role: 'agency' as const, organizationCode: organization.code }] : []),
    { email: 'instructor@demo.local', role: 'instructor' },
    { email: 'trainee@demo.local', role: 'trainee' },
  ];
  const password = randomBytes(12).toString('base64url');
  const [taken] = await sql`SELECT 1 FROM users WHERE lower(email) IN ${sql(users.map((u) => u.email))}`;
  // Someone already made users with these addresses (e.g. by hand): leave them alone.
  if (taken) return { file, password: '', users: [] };
  for (const user of users) await createUser(sql, { ...user, password, displayName: user.role }, { label: 'demo' });
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ password, users }, null, 2)}\n`, { mode: 0o600 });
  return { file, password, users };
}
