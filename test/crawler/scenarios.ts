import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import { createTestQueueBackend, TEST_REDIS_URL } from '@most/queue/testing';
import type { FaultKind } from '@most/sources/simulator';
import { startCrawlRun, startWorker, type WorkerHandle } from '@most/worker';
import { addAccounts, createTestDatabase, failedJobs, pseudonymise, storedComments, TEST_PSEUDONYM_KEY, truthCommentKeys, waitForIdle, type AccountTruth, type TestDatabase } from './harness';
import type { NetworkKit, SimulatedWorld, SimulatorUnderTest } from './network-kits';
import { killed, loadWorkerProcess } from './worker-spawn';

/**
 * The end-to-end scenarios every network passes, parametrised by its kit: a worker killed with -9 in the
 * middle of a crawl, and two workers sharing one budget under injected faults. What is counted is what the
 * network shows: comments where it shows them, posts otherwise (Telegram's preview).
 */

const NOW = new Date('2026-11-20T00:00:00Z');

interface Scenario {
  kit: NetworkKit;
  budget: number;
  handles: string[];
  world: Omit<SimulatedWorld, 'now'>;
}

const itemsName = (kit: NetworkKit) => (kit.readsComments ? 'comment' : 'post');

/** Keys `handle/post[/comment]` of what is stored, sorted. */
async function storedKeys(sql: Sql, kit: NetworkKit): Promise<string[]> {
  if (kit.readsComments) return (await storedComments(sql)).map((c) => `${c.handle}/${c.post}/${c.id}`).sort();
  const posts = await sql<{ handle: string; post: string }[]>`SELECT a.handle, p.external_id AS post FROM posts p JOIN accounts a ON a.id = p.account_id`;
  return posts.map((p) => `${p.handle}/${p.post}`).sort();
}

function truthKeys(truth: Map<string, AccountTruth>, kit: NetworkKit): string[] {
  if (kit.readsComments) return truthCommentKeys(truth);
  return [...truth].flatMap(([handle, account]) => account.posts.map((post) => `${handle}/${post.externalId}`)).sort();
}

async function countStored(sql: Sql, kit: NetworkKit): Promise<number> {
  const [row] = kit.readsComments ? await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM comments` : await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM posts`;
  return row!.n;
}

async function expectPostsOnce(sql: Sql, truth: Map<string, AccountTruth>): Promise<void> {
  const [posts] = await sql`SELECT count(*)::int AS n, count(DISTINCT (account_id, external_id))::int AS d FROM posts`;
  expect(posts!.n).toBe(posts!.d);
  expect(posts!.n).toBe([...truth.values()].reduce((sum, t) => sum + t.posts.length, 0));
}

/** Polls `done` every 20 ms for up to 30 s; fails naming `what` otherwise. */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Not within 30 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function lifecycle(scenario: Scenario) {
  const state = {} as { db: TestDatabase; simulator: SimulatorUnderTest; queue: QueueBackend };
  beforeAll(async () => {
    state.db = await createTestDatabase();
    state.simulator = await scenario.kit.start(scenario.budget, { now: NOW, ...scenario.world });
    state.queue = await createTestQueueBackend('redis', state.db.url);
    await addAccounts(state.db.sql, scenario.kit.network, scenario.handles);
  });
  return state;
}

async function closeAll(state: Partial<{ db: TestDatabase; simulator: SimulatorUnderTest; queue: QueueBackend }>): Promise<void> {
  await state.queue?.close();
  await state.simulator?.close();
  await state.db?.drop();
}

/** kill -9 of a worker process once `killAfter` items are stored; a successor finishes with no duplicate and nothing missing. */
export function describeKillRestart(scenario: Scenario & { killAfter: number }): void {
  const { kit } = scenario;
  describe(`kill -9 of a worker in the middle of a ${kit.network} crawl`, () => {
    const state = lifecycle(scenario);
    const children: ChildProcess[] = [];
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await closeAll(state);
    });

    it(`a successor finishes the crawl with no duplicate and no missing ${itemsName(kit)}`, async () => {
      const { db, simulator, queue } = state;
      const env = {
        ...simulator.workerEnv,
        DATABASE_URL: db.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_NAMESPACE: queue.namespace,
        PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
        CRAWL_NOW: String(NOW.getTime()),
      };
      // Both processes load at once; the successor only starts after the kill.
      const [first, second] = await Promise.all([loadWorkerProcess(env), loadWorkerProcess(env)]);
      children.push(first.child, second.child);
      await first.start();
      await startCrawlRun(queue, 'posts', NOW.getTime(), [kit.network]);

      // Kill it once a part is in, with a job provably in flight: the simulator holds its next request open
      // (a network paced at a few requests a second has most of its time no job running at all).
      let storedAtKill = 0;
      await until(async () => (storedAtKill = await countStored(db.sql, kit)) >= scenario.killAfter, 'the first items were stored');
      simulator.faults.script(['hang']);
      await until(async () => (simulator.stats().errors.hang ?? 0) > 0, 'a request is held in flight');
      const exit = killed(first.child);
      first.child.kill('SIGKILL');
      expect(await exit).toBe('SIGKILL');
      expect(await queue.queue(kit.network).getActiveCount()).toBeGreaterThan(0);

      await second.start();
      await waitForIdle(queue, 90_000);
      second.child.kill('SIGTERM');

      expect(await failedJobs(queue)).toEqual([]);
      const truth = await simulator.groundTruth(scenario.handles);
      const expected = truthKeys(truth, kit);
      expect(storedAtKill).toBeGreaterThan(0);
      expect(storedAtKill).toBeLessThan(expected.length);
      expect(await storedKeys(db.sql, kit)).toEqual(expected);
      await expectPostsOnce(db.sql, truth);
      if (kit.readsComments) {
        const authors = new Map([...truth].flatMap(([h, t]) => [...t.comments].flatMap(([p, list]) => list.map((c) => [`${h}/${p}/${c.externalId}`, c.authorId] as const))));
        const stored = (await storedComments(db.sql)).filter((c) => !c.deleted);
        expect(stored.length).toBeGreaterThan(0);
        expect(stored.every((c) => c.author === pseudonymise(kit.network, authors.get(`${c.handle}/${c.post}/${c.id}`)!))).toBe(true);
      }
    });
  });
}

/** Two workers with adapters of their own share one budget (through the queue backend only) under injected faults. */
export function describeRateUnderFaults(scenario: Scenario & { scripted?: { kind: FaultKind; method: string; counted: string } }): void {
  const { kit } = scenario;
  describe(`the ${kit.network} request budget under faults, shared by two workers`, () => {
    const state = lifecycle(scenario);
    const workers: WorkerHandle[] = [];
    afterAll(async () => {
      for (const worker of workers) await worker.close();
      await closeAll(state);
    });

    it('never exceeds the budget in any 1 s window, is never refused for pace, and completes despite injected faults', async () => {
      const { db, simulator, queue } = state;
      for (let i = 0; i < 2; i++) workers.push(await startWorker({ sql: db.sql, queue, crawl: simulator.crawlOptions(queue, { concurrency: 4, timeoutMs: 1_500 }) }));
      simulator.faults.setRandom({ probability: 0.12, kinds: [kit.serviceFault.kind, 'http502', 'slow'], slowMs: 300 });
      // One service error surely, whatever the random draw gives a small crawl.
      simulator.faults.script([kit.serviceFault.kind]);
      if (scenario.scripted) simulator.faults.script([scenario.scripted.kind], scenario.scripted.method);
      await startCrawlRun(queue, 'profiles', NOW.getTime(), [kit.network]);
      await waitForIdle(queue, 60_000);
      await startCrawlRun(queue, 'posts', NOW.getTime(), [kit.network]);
      await waitForIdle(queue, 90_000);
      simulator.faults.clear();

      const { errors, crawler } = simulator.stats();
      expect(errors[kit.serviceFault.counted] ?? 0).toBeGreaterThan(0);
      if (scenario.scripted) expect(errors[scenario.scripted.counted]).toBe(1);
      expect(crawler.rateLimited).toBe(0);
      expect(crawler.maxRequestsPerSecond).toBeLessThanOrEqual(scenario.budget);
      expect(crawler.requests).toBeGreaterThan(3 * scenario.budget);

      expect(await failedJobs(queue)).toEqual([]);
      const truth = await simulator.groundTruth(scenario.handles);
      expect(await storedKeys(db.sql, kit)).toEqual(truthKeys(truth, kit));
      await expectPostsOnce(db.sql, truth);
    });
  });
}
