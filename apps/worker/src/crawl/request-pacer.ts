import type { QueueBackend } from '@most/queue';
import { createRequestThrottle } from '@most/sources';

/**
 * Keeps a token's requests within its budget across every worker process: no sliding 1 s window,
 * as the API server counts arrivals, ever holds more than the budget (VK answers error 6 otherwise).
 * The 'vk' queue's limiter already paces jobs; this paces the requests themselves, which also
 * covers jobs that need a second request (a long thread) and delays between a job's start and its
 * request.
 *
 * A request holds one of `budget` slots from the moment it is claimed until one second (plus
 * `marginMs`) after its answer arrived. The server sees the request arrive somewhere between those
 * two points, whatever the network latency, timer lag or a pause of the process between claim and
 * send, so the server's window can never hold more than the budget; and no fixed safety margin is
 * taken off the budget (only each request's own round trip). A slot of a process that died with the
 * request in flight frees itself after `inFlightMs`.
 *
 * On the Redis backend the slots live in Redis (a sorted set of slot end times; atomic scripts using
 * Redis's clock); on the PostgreSQL backend (embedded, one process) in this process.
 */
export interface RequestPacer {
  /** Waits for a slot; call the returned function once the answer arrived (or the request failed). */
  acquire(): Promise<() => void>;
}

export interface PacerTiming {
  /** Added to the one second a finished request keeps its slot (default 10). */
  marginMs?: number;
  /** How long an unfinished request keeps its slot at most (default 30 s; above the HTTP timeout). */
  inFlightMs?: number;
}

const CLAIM_COMMAND = 'mostClaimRequestSlot3';
const RELEASE_COMMAND = 'mostReleaseRequestSlot3';
/** KEYS[1]: slots (member → end time). ARGV: count, in-flight ms, member. 0 = claimed, else ms until the next slot may end. */
const CLAIM_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) + 1000))
  return 0
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(first[2]) - now))`;
/** ARGV: window ms, member. The slot now ends a window after the answer. */
const RELEASE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
return 0`;

export interface PacerLimits {
  count: number;
  /** How long a finished request keeps its slot. */
  windowMs: number;
  inFlightMs: number;
}

export function pacerLimits(requestsPerSecond: number, options: PacerTiming = {}): PacerLimits {
  if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
  const margin = options.marginMs ?? 10;
  if (!(margin >= 0)) throw new Error('marginMs must not be negative');
  const count = Math.max(1, Math.floor(requestsPerSecond));
  // A fractional budget counts whole requests per second (2.5 → 2); below one a second, a longer window.
  return { count, windowMs: Math.max(1000, (1000 * count) / requestsPerSecond) + margin, inFlightMs: options.inFlightMs ?? 30_000 };
}

export function createLocalPacer(requestsPerSecond: number): RequestPacer {
  const acquire = createRequestThrottle(requestsPerSecond);
  return { acquire };
}

export function createRequestPacer(queue: QueueBackend, options: { key: string; requestsPerSecond: number } & PacerTiming): RequestPacer {
  if (queue.kind !== 'redis') return createLocalPacer(options.requestsPerSecond);
  const limits = pacerLimits(options.requestsPerSecond, options);
  const key = `${queue.namespace}:request-slots:${options.key}`;
  // While every slot is taken, ask again at this pace (another process may release one).
  const pollMs = Math.max(2, Math.min(25, limits.windowMs / limits.count / 2));
  const defined = new WeakSet<object>();
  let sequence = 0;
  const prefix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const client = async () => {
    const redis = await queue.queue('vk').getBackend().client;
    if (!defined.has(redis)) {
      redis.defineCommand(CLAIM_COMMAND, { numberOfKeys: 1, lua: CLAIM_SLOT });
      redis.defineCommand(RELEASE_COMMAND, { numberOfKeys: 1, lua: RELEASE_SLOT });
      defined.add(redis);
    }
    return redis;
  };
  let wakeWaiter: (() => void) | null = null;
  const claim = async (): Promise<() => void> => {
    const member = `${prefix}-${++sequence}`;
    for (;;) {
      const redis = await client();
      const wait = Number(await redis.runCommand(CLAIM_COMMAND, [key, String(limits.count), String(limits.inFlightMs), member]));
      if (wait <= 0) break;
      // A release in this process wakes the waiter at once; otherwise ask again shortly.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(wait, pollMs));
        wakeWaiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeWaiter = null;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      void client()
        .then((redis) => redis.runCommand(RELEASE_COMMAND, [key, String(limits.windowMs), member]))
        .catch(() => {
          // The slot then ends after inFlightMs: less throughput for a while, never more.
        })
        .finally(() => wakeWaiter?.());
    };
  };
  // Within a process claims go one at a time, in arrival order: one caller asks Redis, not all of them.
  let line: Promise<unknown> = Promise.resolve();
  return {
    acquire() {
      const turn = line.then(claim);
      line = turn.catch(() => {});
      return turn;
    },
  };
}
