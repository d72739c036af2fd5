import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSql } from './client';
import { startEmbeddedPostgres } from './embedded';
import { METHODOLOGY_V1 } from '@most/domain';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate';
import { saveCodeMethodologies } from './scoring/methodology';
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

describe('applied migrations and the methodology in code', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('records a checksum per migration and refuses an applied migration file that was edited, naming it', async () => {
    db = await createTestDatabase();
    const recorded = await db.sql<{ name: string; checksum: string | null }[]>`SELECT name, checksum FROM schema_migrations ORDER BY version`;
    expect(recorded.length).toBe((await loadMigrations()).length);
    expect(recorded.every((row) => /^[0-9a-f]{64}$/.test(row.checksum ?? ''))).toBe(true);

    const dir = await mkdtemp(join(tmpdir(), 'most-migrations-'));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await appendFile(join(dir, '0004_scoring.sql'), '\n-- an edit after the fact\n');
      await expect(migrate(db.sql, await loadMigrations(`${dir}/`))).rejects.toThrow(/0004_scoring\.sql was edited/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records the checksums of a database migrated before they existed', async () => {
    await db.sql`UPDATE schema_migrations SET checksum = NULL`;
    expect(await migrate(db.sql)).toEqual([]);
    const [missing] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM schema_migrations WHERE checksum IS NULL`;
    expect(missing!.n).toBe(0);
  });

  it('stores the methodology versions defined in code, replacing an unused copy that drifted', async () => {
    const same = async () => (await db.sql<{ same: boolean }[]>`SELECT definition = ${db.sql.json(METHODOLOGY_V1 as never)} AS same FROM methodology_versions WHERE version = 1`)[0]?.same;
    expect(await same()).toBe(true);
    await db.sql`UPDATE methodology_versions SET definition = jsonb_set(definition, '{partialShare}', '0.25') WHERE version = 1`;
    expect(await same()).toBe(false);
    await migrate(db.sql);
    expect(await same()).toBe(true);
  });

  it('names the version when a methodology used by a published ranking differs from its code', async () => {
    await db.sql`UPDATE methodology_versions SET locked_at = now(), locked_reason = 'test' WHERE version = 1`;
    expect(await saveCodeMethodologies(db.sql)).toEqual([]);
    await expect(saveCodeMethodologies(db.sql, [{ ...METHODOLOGY_V1, partialShare: 0.4 }])).rejects.toThrow(/Methodology version 1 .*differs from its definition in code/);
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
