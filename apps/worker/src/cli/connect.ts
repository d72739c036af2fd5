import { migrate, openDatabase, QUEUE_SCHEMA, type Database } from '@most/db';
import { createQueueBackend, type QueueBackend } from '@most/queue';
import { loadConfigOrExit } from '@most/shared';
import { createOperations, type Operations } from '../operations';

/**
 * The database and queue the platform uses (same variables: DATABASE_URL, REDIS_URL, QUEUE_PREFIX).
 * Without DATABASE_URL the embedded database in DATA_DIR is opened, which works only while
 * `npm start` is not running; with it running, set DATABASE_URL to the embedded address it prints.
 */
export async function connectForCli(): Promise<{ database: Database; queue: QueueBackend; ops: Operations; close(): Promise<void> }> {
  const config = loadConfigOrExit();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, applicationName: 'most-cli' });
  await migrate(database.sql);
  const queue = createQueueBackend({ redisUrl: config.REDIS_URL, databaseUrl: database.url, namespace: config.REDIS_URL ? config.QUEUE_PREFIX : QUEUE_SCHEMA, poolSize: 2 });
  await queue.prepare();
  return {
    database,
    queue,
    ops: createOperations({ sql: database.sql, queue }),
    close: async () => {
      await queue.close();
      await database.close();
    },
  };
}
