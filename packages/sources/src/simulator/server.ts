import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseExecuteCode } from './execute';
import { answerHttpFault, listen, readBody, sendJson, sendRaw, simulatedRegion, type SimulatorControls, type SimulatorOptions } from './http';
import { groupsGetById, VkApiError, wallGet, wallGetComments, type Params } from './methods';
import { SlidingWindow } from './rate-window';

export type SimulatorTokenKind = 'user' | 'service' | 'community';

export interface VkSimulatorOptions extends SimulatorOptions {
  /**
   * Requests per second allowed per token. Default: by token kind (user 3, community 20, service 5);
   * null turns limiting off.
   */
  requestsPerSecond?: number | null;
  /** Known tokens. When given, any other token is answered with error 5. */
  tokens?: Record<string, { kind: SimulatorTokenKind; requestsPerSecond?: number | null }>;
  /** Kind of tokens not listed in `tokens` (default service). */
  defaultTokenKind?: SimulatorTokenKind;
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

export interface VkSimulator extends SimulatorControls {
  stats(): SimulatorStats;
  /** From now on the token is refused (error 5), as VK does with a revoked token; its requests still count in its stats. */
  revokeToken(token: string): void;
}

const DEFAULT_RATE: Record<SimulatorTokenKind, number> = { user: 3, community: 20, service: 5 };
const KNOWN_METHODS = new Set(['groups.getById', 'wall.get', 'wall.getComments', 'execute']);

export async function startVkSimulator(options: VkSimulatorOptions = {}): Promise<VkSimulator> {
  const seed = options.seed ?? 'most';
  const { clock, world, plan, faults } = simulatedRegion(seed, options, { closed: 0.03, private: 0.04, deleted: 0.03, banned: 0.02, notFound: 0.02 });
  let stats = emptyStats();
  const revoked = new Set<string>();
  const windows = new Map<string, SlidingWindow>();

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
    const fault = plan.next(method);
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
      if (fault === 'malformed_json') return sendRaw(res, 200, 'application/json; charset=utf-8', '{"response": {"count": 3, "items": [{"id": 1, "te');
      if (fault === 'bad_shape') return sendJson(res, 200, { response: { unexpected: 'shape', items: 'none' } });
      if ((await answerHttpFault(fault, req, res, server.hold, plan.slowMs)) === 'answered') return;
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

  const server = await listen(handle, options.port, options.host);
  return {
    url: server.url,
    clock,
    stats: () => structuredClone(stats),
    revokeToken: (token) => {
      revoked.add(token);
    },
    resetStats: () => {
      stats = emptyStats();
      windows.clear();
    },
    faults,
    close: () => server.close(),
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
