import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock, type SimulatorClock } from './clock';
import { FaultPlan, type FaultKind, type FaultOptions } from './faults';
import { parseExecuteCode } from './execute';
import { groupsGetById, VkApiError, wallGet, wallGetComments, type Params } from './methods';
import { SlidingWindow } from './rate-window';
import { readBody, sendJson, sendRaw } from './http';
import { World, type CommunityOverride, type WorldOptions } from './world';

export type SimulatorTokenKind = 'user' | 'service' | 'community';

export interface VkSimulatorOptions {
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
  /** Shares of unavailable communities (default closed 3 %, private 4 %, deleted 3 %, banned 2 %, not found 2 %). */
  mix?: Partial<WorldOptions['mix']>;
  overrides?: Record<string, CommunityOverride>;
  /**
   * Requests per second allowed per token. Default: by token kind (user 3, community 20, service 5);
   * null turns limiting off.
   */
  requestsPerSecond?: number | null;
  /** Known tokens. When given, any other token is answered with error 5. */
  tokens?: Record<string, { kind: SimulatorTokenKind; requestsPerSecond?: number | null }>;
  /** Kind of tokens not listed in `tokens` (default service). */
  defaultTokenKind?: SimulatorTokenKind;
  faults?: FaultOptions;
}

export interface TokenStats {
  requests: number;
  error6: number;
  maxRequestsPerSecond: number;
}

export interface SimulatorStats {
  requests: number;
  /** Requests by method; calls inside execute are counted as `execute/<method>`. */
  byMethod: Record<string, number>;
  /** Answers by VK error code, plus HTTP-level faults (`http500`, `malformed_json`, …). */
  errors: Record<string, number>;
  error6: number;
  /** The most requests that arrived within any sliding 1 s window, for any single token. */
  maxRequestsPerSecond: number;
  byToken: Record<string, TokenStats>;
}

export interface VkSimulator {
  url: string;
  close(): Promise<void>;
  stats(): SimulatorStats;
  resetStats(): void;
  clock: SimulatorClock;
  /** From now on the token is refused (error 5), as VK does with a revoked token; its requests still count in its stats. */
  revokeToken(token: string): void;
  faults: {
    script(kinds: (FaultKind | 'none')[], method?: string): void;
    setRandom(options: FaultOptions): void;
    clear(): void;
  };
}

const DEFAULT_RATE: Record<SimulatorTokenKind, number> = { user: 3, community: 20, service: 5 };
const KNOWN_METHODS = new Set(['groups.getById', 'wall.get', 'wall.getComments', 'execute']);

export async function startVkSimulator(options: VkSimulatorOptions = {}): Promise<VkSimulator> {
  const seed = options.seed ?? 'most';
  const start = options.now ?? new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  const clock = createClock(start, options.realTime ?? false);
  const world = new World({
    seed,
    anchor: Math.floor((options.anchor ?? start).getTime() / 1000),
    historyDays: options.historyDays ?? 180,
    postsPerAccount: options.postsPerAccount,
    commentsPerPost: options.commentsPerPost,
    mix: { closed: 0.03, private: 0.04, deleted: 0.03, banned: 0.02, notFound: 0.02, ...options.mix },
    overrides: options.overrides ?? {},
  });
  const faults = new FaultPlan(seed, options.faults);
  let stats = emptyStats();
  const revoked = new Set<string>();
  const windows = new Map<string, SlidingWindow>();
  const pending = new Set<ServerResponse>();

  const tokenStats = (token: string): TokenStats => (stats.byToken[token] ??= { requests: 0, error6: 0, maxRequestsPerSecond: 0 });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const match = /^\/method\/([A-Za-z]+\.?[A-Za-z]*)$/.exec(url.pathname);
    if (!match?.[1]) return sendRaw(res, 404, 'text/plain', 'Not found');
    const method = match[1];
    const params: Params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(await readBody(req))));
    else if (req.method !== 'GET') return sendRaw(res, 405, 'text/plain', 'Method not allowed');
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = params.access_token || bearer || '';
    stats.requests++;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    const fail = (code: number, message: string): void => {
      stats.errors[String(code)] = (stats.errors[String(code)] ?? 0) + 1;
      sendJson(res, 200, { error: { error_code: code, error_msg: message, request_params: requestParams(method, params) } });
    };
    if (!token) return fail(5, 'User authorization failed: no access_token passed.');
    if (revoked.has(token)) {
      tokenStats(token).requests++;
      return fail(5, 'User authorization failed: access_token has expired.');
    }
    const known = options.tokens?.[token];
    if ((options.tokens && !known) || token.startsWith('invalid')) return fail(5, 'User authorization failed: invalid access_token (4).');
    const kind = known?.kind ?? options.defaultTokenKind ?? 'service';
    const limit = known?.requestsPerSecond !== undefined ? known.requestsPerSecond : options.requestsPerSecond !== undefined ? options.requestsPerSecond : DEFAULT_RATE[kind];
    const perToken = tokenStats(token);
    perToken.requests++;
    let window = windows.get(token);
    if (!window) windows.set(token, (window = new SlidingWindow()));
    const admitted = window.admit(performance.now(), limit);
    perToken.maxRequestsPerSecond = Math.max(perToken.maxRequestsPerSecond, window.maxArrivalsPerSecond);
    stats.maxRequestsPerSecond = Math.max(stats.maxRequestsPerSecond, window.maxArrivalsPerSecond);
    if (!admitted) {
      stats.error6++;
      perToken.error6++;
      return fail(6, 'Too many requests per second');
    }
    const fault = faults.next(method);
    if (fault) {
      const faultCode = /^error(\d+)$/.exec(fault)?.[1];
      if (faultCode) {
        if (fault === 'error6') {
          stats.error6++;
          perToken.error6++;
        }
        return fail(Number(faultCode), FAULT_MESSAGES[Number(faultCode)] ?? 'Unknown error occurred');
      }
      stats.errors[fault] = (stats.errors[fault] ?? 0) + 1;
      switch (fault) {
        case 'hang':
          pending.add(res);
          res.on('close', () => pending.delete(res));
          return;
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, faults.slowMs));
          break;
        case 'malformed_json':
          return sendRaw(res, 200, 'application/json; charset=utf-8', '{"response": {"count": 3, "items": [{"id": 1, "te');
        case 'bad_shape':
          return sendJson(res, 200, { response: { unexpected: 'shape', items: 'none' } });
        case 'reset':
          req.socket.destroy();
          return;
        default:
          return sendRaw(res, Number(fault.slice(4)), 'text/html', `<html><body><h1>${fault.slice(4)} Server Error</h1></body></html>`);
      }
    }
    if (!params.v) return fail(8, 'Invalid request: v (version) is required');
    if (!KNOWN_METHODS.has(method)) return fail(3, 'Unknown method passed');
    const run = (name: string, callParams: Params): unknown => {
      if (kind === 'community' && name.startsWith('wall.')) throw new VkApiError(27, 'Group authorization failed: method is unavailable with group auth.');
      if (name === 'groups.getById') return groupsGetById(world, callParams);
      if (name === 'wall.get') return wallGet(world, clock, callParams);
      if (name === 'wall.getComments') return wallGetComments(world, clock, callParams);
      throw new VkApiError(3, 'Unknown method passed');
    };
    try {
      if (method !== 'execute') return sendJson(res, 200, { response: run(method, params) });
      if (kind === 'service') return fail(28, 'Application authorization failed: method is unavailable with service token.');
      const results: unknown[] = [];
      const executeErrors: { method: string; error_code: number; error_msg: string }[] = [];
      for (const call of parseExecuteCode(params.code ?? '')) {
        const inner = `execute/${call.method}`;
        stats.byMethod[inner] = (stats.byMethod[inner] ?? 0) + 1;
        try {
          results.push(run(call.method, { v: params.v, ...call.params }));
        } catch (error) {
          if (!(error instanceof VkApiError)) throw error;
          results.push(false);
          executeErrors.push({ method: call.method, error_code: error.code, error_msg: error.message });
        }
      }
      sendJson(res, 200, { response: results, ...(executeErrors.length > 0 ? { execute_errors: executeErrors } : {}) });
    } catch (error) {
      if (error instanceof VkApiError) return fail(error.code, error.message);
      throw error;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendRaw(res, 500, 'text/plain', `simulator error: ${String(error)}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    clock,
    stats: () => structuredClone(stats),
    revokeToken: (token) => {
      revoked.add(token);
    },
    resetStats: () => {
      stats = emptyStats();
      windows.clear();
    },
    faults: {
      script: (kinds, method) => faults.script(kinds, method),
      setRandom: (random) => faults.setRandom(random),
      clear: () => faults.clear(),
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of pending) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const FAULT_MESSAGES: Record<number, string> = {
  5: 'User authorization failed: invalid access_token (4).',
  6: 'Too many requests per second',
  9: 'Flood control',
  10: 'Internal server error',
  14: 'Captcha needed',
  29: 'Rate limit reached',
};

function emptyStats(): SimulatorStats {
  return { requests: 0, byMethod: {}, errors: {}, error6: 0, maxRequestsPerSecond: 0, byToken: {} };
}

function requestParams(method: string, params: Params): { key: string; value: string }[] {
  return [
    { key: 'method', value: method },
    { key: 'oauth', value: '1' },
    ...Object.entries(params)
      .filter(([key]) => key !== 'access_token')
      .map(([key, value]) => ({ key, value })),
  ];
}
