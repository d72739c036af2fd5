import { ALERT_SWEEP_EVERY_MS } from '@most/domain';
import { missingSchedulers, type ProcessorMap, type QueueBackend } from '@most/queue';
import { createBulletinMailer } from '../processors/bulletin-mailer';
import { optionsOrEnv, type ProcessorDeps } from '../options-from-env';
import { alertOptionsFromConfig, type AlertWorkerOptions } from './options';
import { runAlertsSweep, telegramBotOf } from './sweep';

export const ALERTS_SCHEDULER_ID = 'alerts-sweep';

type AlertDeps = ProcessorDeps<'alerts', AlertWorkerOptions>;
const alertOptions = optionsOrEnv(alertOptionsFromConfig);
const optionsOf = (deps: AlertDeps) => alertOptions(deps.alerts);

/** Schedules the alerts sweep every ALERT_SWEEP_EVERY_MS. */
export async function scheduleAlerts(queue: QueueBackend): Promise<void> {
  await queue.queue('system').upsertJobScheduler(ALERTS_SCHEDULER_ID, { every: ALERT_SWEEP_EVERY_MS }, { name: 'alerts-sweep', data: {}, opts: { attempts: 1 } });
}

export const ALERT_PROCESSORS: ProcessorMap<'alerts-sweep', AlertDeps> = {
  'alerts-sweep': async (_job, deps) => {
    const options = optionsOf(deps);
    const mailer = createBulletinMailer(options);
    const missing = await missingSchedulers(deps.queue).catch(() => []);
    try {
      return await runAlertsSweep(deps.sql, { mailer, telegram: telegramBotOf(options) }, { ...options, missingSchedules: missing.map((m) => m.id) });
    } finally {
      mailer.close();
    }
  },
};
