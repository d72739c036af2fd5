import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock, type SimulatorClock } from './clock';
import { FaultPlan, type FaultKind, type FaultOptions } from './faults';
import { SlidingWindow } from './rate-window';
import { World, type CommunityOverride, type WorldOptions } from './world';

/**
 * What the network simulators share: their options and start-up (clock, generated region, faults),
 * HTTP plumbing (bodies, answers, listening), per-token rate windows and stats.
 */

/** Options every network simulator takes. */
export interface SimulatorOptions {
  seed?: string;
  port?: number;
  host?: string;
  /** Start of the clock (default: the start of the current UTC day). */
  now?: Date;
  /** When true the clock also follows the wall clock (demo mode). */
  realTime?: boolean;
  /** The generated history is anchored here (default: `now`). */
  anchor?: Date;
  historyDays?: number;
  postsPerAccount?: number;
  commentsPerPost?: number;
  /** Shares of unavailable communities (each network has its defaults). */
  mix?: Partial<WorldOptions['mix']>;
  overrides?: Record<string, CommunityOverride>;
  faults?: FaultOptions;
}

/** Faults a test injects: scripted for the next requests (of a method), or at random. */
export interface SimulatorFaults {
  script(kinds: (FaultKind | 'none')[], method?: string): void;
  setRandom(options: FaultOptions): void;
  clear(): void;
}

/** What every running network simulator offers. */
export interface SimulatorControls {
  url: string;
  close(): Promise<void>;
  resetStats(): void;
  clock: SimulatorClock;
  faults: SimulatorFaults;
}

/** The clock, the generated region and the fault plan of a simulator, from its options and the network's shares of unavailable pages. */
export function simulatedRegion(seed: string, options: SimulatorOptions, defaultMix: WorldOptions['mix']) {
  const start = options.now ?? new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  const world = new World({
    seed,
    anchor: Math.floor((options.anchor ?? start).getTime() / 1000),
    historyDays: options.historyDays ?? 180,
    postsPerAccount: options.postsPerAccount,
    commentsPerPost: options.commentsPerPost,
    mix: { ...defaultMix, ...options.mix },
    overrides: options.overrides ?? {},
  });
  const plan = new FaultPlan(seed, options.faults);
  const faults: SimulatorFaults = { script: (kinds, method) => plan.script(kinds, method), setRandom: (random) => plan.setRandom(random), clear: () => plan.clear() };
  return { clock: createClock(start, options.realTime ?? false), world, plan, faults };
}

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendRaw(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export interface ListeningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `handle` on host:port; failures of the handler become HTTP 500. Requests held open (`hang`) end on close. */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port = 0, host = '127.0.0.1'): Promise<ListeningServer & { hold(res: ServerResponse): void }> {
  const pending = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendRaw(res, 500, 'text/plain', `simulator error: ${String(error)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`,
    hold: (res) => {
      pending.add(res);
      res.on('close', () => pending.delete(res));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What a simulator saw, for tests and benchmarks; `rateLimited` counts answers refusing a request over the budget. */
export interface NetworkSimulatorStats {
  requests: number;
  byMethod: Record<string, number>;
  /** Answers by the network's error code, plus HTTP-level faults (`http500`, `malformed_json`, …). */
  errors: Record<string, number>;
  rateLimited: number;
  /** The most requests that arrived within any sliding 1 s window, for any single token. */
  maxRequestsPerSecond: number;
  byToken: Record<string, { requests: number; rateLimited: number; maxRequestsPerSecond: number }>;
}

/** Counts requests and enforces a per-token budget with sliding 1 s windows. */
export class RequestLedger {
  stats: NetworkSimulatorStats = RequestLedger.empty();
  private windows = new Map<string, SlidingWindow>();

  static empty(): NetworkSimulatorStats {
    return { requests: 0, byMethod: {}, errors: {}, rateLimited: 0, maxRequestsPerSecond: 0, byToken: {} };
  }

  /** Records the request; false when the token's budget for the last second is spent. */
  admit(token: string, method: string, limit: number | null): boolean {
    const stats = this.stats;
    stats.requests++;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    const perToken = (stats.byToken[token] ??= { requests: 0, rateLimited: 0, maxRequestsPerSecond: 0 });
    perToken.requests++;
    let window = this.windows.get(token);
    if (!window) this.windows.set(token, (window = new SlidingWindow()));
    const admitted = window.admit(performance.now(), limit);
    perToken.maxRequestsPerSecond = Math.max(perToken.maxRequestsPerSecond, window.maxArrivalsPerSecond);
    stats.maxRequestsPerSecond = Math.max(stats.maxRequestsPerSecond, window.maxArrivalsPerSecond);
    if (!admitted) {
      stats.rateLimited++;
      perToken.rateLimited++;
    }
    return admitted;
  }

  error(key: string): void {
    this.stats.errors[key] = (this.stats.errors[key] ?? 0) + 1;
  }

  reset(): void {
    this.stats = RequestLedger.empty();
    this.windows.clear();
  }
}

/** HTTP-level faults every simulator answers the same way; returns true when the answer was sent (or withheld). */
export async function answerHttpFault(fault: FaultKind, req: IncomingMessage, res: ServerResponse, hold: (res: ServerResponse) => void, slowMs: number): Promise<'answered' | 'continue'> {
  switch (fault) {
    case 'hang':
      hold(res);
      return 'answered';
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      return 'continue';
    case 'reset':
      req.socket.destroy();
      return 'answered';
    case 'http500':
    case 'http502':
    case 'http503':
      sendRaw(res, Number(fault.slice(4)), 'text/html', `<html><body><h1>${fault.slice(4)} Server Error</h1></body></html>`);
      return 'answered';
    default:
      return 'continue';
  }
}

/** Serves a simulator whose requests a RequestLedger counts: its controls, its stats, and `hold` for answers withheld (`hang`). */
export async function serveWithLedger(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  options: Pick<SimulatorOptions, 'port' | 'host'>,
  parts: { clock: SimulatorClock; faults: SimulatorFaults; ledger: RequestLedger },
): Promise<SimulatorControls & { stats(): NetworkSimulatorStats; hold(res: ServerResponse): void }> {
  const server = await listen(handle, options.port, options.host);
  return {
    url: server.url,
    clock: parts.clock,
    faults: parts.faults,
    stats: () => structuredClone(parts.ledger.stats),
    resetStats: () => parts.ledger.reset(),
    hold: server.hold,
    close: () => server.close(),
  };
}
