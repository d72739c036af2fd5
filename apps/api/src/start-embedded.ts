import { loadConfigOrExit } from '@most/shared';
import { startVkSimulator } from '@most/sources/simulator';
import { ensureDemoCourse } from './demo/demo-course';
import { ensureDemoUsers } from './demo/demo-users';
import { startDemoEditionPublisher } from './demo/publisher';
import { closeOnSignals, startPlatform } from './platform';

/** The demo reads its own simulator faster than a real service token allows VK to be read. */
const DEMO_REQUESTS_PER_SECOND = 20;

/** `npm start`: API, worker and dashboard in one process; embedded database and queue unless configured. */
const configured = loadConfigOrExit();
// Without a VK token the demo crawls the built-in VK API simulator (seeded, following the wall clock).
const simulator = configured.VK_TOKEN ? null : await startVkSimulator({ seed: 'most', now: new Date(), realTime: true, requestsPerSecond: DEMO_REQUESTS_PER_SECOND });
const config = simulator
  ? {
      ...configured,
      VK_API_URL: simulator.url,
      VK_TOKEN: 'demo-simulator',
      VK_TOKEN_KIND: 'service' as const,
      VK_REQUESTS_PER_SECOND: configured.VK_REQUESTS_PER_SECOND ?? DEMO_REQUESTS_PER_SECOND,
    }
  : configured;
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
const simulatorLine = simulator ? `VK API simulator (no VK_TOKEN set): ${simulator.url}\n` : '';
const databaseLine = platform.database.mode === 'embedded' ? `Embedded PostgreSQL (psql-compatible, loopback only): ${platform.database.url}\n` : '';
process.stdout.write(`\nЦифровой мост is running at ${platform.url}\n${databaseLine}${simulatorLine}${demoLines}\n`);
