import { z } from 'zod';

import { NETWORKS, networkSchema, type Network } from '@most/shared';

/**
 * Every queue of the platform. Names never contain ':' (BullMQ reserves it on Redis). Each network
 * has a queue of its own, so that its limiter is that network's request budget.
 */
export const QUEUE_NAMES = ['system', 'crawl', ...NETWORKS] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const accountId = z.number().int().positive();
/** Start of the crawl run (ms since epoch): part of job ids and the time counters are recorded under. */
const runAt = z.number().int().positive();

const crawlFanoutPayload = z.object({
  part: z.enum(['profiles', 'posts']),
  network: networkSchema.default('vk'),
  /** Absent on the scheduler's job: the run starts then. */
  runAt: runAt.optional(),
  /** Keyset paging through accounts by id. */
  afterId: z.number().int().nonnegative().default(0),
  /** Interval of the schedule, to tell the dashboard when the next run is due. */
  everyMs: z.number().int().positive().optional(),
});
/** Accounts of one network whose profiles one job reads (VK: up to 500 in one groups.getById request). */
const profilesPayload = z.object({
  network: networkSchema,
  accountIds: z.array(accountId).min(1).max(500),
  runAt,
  /** An operator's "crawl now": read the posts of the pages found active right after. */
  thenPosts: z.boolean().default(false),
});
const postsPayload = z.object({
  network: networkSchema,
  accountId,
  runAt,
  /** The source's opaque cursor of this page; null for the newest page. */
  cursor: z.string().max(200).nullable().default(null),
  page: z.number().int().nonnegative().default(0),
  /** Newest (non-pinned) post of the run, carried from the first page to the last, which sets the watermark. */
  newest: z
    .object({ externalId: z.string().min(1).max(100), publishedAt: z.number().int() })
    .nullable()
    .default(null),
  /** 'fresh': the fresh pass's read of the newest page only (no paging, no watermark), counted against its budget share; absent: the hourly run. */
  pass: z.enum(['hourly', 'fresh']).optional(),
});
const commentsPayload = z.object({
  network: networkSchema,
  accountId,
  /** The hourly run, or the fresh pass's tick, the read belongs to. */
  runAt,
  postId: z.number().int().positive(),
  postExternalId: z.string().min(1).max(100),
  /** When the post was published (ms): keeps the post's lookups to the partitions that can hold it (absent on jobs queued before). */
  postPublishedAt: z.number().int().optional(),
  /** 'fresh': a re-read of a recent post between hourly runs, counted against the fresh pass's budget share. */
  pass: z.enum(['hourly', 'fresh']).default('hourly'),
});

/** The kinds of crawl work; each runs as job `<network>-<kind>` on the network's queue. */
export const CRAWL_KINDS = ['profiles', 'posts', 'comments'] as const;
export type CrawlKind = (typeof CRAWL_KINDS)[number];
const CRAWL_PAYLOADS = { profiles: profilesPayload, posts: postsPayload, comments: commentsPayload } as const;
export type CrawlJobName<K extends CrawlKind = CrawlKind, N extends Network = Network> = `${N}-${K}`;
/** Each crawl job runs on its own network's queue: `vk-posts` on `vk` (so `JobNameOn<'vk'>` names exactly the VK jobs). */
type CrawlJobs = {
  [J in CrawlJobName]: { queue: J extends CrawlJobName<CrawlKind, infer N> ? N : never; payload: (typeof CRAWL_PAYLOADS)[J extends `${string}-${infer K extends CrawlKind}` ? K : never] };
};

/** The job name of one kind of crawl work on one network ('vk-posts', 'ok-comments', …). */
export const crawlJobName = <K extends CrawlKind, N extends Network>(network: N, kind: K): CrawlJobName<K, N> => `${network}-${kind}`;

const CRAWL_JOBS = Object.fromEntries(NETWORKS.flatMap((network) => CRAWL_KINDS.map((kind) => [crawlJobName(network, kind), { queue: network, payload: CRAWL_PAYLOADS[kind] }]))) as CrawlJobs;

/** Job names with the queue they run on and the payload schema checked on enqueue and on process. */
export const JOBS = {
  smoke: { queue: 'system', payload: z.object({ nonce: z.string().min(1).max(100) }) },
  // Crawl: fan-out jobs page through accounts (no network request, queue 'crawl'); every job of a
  // network's queue makes about one request, so that queue's limiter is the network's request budget.
  'crawl-fanout': { queue: 'crawl', payload: crawlFanoutPayload },
  ...CRAWL_JOBS,
  // Fresh pass: one tick plans re-reads of recent posts' comments within its budget share (no network request).
  'crawl-fresh': { queue: 'crawl', payload: z.object({ network: networkSchema, tickAt: runAt.optional() }) },
  // Watches a crawl run until none of its jobs is left, then records and logs its summary (re-enqueued with a delay until then).
  'crawl-run-summary': {
    queue: 'system',
    payload: z.object({
      network: networkSchema,
      runAt,
      check: z.number().int().nonnegative().default(0),
      quiet: z.number().int().nonnegative().default(0),
      everyMs: z.number().int().min(50).max(600_000).default(10_000),
    }),
  },
  // Bulletin: drafts on a schedule; after publication a PDF and one e-mail job per recipient.
  'bulletin-generate': {
    queue: 'system',
    payload: z.object({
      periodKey: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2]|q[1-4])$/)
        .optional(),
    }),
  },
  'bulletin-schedule-sync': { queue: 'system', payload: z.object({}) },
  'bulletin-distribute': { queue: 'system', payload: z.object({ issueId: z.number().int().positive() }) },
  'bulletin-pdf': { queue: 'system', payload: z.object({ issueId: z.number().int().positive() }) },
  'bulletin-email': { queue: 'system', payload: z.object({ deliveryId: z.number().int().positive() }) },
  // Every minute: distribute recently published issues (an outbox over the issues table) and apply schedule changes.
  'bulletin-sweep': { queue: 'system', payload: z.object({}) },
  // Scoring: rescore a period (by default the current one in Europe/Saratov) and purge old comment text.
  'score-period': {
    queue: 'system',
    payload: z.object({
      periodKind: z.enum(['week', 'month', 'quarter']),
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      methodologyVersion: z.number().int().positive().optional(),
      accountIds: z.array(accountId).max(10_000).optional(),
      /** Rescore only what changed since the period was last scored (the hourly schedule). */
      incremental: z.boolean().optional(),
    }),
  },
  'score-purge': { queue: 'system', payload: z.object({ retentionDays: z.number().int().min(1).max(3650).default(90) }) },
  // Training: nightly, cohorts that ended move their active trainees to completed or failed.
  'training-finalize': {
    queue: 'system',
    payload: z.object({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  },
  // Alerts: every minute, evaluate the rules and send what is due (idempotent: keyed rows in the database).
  'alerts-sweep': { queue: 'system', payload: z.object({}) },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = JOBS[name].payload.safeParse(data);
  if (!result.success) {
    throw new Error(`Invalid payload for job "${name}": ${result.error.issues.map((i) => `${i.path.join('.') || 'payload'} ${i.message}`).join('; ')}`);
  }
  return result.data as JobPayload<N>;
}

/** Defaults for every job: bounded retries with exponential backoff and bounded history. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
} as const;

export type CrawlPayload<K extends CrawlKind> = z.infer<(typeof CRAWL_PAYLOADS)[K]>;
