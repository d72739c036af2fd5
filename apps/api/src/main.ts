import { loadConfigOrExit } from '@most/shared';
import { closeOnSignals, startPlatform } from './platform';

/** Production API process (`npm run start:api`); workers run separately with `npm run start:worker`. */
const config = loadConfigOrExit();
if (!config.DATABASE_URL) {
  process.stderr.write('DATABASE_URL: required for a separate API process (use `npm start` for the embedded mode)\n');
  process.exit(78);
}
if (!config.PUBLIC_URL) {
  process.stderr.write('PUBLIC_URL: required for a separate API process (the origin put into links; the Host header is never trusted)\n');
  process.exit(78);
}
const platform = await startPlatform({ config, api: true, worker: false, migrate: false });
closeOnSignals(platform);
platform.logger.info({ url: platform.url, queue: platform.queue.kind }, 'api ready');
