import type { Queue } from 'bullmq';
import type { Sql } from '@most/db';
import { createTestDatabase, type TestDatabase } from '@most/db/testing';
import type { QueueBackend } from '@most/queue';
import { NETWORKS, type Network } from '@most/shared';
import { createOkSource, createTelegramSource, createVkSource, type SocialSource, type SourceComment, type SourcePost, type SourceProfile } from '@most/sources';
import {
  OK_SIMULATOR_APPLICATION,
  startOkSimulator,
  startVkSimulator,
  type OkSimulator,
  type OkSimulatorOptions,
  type TelegramSimulator,
  type VkSimulator,
  type VkSimulatorOptions,
} from '@most/sources/simulator';
import { createPseudonymiser, createRequestPacer, fingerprint, startCrawlRun, type CrawlOptions } from '@most/worker';

/** Shared pieces of the crawler tests: a simulator with known tokens, registry rows, ground truth, waiting. */

export const CRAWLER_TOKEN = 'crawler-token';
export const PROBE_TOKEN = 'probe-token';
export const BAD_TOKEN = 'invalid-token';
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef0123456789';
export const pseudonymise = createPseudonymiser(TEST_PSEUDONYM_KEY);

/** A simulator whose crawler token has `budget` requests/second and whose probe token is unlimited. */
export async function startSimulator(budget: number, options: Omit<VkSimulatorOptions, 'tokens'> = {}): Promise<VkSimulator> {
  return startVkSimulator({
    seed: 'crawler-tests',
    ...options,
    tokens: {
      [CRAWLER_TOKEN]: { kind: 'service', requestsPerSecond: budget },
      [PROBE_TOKEN]: { kind: 'service', requestsPerSecond: null },
    },
  });
}

/** Crawl options as production builds them: the token's requests paced through the queue backend. */
export function crawlOptions(simulator: VkSimulator, budget: number, queue: QueueBackend, overrides: Partial<CrawlOptions> & { token?: string; timeoutMs?: number } = {}): CrawlOptions {
  const { token = CRAWLER_TOKEN, timeoutMs, ...rest } = overrides;
  const pacer = createRequestPacer(queue, { key: `vk-${fingerprint(token)}`, requestsPerSecond: budget });
  return {
    sources: {
      vk: {
        source: createVkSource({ token, kind: 'service', baseUrl: simulator.url, requestsPerSecond: budget, timeoutMs, acquire: pacer.acquire }),
        tokenFingerprint: fingerprint(token),
        requestsPerSecond: budget,
      },
    },
    pseudonymise,
    now: () => simulator.clock.now(),
    ...rest,
  };
}

const PAGE_URL: Record<Network, (handle: string) => string> = {
  vk: (handle) => `https://vk.com/${handle}`,
  ok: (handle) => `https://ok.ru/${handle}`,
  telegram: (handle) => `https://t.me/${handle}`,
};

/** Registry rows for the given pages of a network; returns account ids by handle. */
export async function addAccounts(sql: Sql, network: Network, handles: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const handle of handles) {
    const [org] = await sql<{ id: number }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector)
      VALUES (${`org_${network}_${handle}`}, ${`Учреждение ${handle}`}, ${`Учр. ${handle}`}, 'subordinate_institution', 'education') RETURNING id`;
    const [account] = await sql<{ id: number }[]>`
      INSERT INTO accounts (organization_id, network, canonical_url, handle)
      VALUES (${org!.id}, ${network}, ${PAGE_URL[network](handle)}, ${handle}) RETURNING id`;
    ids.set(handle, account!.id);
  }
  return ids;
}

/** Registry rows for the given VK screen names; returns account ids by handle. */
export const addVkAccounts = (sql: Sql, handles: string[]): Promise<Map<string, number>> => addAccounts(sql, 'vk', handles);

export interface AccountTruth {
  profile: SourceProfile;
  posts: SourcePost[];
  comments: Map<string, SourceComment[]>;
}

/** What the simulator shows right now, read with the unlimited probe token. */
export async function groundTruth(simulator: VkSimulator, handles: string[]): Promise<Map<string, AccountTruth>> {
  return groundTruthFrom(createVkSource({ token: PROBE_TOKEN, kind: 'service', baseUrl: simulator.url, requestsPerSecond: 1_000 }), handles);
}

/** What a network shows right now through an adapter of its own (not the crawler's). */
export async function groundTruthFrom(probe: SocialSource, handles: string[]): Promise<Map<string, AccountTruth>> {
  const truth = new Map<string, AccountTruth>();
  for (const handle of handles) {
    const ref = { network: probe.network, handle, externalId: null };
    const profile = await probe.getProfile(ref);
    const posts: SourcePost[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await probe.getPostsPage(ref, cursor);
      posts.push(...page.posts);
      if (!(cursor = page.nextCursor)) break;
    }
    const comments = new Map<string, SourceComment[]>();
    for (const post of posts) comments.set(post.externalId, await probe.getComments(ref, post.externalId));
    truth.set(handle, { profile, posts, comments });
  }
  return truth;
}

/** The registered pages' handles with their statuses, in the order they were added. */
export async function accountStatuses(sql: Sql): Promise<[string, string][]> {
  const rows = await sql<{ handle: string; status: string }[]>`SELECT handle, status FROM accounts WHERE removed_at IS NULL ORDER BY id`;
  return rows.map((row) => [row.handle, row.status]);
}

export interface StoredCommentRow {
  handle: string;
  post: string;
  id: string;
  deleted: boolean;
  fromPage: boolean;
  root: string | null;
  rootResolved: string | null;
  replyTo: string | null;
  replyResolved: string | null;
  author: string;
  replyToUser: string | null;
  text: string;
}

export async function storedComments(sql: Sql): Promise<StoredCommentRow[]> {
  return sql<StoredCommentRow[]>`
    SELECT a.handle, p.external_id AS post, c.external_id AS id, c.deleted_at IS NOT NULL AS deleted, c.from_page AS "fromPage",
           c.thread_root_external_id AS root, r.external_id AS "rootResolved",
           c.reply_to_comment_external_id AS "replyTo", q.external_id AS "replyResolved",
           c.author_pseudonym AS author, c.reply_to_user_pseudonym AS "replyToUser", c.text
    FROM comments c JOIN posts p ON p.id = c.post_id JOIN accounts a ON a.id = p.account_id
    LEFT JOIN comments r ON r.id = c.thread_root_id LEFT JOIN comments q ON q.id = c.reply_to_comment_id
    ORDER BY a.handle, p.external_id::bigint, c.external_id::bigint`;
}

/** Comment keys `handle/post/comment` the simulator shows, optionally only for some posts. */
export function truthCommentKeys(truth: Map<string, AccountTruth>, include: (handle: string, post: SourcePost) => boolean = () => true): string[] {
  const keys: string[] = [];
  for (const [handle, account] of truth) {
    for (const post of account.posts) {
      if (!include(handle, post)) continue;
      for (const comment of account.comments.get(post.externalId) ?? []) keys.push(`${handle}/${post.externalId}/${comment.externalId}`);
    }
  }
  return keys.sort();
}

const ACTIVE_STATES = ['active', 'wait', 'waiting', 'delayed', 'prioritized', 'waiting-children'] as const;

async function busy(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts(...ACTIVE_STATES);
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Waits until neither crawl queue has work left (checked twice, since jobs enqueue jobs). */
export async function waitForIdle(queue: QueueBackend, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < deadline) {
    let pending = await busy(queue.queue('crawl'));
    for (const network of NETWORKS) pending += await busy(queue.queue(network));
    quiet = pending === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The crawl did not finish within ${timeoutMs} ms`);
}

/** Starts a posts run at `runAt` and waits for it and everything it enqueued. */
export async function crawlPosts(queue: QueueBackend, runAt: number, timeoutMs?: number, networks: readonly Network[] = ['vk']): Promise<void> {
  await startCrawlRun(queue, 'posts', runAt, networks);
  await waitForIdle(queue, timeoutMs);
}

export async function failedJobs(queue: QueueBackend): Promise<{ name: string; id: string | undefined; reason: string; attempts: number }[]> {
  const failed = [...(await queue.queue('crawl').getFailed())];
  for (const network of NETWORKS) failed.push(...(await queue.queue(network).getFailed()));
  return failed.map((job) => ({ name: job.name, id: job.id, reason: job.failedReason, attempts: job.attemptsMade }));
}

export type { TestDatabase };
export { createTestDatabase };

/** An OK API simulator whose crawler token has `budget` requests/second and whose probe token is unlimited. */
export async function startOkSim(budget: number, options: Omit<OkSimulatorOptions, 'tokens'> = {}): Promise<OkSimulator> {
  return startOkSimulator({ seed: 'crawler-tests', ...options, tokens: { [CRAWLER_TOKEN]: { requestsPerSecond: budget }, [PROBE_TOKEN]: { requestsPerSecond: null } } });
}

const okSource = (simulator: OkSimulator, accessToken: string, requestsPerSecond: number, extra: { timeoutMs?: number; acquire?: () => Promise<() => void> } = {}) =>
  createOkSource({ applicationKey: OK_SIMULATOR_APPLICATION.key, applicationSecretKey: OK_SIMULATOR_APPLICATION.secretKey, accessToken, baseUrl: simulator.url, requestsPerSecond, ...extra });

/** Crawl options reading only OK, paced through the queue backend as production does. */
export function okCrawlOptions(simulator: OkSimulator, budget: number, queue: QueueBackend, overrides: Partial<CrawlOptions> & { token?: string; timeoutMs?: number } = {}): CrawlOptions {
  const { token = CRAWLER_TOKEN, timeoutMs, ...rest } = overrides;
  const pacer = createRequestPacer(queue, { key: `ok-${fingerprint(token)}`, requestsPerSecond: budget });
  return {
    sources: { ok: { source: okSource(simulator, token, budget, { timeoutMs, acquire: pacer.acquire }), tokenFingerprint: fingerprint(token), requestsPerSecond: budget } },
    pseudonymise,
    now: () => simulator.clock.now(),
    ...rest,
  };
}

export const okGroundTruth = (simulator: OkSimulator, handles: string[]) => groundTruthFrom(okSource(simulator, PROBE_TOKEN, 1_000), handles);

/** Crawl options reading only Telegram previews at `budget` pages a second. */
export function telegramCrawlOptions(simulator: TelegramSimulator, budget: number, queue: QueueBackend, overrides: Partial<CrawlOptions> & { timeoutMs?: number } = {}): CrawlOptions {
  const { timeoutMs, ...rest } = overrides;
  const pacer = createRequestPacer(queue, { key: `telegram-${fingerprint(simulator.url)}`, requestsPerSecond: budget });
  return {
    sources: {
      telegram: {
        source: createTelegramSource({ baseUrl: simulator.url, requestsPerSecond: budget, timeoutMs, acquire: pacer.acquire }),
        tokenFingerprint: fingerprint(simulator.url),
        requestsPerSecond: budget,
      },
    },
    pseudonymise,
    now: () => simulator.clock.now(),
    ...rest,
  };
}

/** What the preview shows right now, read from the simulator's model (its HTTP is rate-limited and may be under faults). */
export const telegramGroundTruth = (simulator: TelegramSimulator, handles: string[]) =>
  groundTruthFrom(createTelegramSource({ baseUrl: simulator.url, fetch: simulator.readDirect, acquire: async () => {} }), handles);

type Closable = { close(): Promise<void> } | { drop(): Promise<void> } | undefined;

/** Ends what a suite started, in the order given (worker, queue, simulator, then the database); parts never started are skipped. */
export async function tearDown(...parts: Closable[]): Promise<void> {
  for (const part of parts) {
    if (!part) continue;
    if ('close' in part) await part.close();
    else await part.drop();
  }
}

/** After each test of a suite sharing one simulator: ends what the test started (last first), and clears the simulator's faults and stats. */
export async function endTest(cleanups: (() => Promise<void>)[], simulator: { faults: { clear(): void }; resetStats(): void }): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  simulator.faults.clear();
  simulator.resetStats();
}
