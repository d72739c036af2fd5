import type { QueueBackend } from '@most/queue';

/**
 * Spaces a token's requests across every worker process so that no sliding 1 s window ever holds
 * more than the budget (VK counts requests as they arrive, not per job). The 'vk' queue's limiter
 * already paces jobs; this paces the requests themselves, which also covers jobs that need a second
 * request (a long thread) and delays between a job's start and its request.
 *
 * The schedule is a virtual clock (GCRA): slot n+1 is due `period` after slot n. A slot is claimed
 * only once it is due and the request leaves right after the claim. A waiter that wakes up late
 * (timer lag, a busy event loop, the round trip to Redis) takes its slot late, but the next slot
 * stays where the schedule put it as long as the lateness is within `toleranceMs`, so lateness is
 * not lost from the budget; lateness beyond that (an idle token) is forgotten.
 *
 * The guarantee: any budget + 1 consecutive claims span at least `budget × period − tolerance`
 * = 1000 + `marginMs` ms (period = (1000 + margin + tolerance) / budget). `marginMs` absorbs the
 * remaining jitter between a claim and the request's arrival (50 ms by default; tolerance 20 ms).
 *
 * On the Redis backend the schedule lives in Redis (one atomic script using Redis's clock); on the
 * PostgreSQL backend (embedded, one process) it lives in this process.
 */
export interface RequestPacer {
  acquire(): Promise<void>;
}

export interface PacerTiming {
  /** Extra span over 1000 ms of any budget + 1 consecutive requests (default 50). */
  marginMs?: number;
  /** Lateness of a claim that the schedule absorbs (default 20). */
  toleranceMs?: number;
}

const CLAIM_SLOT_COMMAND = 'mostClaimRequestSlotV2';
/**
 * KEYS[1] holds the time the next slot is due. Claims it if it is due now (returns 0) or says how
 * long until it is (ms). ARGV: period, tolerance. Uses Redis's clock.
 */
const CLAIM_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local due = tonumber(redis.call('GET', KEYS[1]) or '0')
if now >= due then
  local base = math.max(due, now - tonumber(ARGV[2]))
  redis.call('SET', KEYS[1], tostring(base + tonumber(ARGV[1])), 'PX', 60000)
  return 0
end
return math.ceil(due - now)`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DEFAULT_MARGIN_MS = 50;
const DEFAULT_TOLERANCE_MS = 20;

function timing(requestsPerSecond: number, options: PacerTiming): { period: number; tolerance: number } {
  if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
  const margin = options.marginMs ?? DEFAULT_MARGIN_MS;
  const tolerance = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  if (!(margin >= 0) || !(tolerance >= 0)) throw new Error('marginMs and toleranceMs must not be negative');
  return { period: requestPeriodMs(requestsPerSecond, margin + tolerance), tolerance };
}

export function requestPeriodMs(requestsPerSecond: number, extraMs: number): number {
  if (!(requestsPerSecond > 0)) throw new Error('requestsPerSecond must be positive');
  return (1000 + extraMs) / requestsPerSecond;
}

/** Claims the slot due at `due` (mutated through the returned value); the same rule as CLAIM_SLOT. */
export function claimSlot(due: number, now: number, period: number, tolerance: number): { wait: number; due: number } {
  if (now >= due) return { wait: 0, due: Math.max(due, now - tolerance) + period };
  return { wait: Math.ceil(due - now), due };
}

export function createLocalPacer(requestsPerSecond: number, options: PacerTiming = {}): RequestPacer {
  const { period, tolerance } = timing(requestsPerSecond, options);
  let due = 0;
  let line: Promise<void> = Promise.resolve();
  const claim = async (): Promise<void> => {
    for (;;) {
      const outcome = claimSlot(due, performance.now(), period, tolerance);
      due = outcome.due;
      if (outcome.wait === 0) return;
      await sleep(outcome.wait);
    }
  };
  return {
    acquire() {
      const turn = line.then(claim);
      line = turn.catch(() => {});
      return turn;
    },
  };
}

export function createRequestPacer(queue: QueueBackend, options: { key: string; requestsPerSecond: number } & PacerTiming): RequestPacer {
  if (queue.kind !== 'redis') return createLocalPacer(options.requestsPerSecond, options);
  const { period, tolerance } = timing(options.requestsPerSecond, options);
  const key = `${queue.namespace}:request-pacer:${options.key}`;
  const defined = new WeakSet<object>();
  const claim = async (): Promise<void> => {
    const client = await queue.queue('vk').getBackend().client;
    if (!defined.has(client)) {
      client.defineCommand(CLAIM_SLOT_COMMAND, { numberOfKeys: 1, lua: CLAIM_SLOT });
      defined.add(client);
    }
    for (;;) {
      const wait = Number(await client.runCommand(CLAIM_SLOT_COMMAND, [key, String(period), String(tolerance)]));
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
