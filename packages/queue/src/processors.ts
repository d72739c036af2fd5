import type { Job } from 'bullmq';
import { NETWORKS, type Network } from '@most/shared';
import { CRAWL_KINDS, crawlJobName, JOBS, parseJobPayload, type CrawlJobName, type CrawlKind, type JobName, type JobPayload, type QueueName } from './jobs';

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

/** One processor per kind of crawl work, whatever the network (the job's payload names it). */
export type CrawlKindProcessors<Deps> = { [K in CrawlKind]: (job: ParsedJob<CrawlJobName<K>>, deps: Deps) => Promise<unknown> };

/**
 * The processors of every network queue from one processor per kind: `vk-posts`, `ok-posts`… all go
 * to the posts processor, after checking that the payload's network is the one the job's name carries.
 */
export function networkQueueProcessors<Deps>(kinds: CrawlKindProcessors<Deps>): QueueProcessors<Network, Deps> {
  const byName: Record<string, (job: ParsedJob<CrawlJobName>, deps: Deps) => Promise<unknown>> = {};
  for (const kind of CRAWL_KINDS) {
    const process = kinds[kind] as (job: ParsedJob<CrawlJobName>, deps: Deps) => Promise<unknown>;
    for (const network of NETWORKS) {
      byName[crawlJobName(network, kind)] = (job, deps) => {
        if (job.name !== crawlJobName(job.data.network, kind)) throw new Error(`Job "${job.name}" does not carry a ${kind} payload of its network (${job.data.network})`);
        return process(job, deps);
      };
    }
  }
  return byName as QueueProcessors<Network, Deps>;
}
