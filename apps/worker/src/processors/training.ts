import type { Sql } from '@most/db';
import { finalizeEndedCohorts, startRunningCohorts } from '@most/services';
import type { QueueBackend, ParsedJob, ProcessorMap } from '@most/queue';

export const TRAINING_SCHEDULER_ID = 'training-finalize';
const SARATOV_OFFSET_MS = 4 * 3_600_000;

/** Today's date in Saratov (UTC+4, no daylight saving). */
const saratovToday = (at: Date) => new Date(at.getTime() + SARATOV_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Cohorts that started: enrolled trainees become «Обучается». Cohorts that ended: each active
 * trainee completes or fails by the cohort's completion rule. Both steps are idempotent.
 */
export async function processTrainingFinalize(job: ParsedJob<'training-finalize'>, sql: Sql, now: () => Date = () => new Date()) {
  const payload = job.data;
  const at = now();
  const today = payload.date ?? saratovToday(at);
  const actor = { id: null, label: 'worker:training-finalize' };
  const { started } = await startRunningCohorts(sql, today, actor, at);
  return { started, ...(await finalizeEndedCohorts(sql, today, actor, at)) };
}

/** Hourly (a cohort starts on its first day even when the worker was down at midnight). */
export async function scheduleTraining(queue: QueueBackend): Promise<void> {
  await queue
    .queue('system')
    .upsertJobScheduler(
      TRAINING_SCHEDULER_ID,
      { pattern: '30 * * * *', tz: 'Europe/Saratov' },
      { name: 'training-finalize', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    );
}

export const TRAINING_PROCESSORS: ProcessorMap<'training-finalize', { sql: Sql }> = {
  'training-finalize': (job, deps) => processTrainingFinalize(job, deps.sql),
};
