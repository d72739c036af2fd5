import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@most/db/testing';
import { verifyPassword } from '../auth/passwords';
import { createUser } from './create-user';

describe('users', () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    await db.sql`INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('minobr', 'Министерство образования', 'Минобр', 'regional_executive', 'education')`;
  });

  it('stores an argon2id hash, never the password, and audits the creation', async () => {
    const user = await createUser(db.sql, { email: 'Admin@Example.org', role: 'admin', password: 'correct horse battery' }, { label: 'cli' });
    expect(user.email).toBe('admin@example.org');
    const [row] = await db.sql<{ password_hash: string }[]>`SELECT password_hash FROM users WHERE id = ${user.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain('correct horse');
    expect(await verifyPassword(row!.password_hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(row!.password_hash, 'wrong password!')).toBe(false);
    const audit = await db.sql`SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = ${String(user.id)}`;
    expect(audit).toHaveLength(1);
  });

  it('binds agency members to an organization and refuses them without one', async () => {
    const agency = await createUser(db.sql, { email: 'smm@minobr.ru', role: 'agency', password: 'long enough pw', organizationCode: 'minobr' }, { label: 'cli' });
    expect(agency.organization_id).toBeGreaterThan(0);
    await expect(createUser(db.sql, { email: 'x@y.ru', role: 'agency', password: 'long enough pw' }, { label: 'cli' })).rejects.toThrow(/bound to an organization/);
  });

  it('rejects duplicates, short passwords and bad e-mails with clear messages', async () => {
    await expect(createUser(db.sql, { email: 'admin@example.org', role: 'monitor', password: 'long enough pw' }, { label: 'cli' })).rejects.toThrow(/already exists/);
    await expect(createUser(db.sql, { email: 'a@b.ru', role: 'monitor', password: 'short' }, { label: 'cli' })).rejects.toThrow(/password must have at least 10/);
    await expect(createUser(db.sql, { email: 'nope', role: 'monitor', password: 'long enough pw' }, { label: 'cli' })).rejects.toThrow(/email is not an e-mail/);
  });
});
