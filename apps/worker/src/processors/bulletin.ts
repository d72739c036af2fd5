import type { ProcessorMap } from '@most/queue';
import { processBulletinDistribute } from './bulletin-distribute';
import { processBulletinEmail } from './bulletin-email';
import { processBulletinGenerate } from './bulletin-generate';
import { createBulletinMailer } from './bulletin-mailer';
import { optionsOrEnv, type ProcessorDeps } from '../options-from-env';
import { bulletinOptionsFromConfig, type BulletinWorkerOptions } from './bulletin-options';
import { processBulletinPdf } from './bulletin-pdf';
import { syncBulletinSchedule } from './bulletin-schedule';
import { processBulletinSweep } from './bulletin-sweep';

export type { BulletinWorkerOptions } from './bulletin-options';
export { syncBulletinSchedule } from './bulletin-schedule';
export { processBulletinSweep } from './bulletin-sweep';

type BulletinDeps = ProcessorDeps<'bulletin', BulletinWorkerOptions>;
const bulletinOptions = optionsOrEnv(bulletinOptionsFromConfig);
const optionsOf = (deps: BulletinDeps) => bulletinOptions(deps.bulletin);

/** The bulletin's jobs, dispatched on the system queue. */
export const BULLETIN_PROCESSORS: ProcessorMap<'bulletin-generate' | 'bulletin-schedule-sync' | 'bulletin-sweep' | 'bulletin-distribute' | 'bulletin-pdf' | 'bulletin-email', BulletinDeps> = {
  'bulletin-generate': (job, deps) => processBulletinGenerate(job, deps.sql),
  'bulletin-schedule-sync': (_job, deps) => syncBulletinSchedule(deps.sql, deps.queue),
  'bulletin-sweep': (_job, deps) => processBulletinSweep(deps.sql, deps.queue, optionsOf(deps)),
  'bulletin-distribute': (job, deps) => processBulletinDistribute(job, deps.sql, deps.queue, optionsOf(deps)),
  'bulletin-pdf': (job, deps) => processBulletinPdf(job, deps.sql, optionsOf(deps)),
  'bulletin-email': async (job, deps) => {
    const options = optionsOf(deps);
    const mailer = createBulletinMailer(options);
    try {
      return await processBulletinEmail(job, deps.sql, mailer, options);
    } finally {
      mailer.close();
    }
  },
};
