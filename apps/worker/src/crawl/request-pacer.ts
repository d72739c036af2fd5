import type { QueueBackend } from '@most/queue';

/**
 * Spaces a token's requests at least `period` apart across every worker process, so no sliding
 * 1 s window ever holds more than the budget (VK counts requests as they arrive, not per job).
 * The 'vk' queue's limiter already paces jobs; this paces the requests themselves, which also
 * covers jobs that need a second request (a long thread) and delays between a job's start and its
 * request. A slot is claimed only when it is due and the request leaves right after, so a waiter
 * that wakes late never bunches up with later requests. `marginMs` absorbs the remaining jitter
 * (claim → arrival): the budget is spread over 1000 + margin ms (50 ms by default).
 *
 * On the Redis backend the next free slot lives in Redis (one atomic script using Redis's clock);
 * on the PostgreSQL backend (embedded, one process) it lives in this process.
 */
export interface RequestPacer {
  acquire(): Promise<void>;
}

const CLAIM_SLOT_COMMAND = 'mostClaimRequestSlot';
/** Claims the slot if it is free now (returns 0) or says how long until it is (ms). Uses Redis's clock. */
const CLAIM_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if now >= free then
  redis.call('SET', KEYS[1], tostring(now + tonumber(ARGV[1])), 'PX', 60000)
  return 0
end
return math.ceil(free - now)`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function requestPeriodMs(requestsPerSecond: number, marginMs: number): number {
  if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
  return (1000 + marginMs) / requestsPerSecond;
}

export function createLocalPacer(requestsPerSecond: number, marginMs = 50): RequestPacer {
  const period = requestPeriodMs(requestsPerSecond, marginMs);
  let free = 0;
  return {
    async acquire() {
      for (;;) {
        const now = performance.now();
        if (now >= free) {
          free = now + period;
          return;
        }
        await sleep(free - now);
      }
    },
  };
}

export function createRequestPacer(queue: QueueBackend, options: { key: string; requestsPerSecond: number; marginMs?: number }): RequestPacer {
  const marginMs = options.marginMs ?? 50;
  if (queue.kind !== 'redis') return createLocalPacer(options.requestsPerSecond, marginMs);
  const period = requestPeriodMs(options.requestsPerSecond, marginMs);
  const key = `${queue.namespace}:request-pacer:${options.key}`;
  const defined = new WeakSet<object>();
  const claim = async (): Promise<void> => {
    const client = await queue.queue('vk').getBackend().client;
    if (!defined.has(client)) {
      client.defineCommand(CLAIM_SLOT_COMMAND, { numberOfKeys: 1, lua: CLAIM_SLOT });
      defined.add(client);
    }
    for (;;) {
      const wait = Number(await client.runCommand(CLAIM_SLOT_COMMAND, [key, String(period)]));
      if (wait <= 0) return;
      await sleep(wait);
    }
  };
  // Within a process claims go one at a time, in arrival order: one caller asks Redis, not all of them.
  let line: Promise<void> = Promise.resolve();
  return {
    acquire() {
      const turn = line.then(claim);
      line = turn.catch(() => {});
      return turn;
    },
  };
}
