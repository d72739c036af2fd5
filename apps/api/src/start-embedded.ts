import { NETWORKS, loadConfigOrExit } from '@most/shared';
import { NETWORK_SOURCES } from '@most/sources';
import { NETWORK_SIMULATORS } from '@most/sources/simulator';
import { ensureDemoCourse } from './demo/demo-course';
import { ensureDemoUsers } from './demo/demo-users';
import { startDemoEditionPublisher } from './demo/publisher';
import { closeOnSignals, startPlatform } from './platform';

/** `npm start`: API, worker and dashboard in one process; embedded database and queue unless configured. */
// The simulated region's last days are read at once on the first start: let the demo's alerts look back a day.
process.env.ALERT_CATCH_UP_HOURS ||= '24';
const configured = loadConfigOrExit();
// Each network without credentials is read from its built-in simulator (seeded, following the wall clock).
const now = new Date();
const simulators = await Promise.all(
  NETWORKS.filter((network) => !NETWORK_SOURCES[network].configured(configured)).map(async (network) => ({ network, ...(await NETWORK_SIMULATORS[network]({ seed: 'most', now, realTime: true })) })),
);
const config = Object.assign({}, configured, ...simulators.map((s) => s.config)) as typeof configured;
const simulator = simulators.find((s) => s.network === 'vk') ?? null;
const platform = await startPlatform({ config, api: true, worker: true, migrate: true });
closeOnSignals(platform);

let demoLines = '';
if (simulator) {
  // The demo logs in as any role and shows a first ranking once the simulated region is crawled.
  const demo = await ensureDemoUsers(platform.database.sql, config.DATA_DIR);
  if (demo.users.length > 0) {
    demoLines = `Demo users (password ${demo.password}, kept in ${demo.file}):\n${demo.users.map((u) => `  ${u.email} — ${u.role}${u.organizationCode ? ` (${u.organizationCode})` : ''}`).join('\n')}\n`;
  }
  // A course running now, so the instructor and the trainee see real work after the first start.
  const course = await ensureDemoCourse(platform.database.sql).catch((error: unknown) => {
    platform.logger.error({ err: error }, 'demo course not created');
    return null;
  });
  if (course?.status === 'created') platform.logger.info({ cohortId: course.cohortId, trainees: course.trainees }, 'demo course created');
  startDemoEditionPublisher(platform.database.sql, platform.logger, { dataDir: config.DATA_DIR });
}

platform.logger.info({ url: platform.url, database: platform.database.mode, queue: platform.queue.kind }, 'ready');
const simulatorLine = simulators.map((s) => `${NETWORK_SOURCES[s.network].label} simulator (no credentials set): ${s.url}\n`).join('');
const databaseLine = platform.database.mode === 'embedded' ? `Embedded PostgreSQL (psql-compatible, loopback only): ${platform.database.url}\n` : '';
process.stdout.write(`\nЦифровой мост is running at ${platform.url}\n${databaseLine}${simulatorLine}${demoLines}\n`);
