import { loadConfigOrExit } from '@most/shared';
import { migrate } from '@most/db';
import { openDatabase } from '@most/db';

const config = loadConfigOrExit();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: 'most-migrate' });
try {
  const applied = await migrate(database.sql);
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`);
} finally {
  await database.close();
}
