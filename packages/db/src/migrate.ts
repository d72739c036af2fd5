import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError } from '@most/shared';
import type { Sql } from './client';
import { saveCodeMethodologies } from './scoring/methodology';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Arbitrary constant shared by every process that migrates this database. */
const MIGRATION_LOCK_KEY = 727_160_2022;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file, recorded when applied: an applied migration must never change. */
  checksum: string;
}

const checksumOf = (text: string) => createHash('sha256').update(text).digest('hex');

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file name "${file}" must look like 0001_name.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`Two migrations share version ${version}`);
    const sql = await readFile(`${dir}${file}`, 'utf8');
    migrations.push({ version, name: file.replace(/\.sql$/, ''), sql, checksum: checksumOf(sql) });
  }
  return migrations;
}

/**
 * Applies pending forward-only migrations, each in its own transaction, serialised across
 * processes by an advisory lock, and refuses to go on when an applied migration file was edited.
 * With the package's own migrations it then saves the methodology versions defined in code.
 * Returns the names applied by this call.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await tx`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
    // Databases migrated before checksums were recorded get theirs on the next start.
    await tx`ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`;
  });
  const applied: string[] = [];
  for (const migration of all) {
    const didApply = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      const [done] = await tx<{ checksum: string | null }[]>`SELECT checksum FROM schema_migrations WHERE version = ${migration.version}`;
      if (done) {
        if (done.checksum === null) await tx`UPDATE schema_migrations SET checksum = ${migration.checksum} WHERE version = ${migration.version}`;
        else if (done.checksum !== migration.checksum) throw editedMigration(migration);
        return false;
      }
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO schema_migrations (version, name, checksum) VALUES (${migration.version}, ${migration.name}, ${migration.checksum})`;
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  if (!migrations) {
    await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      await saveCodeMethodologies(tx);
    });
  }
  return applied;
}

function editedMigration(migration: Migration): AppError {
  return new AppError(
    'CONFLICT',
    `Migration file ${migration.name}.sql was edited after it was applied to this database (its checksum differs from the recorded one); restore the file and put the change in a new migration`,
    { details: { migration: migration.name } },
  );
}
