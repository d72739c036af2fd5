import { openDatabase } from '@most/db';
import { createQueueBackend } from '@most/queue';
import { loadConfigOrExit } from '@most/shared';
import { startWorker } from './worker';

/** Production worker process: needs DATABASE_URL; uses Redis when REDIS_URL is set. */
const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL: required for a separate worker process (use `npm start` for the embedded mode)\n');
  process.exit(78);
}
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, applicationName: 'most-worker' });
const queue = createQueueBackend({ redisUrl: config.REDIS_URL, databaseUrl: db.url, namespace: config.REDIS_URL ? config.QUEUE_PREFIX : 'bullmq' });
await queue.prepare();
const worker = await startWorker({ sql: db.sql, queue, log: (message, fields) => console.log(JSON.stringify({ level: 'info', message, ...fields })) });
console.log(JSON.stringify({ level: 'info', message: 'worker started', queue: queue.kind }));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.close();
    await queue.close();
    await db.close();
    process.exit(0);
  });
}
