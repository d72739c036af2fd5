import { loadConfigOrExit } from '@most/shared';
import { migrate } from '@most/db';
import { openDatabase, type Database } from '@most/db';

/**
 * Opens the configured database for a command-line tool. In embedded mode the data directory
 * must not be in use by a running `npm start` (PGlite allows one process).
 */
export async function openForCli(): Promise<Database> {
  const config = loadConfigOrExit();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: 'most-cli' });
  await migrate(database.sql);
  return database;
}
