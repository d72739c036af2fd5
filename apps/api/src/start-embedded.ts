import { loadConfigOrExit } from '@most/shared';
import { closeOnSignals, startPlatform } from './platform';

/** `npm start`: API, worker and dashboard in one process; embedded database and queue unless configured. */
const config = loadConfigOrExit();
const platform = await startPlatform({ config, api: true, worker: true, migrate: true });
closeOnSignals(platform);
platform.logger.info({ url: platform.url, database: platform.database.mode, queue: platform.queue.kind }, 'ready');
const databaseLine = platform.database.mode === 'embedded' ? `Embedded PostgreSQL (psql-compatible, loopback only): ${platform.database.url}\n` : '';
process.stdout.write(`\nЦифровой мост is running at ${platform.url}\n${databaseLine}\n`);
