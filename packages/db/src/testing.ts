import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { useForTests, useTempDir } from '@most/shared/testing';
import { createSql, type Sql } from './client';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';

/** Server used by tests; the machine's PostgreSQL unless TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const HOW_TO_START = 'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ' + '(or set TEST_DATABASE_URL to a server where the user may CREATE DATABASE).';

export interface TestDatabase {
  sql: Sql;
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database on the real PostgreSQL server for one test file. Fails loudly,
 * never skips, when the server is not reachable.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = `most_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL}: ${(error as Error).message}. ${HOW_TO_START}`);
  }
  const url = withDatabase(TEST_DATABASE_URL, name);
  const sql = createSql(url, { max: 5, applicationName: 'most-test' });
  if (options.migrate !== false) await migrate(sql);
  return {
    sql,
    url,
    name,
    drop: async () => {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Registers a fresh, migrated database for the calling test file or describe block (dropped after its tests). */
export const useTestDatabase = (options: { migrate?: boolean } = {}): TestDatabase =>
  useForTests(
    'The test database',
    () => createTestDatabase(options),
    (database) => database.drop(),
  );

/** Registers an embedded PostgreSQL (PGlite behind the wire server) in a fresh temporary directory for the calling tests. */
export function useEmbeddedPostgres(dataDirPrefix: string, startTimeoutMs?: number): EmbeddedPostgres {
  const dataDir = useTempDir(dataDirPrefix);
  return useForTests(
    'The embedded PostgreSQL',
    () => startEmbeddedPostgres({ dataDir: dataDir.path }),
    (embedded) => embedded.close(),
    startTimeoutMs,
  );
}

export { askQuestion, answerQuestion, makeAlertAgency, makeAlertUser } from './alerts/fixture';
export { seedMeasuredQuestions, type MeasuredOutcome } from './scoring/measured-questions.fixture';
