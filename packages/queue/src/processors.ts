import type { Job } from 'bullmq';
import { JOBS, parseJobPayload, type JobName, type JobPayload, type QueueName } from './jobs';

/** The jobs of the catalogue that run on queue Q. */
export type JobNameOn<Q extends QueueName> = { [N in JobName]: (typeof JOBS)[N]['queue'] extends Q ? N : never }[JobName];

/** A job as its processor receives it: the payload already parsed (defaults applied) against the catalogue's schema. */
export type ParsedJob<N extends JobName> = Omit<Job, 'name' | 'data'> & { name: N; data: JobPayload<N> };

/** One processor for each of the named jobs. */
export type ProcessorMap<Names extends JobName, Deps> = { [N in Names]: (job: ParsedJob<N>, deps: Deps) => Promise<unknown> };

/** Every job of queue Q has a processor: a job added to the catalogue without one is a type error. */
export type QueueProcessors<Q extends QueueName, Deps> = ProcessorMap<JobNameOn<Q>, Deps>;

/**
 * The function a queue's worker runs: finds the job's processor and parses its payload once, so a
 * processor never sees unchecked data. A name outside the catalogue (an old job left in Redis) fails the job.
 */
export function dispatchJobs<Q extends QueueName, Deps>(processors: QueueProcessors<Q, Deps>, deps: Deps): (job: Job) => Promise<unknown> {
  // Looked up by the job's run-time name: the per-name types meet here, after the name was checked.
  const table = processors as unknown as Record<string, (job: Job, deps: Deps) => Promise<unknown>>;
  return async (job) => {
    const processor = Object.hasOwn(table, job.name) ? table[job.name] : undefined;
    if (!processor || !(job.name in JOBS)) throw new Error(`No processor for job "${job.name}"`);
    job.data = parseJobPayload(job.name as JobName, job.data);
    return processor(job, deps);
  };
}
