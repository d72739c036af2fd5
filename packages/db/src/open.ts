import { join } from 'node:path';
import { createSql, type Sql } from './client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

export interface Database {
  sql: Sql;
  /** URL other clients (BullMQ's node-postgres pool) use to reach the same database. */
  url: string;
  mode: 'embedded' | 'external';
  close(): Promise<void>;
}

/** The process's one database: the configured server, or embedded PGlite under `dataDir/pg`. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string; poolSize?: number; applicationName?: string }): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  const url = options.databaseUrl ?? (embedded = await startEmbeddedPostgres({ dataDir: join(options.dataDir, 'pg') })).url;
  const sql = createSql(url, { max: embedded ? 4 : (options.poolSize ?? 10), applicationName: options.applicationName });
  let closing: Promise<void> | undefined;
  return {
    sql,
    url,
    mode: embedded ? 'embedded' : 'external',
    close: () =>
      (closing ??= (async () => {
        await sql.end({ timeout: 5 });
        await embedded?.close();
      })()),
  };
}
