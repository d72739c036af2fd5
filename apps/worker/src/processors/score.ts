import { ensureMonthlyPartitions, type Sql } from '@most/db';
import { purgeCommentText, scorePeriod, scorePeriodIncremental } from '@most/services';
import { localDateOf, DEFAULT_SLA_POLICY } from '@most/domain';
import type { QueueBackend, ParsedJob, ProcessorMap } from '@most/queue';
import { buildScoreRunSummary } from '../runs/score-summary';

export const SCORE_SCHEDULER_IDS = ['score-week', 'score-month', 'score-quarter', 'score-purge'] as const;

/**
 * Rescores a period: the given date's, or today's in Saratov time. Idempotent (upserts). An
 * incremental job rescores only what changed since the period was last scored.
 */
export async function processScorePeriod(job: ParsedJob<'score-period'>, sql: Sql, now: () => Date = () => new Date(), log?: RunLog) {
  const payload = job.data;
  const startedAt = new Date();
  const at = now();
  const input = {
    periodKind: payload.periodKind,
    date: payload.date ?? localDateOf(at.getTime(), DEFAULT_SLA_POLICY.utcOffsetMinutes),
    methodologyVersion: payload.methodologyVersion,
    now: at,
  };
  const result = payload.incremental && !payload.accountIds ? await scorePeriodIncremental(sql, input) : await scorePeriod(sql, { ...input, accountIds: payload.accountIds });
  const summary = buildScoreRunSummary(
    { periodKind: payload.periodKind, periods: [result.period.key], accounts: result.accounts, organizations: result.organizations, questions: result.questionsMeasured },
    startedAt,
    new Date(),
  );
  log?.('scoring run finished', { ...summary });
  return { period: result.period.key, accounts: result.accounts, organizations: result.organizations, questions: result.questionsMeasured, durationMs: summary.durationMs };
}

/**
 * Daily maintenance: creates the coming months' partitions of the tables partitioned by month (the
 * worker also does at start-up) and destroys citizens' comment text older than the retention period,
 * whole months by partition (the purge is logged).
 */
export async function processScorePurge(job: ParsedJob<'score-purge'>, sql: Sql, now: () => Date = () => new Date()) {
  const { retentionDays } = job.data;
  const at = now();
  const partitionsCreated = await ensureMonthlyPartitions(sql, at);
  const result = await purgeCommentText(sql, { retentionDays, now: at });
  return {
    cutoff: result.cutoff.toISOString(),
    commentsPurged: result.commentsPurged,
    editsDeleted: result.editsDeleted,
    partitionsPurged: result.partitionsPurged,
    partitionsCreated,
  };
}

/**
 * Hourly rescore of the current week, month and quarter (so the hour's crawl shows in scores and
 * SLA figures the same hour), incremental: only the accounts that changed, with a full pass every
 * few hours; and the daily purge (Saratov time).
 */
export async function scheduleScoring(queue: QueueBackend, options: { retentionDays?: number } = {}): Promise<void> {
  const system = queue.queue('system');
  const tz = DEFAULT_SLA_POLICY.timezone;
  for (const [index, periodKind] of (['week', 'month', 'quarter'] as const).entries()) {
    await system.upsertJobScheduler(
      `score-${periodKind}`,
      { pattern: `${15 + 10 * index} * * * *`, tz },
      { name: 'score-period', data: { periodKind, incremental: true }, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
    );
  }
  await system.upsertJobScheduler('score-purge', { pattern: '0 4 * * *', tz }, { name: 'score-purge', data: { retentionDays: options.retentionDays ?? 90 } });
}

type RunLog = (message: string, fields?: Record<string, unknown>) => void;

export const SCORE_PROCESSORS: ProcessorMap<'score-period' | 'score-purge', { sql: Sql; log?: RunLog }> = {
  'score-period': (job, deps) => processScorePeriod(job, deps.sql, undefined, deps.log),
  'score-purge': (job, deps) => processScorePurge(job, deps.sql),
};
