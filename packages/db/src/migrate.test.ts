import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSql } from './client';
import { startEmbeddedPostgres } from './embedded';
import { loadMigrations, migrate } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations on real PostgreSQL', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('apply to an empty database once, then are a no-op', async () => {
    db = await createTestDatabase({ migrate: false });
    const all = await loadMigrations();
    expect(await migrate(db.sql)).toEqual(all.map((m) => m.name));
    expect(await migrate(db.sql)).toEqual([]);
    const tables = await db.sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['accounts', 'audit_log', 'municipalities', 'organizations', 'users']));
  });

  it('keeps the audit log append-only', async () => {
    await db.sql`INSERT INTO audit_log (actor_label, action, entity_type) VALUES ('test', 'create', 'thing')`;
    await expect(db.sql`UPDATE audit_log SET action = 'forged'`).rejects.toThrow(/append-only/);
    await expect(db.sql`DELETE FROM audit_log`).rejects.toThrow(/append-only/);
  });

  it('run concurrently from two processes without applying twice', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    const other = createSql(fresh.url, { max: 2 });
    try {
      const [a, b] = await Promise.all([migrate(fresh.sql), migrate(other)]);
      const all = (await loadMigrations()).map((m) => m.name);
      expect([...a, ...b].sort()).toEqual(all.sort());
    } finally {
      await other.end({ timeout: 5 });
      await fresh.drop();
    }
  });
});

describe('embedded PostgreSQL (PGlite over the wire protocol)', () => {
  it('applies the migrations and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'most-pglite-'));
    try {
      const first = await startEmbeddedPostgres({ dataDir });
      const sql1 = createSql(first.url, { max: 2 });
      expect((await migrate(sql1)).length).toBeGreaterThan(0);
      await sql1`INSERT INTO municipalities (code, name, kind) VALUES ('engels', 'Энгельсский район', 'municipal_district')`;
      await sql1.end();
      await first.close();

      const second = await startEmbeddedPostgres({ dataDir });
      const sql2 = createSql(second.url, { max: 2 });
      expect(await migrate(sql2)).toEqual([]);
      const rows = await sql2<{ name: string }[]>`SELECT name FROM municipalities WHERE code = 'engels'`;
      expect(rows.map((r) => r.name)).toEqual(['Энгельсский район']);
      await sql2.end();
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
