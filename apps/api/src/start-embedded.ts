import { loadConfigOrExit } from '@most/shared';
import { startVkSimulator } from '@most/sources/simulator';
import { closeOnSignals, startPlatform } from './platform';

/** `npm start`: API, worker and dashboard in one process; embedded database and queue unless configured. */
const configured = loadConfigOrExit();
// Without a VK token the demo crawls the built-in VK API simulator (seeded, following the wall clock).
const simulator = configured.VK_TOKEN ? null : await startVkSimulator({ seed: 'most', now: new Date(), realTime: true });
const config = simulator ? { ...configured, VK_API_URL: simulator.url, VK_TOKEN: 'demo-simulator', VK_TOKEN_KIND: 'service' as const } : configured;
const platform = await startPlatform({ config, api: true, worker: true, migrate: true });
closeOnSignals(platform);
platform.logger.info({ url: platform.url, database: platform.database.mode, queue: platform.queue.kind }, 'ready');
const simulatorLine = simulator ? `VK API simulator (no VK_TOKEN set): ${simulator.url}\n` : '';
const databaseLine = platform.database.mode === 'embedded' ? `Embedded PostgreSQL (psql-compatible, loopback only): ${platform.database.url}\n` : '';
process.stdout.write(`\nЦифровой мост is running at ${platform.url}\n${databaseLine}${simulatorLine}\n`);
