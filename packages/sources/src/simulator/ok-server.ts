import type { IncomingMessage, ServerResponse } from 'node:http';
import { okSignature } from '../ok/signature';
import { answerHttpFault, readBody, serveWithLedger, RequestLedger, sendJson, sendRaw, simulatedRegion, type NetworkSimulatorStats, type SimulatorControls, type SimulatorOptions } from './http';
import { communityIdOfGid, decodeTopicId, okCommentObject, okGid, okGroupObject, okTopicObject } from './ok-wire';
import type { SimCommunity } from './world';

/** The application the demo and tests sign requests with (a fictional key pair). */
export const OK_SIMULATOR_APPLICATION = { key: 'CBASIMULATORAPPKEY', secretKey: 'SIMULATOR0SECRET0KEY0123' } as const;

export interface OkSimulatorOptions extends SimulatorOptions {
  /** Requests per second per access token (default 5); null turns limiting off. */
  requestsPerSecond?: number | null;
  /** Known access tokens with their own budgets. When given, any other token is answered with error 102. */
  tokens?: Record<string, { requestsPerSecond?: number | null }>;
  /** application_key → application secret key (default: OK_SIMULATOR_APPLICATION). */
  applications?: Record<string, string>;
}

export interface OkSimulator extends SimulatorControls {
  stats(): NetworkSimulatorStats;
}

class OkApiError extends Error {
  constructor(
    readonly code: number,
    message?: string,
  ) {
    super(message ?? ERROR_TEXT[code] ?? 'UNKNOWN : Unknown error');
  }
}

type Params = Record<string, string>;
const ERROR_TEXT: Record<number, string> = {
  1: 'UNKNOWN : Unknown error',
  2: 'SERVICE : Service is temporary unavailable',
  3: 'METHOD : Method not found',
  8: 'FLOOD_BLOCKED : Flood blocked',
  100: 'PARAM : Missing required parameter',
  101: 'PARAM_API_KEY : Application key is invalid',
  102: 'PARAM_SESSION_EXPIRED : Session expired',
  104: 'PARAM_SIGNATURE : Invalid signature',
  300: 'NOT_FOUND : Object not found',
  455: 'NO_SUCH_APP : Access to the group is restricted',
};
const PAGE_MAX = 100;

/**
 * An OK REST API server (POST or GET /fb.do, format=json) over the same generated region as the VK
 * simulator (its own seed, so OK groups differ from VK pages): url.getInfo, group.getInfo,
 * mediatopic.getTopics and discussions.getComments, with signature checks, a per-token budget
 * (error 8 beyond it) and scripted or random faults.
 */
export async function startOkSimulator(options: OkSimulatorOptions = {}): Promise<OkSimulator> {
  const seed = `${options.seed ?? 'most'}|ok`;
  const { clock, world, plan, faults } = simulatedRegion(seed, options, { closed: 0.03, private: 0.03, deleted: 0.02, banned: 0.01, notFound: 0.02 });
  const applications = options.applications ?? { [OK_SIMULATOR_APPLICATION.key]: OK_SIMULATOR_APPLICATION.secretKey };
  const ledger = new RequestLedger();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname !== '/fb.do' && url.pathname !== '/api/fb.do') return sendRaw(res, 404, 'text/plain', 'Not found');
    const params: Params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(await readBody(req))));
    else if (req.method !== 'GET') return sendRaw(res, 405, 'text/plain', 'Method not allowed');
    const method = params.method ?? '';
    const token = params.access_token ?? '';
    const fail = (code: number, message = ERROR_TEXT[code] ?? 'UNKNOWN : Unknown error'): void => {
      ledger.error(String(code));
      sendJson(res, 200, { error_code: code, error_msg: message, error_data: null });
    };
    const known = options.tokens?.[token];
    const limit = known?.requestsPerSecond !== undefined ? known.requestsPerSecond : options.requestsPerSecond !== undefined ? options.requestsPerSecond : 5;
    if (!ledger.admit(token, method, limit)) return fail(8);
    const secret = applications[params.application_key ?? ''];
    if (secret === undefined) return fail(101);
    if (!token || (options.tokens && !known) || token.startsWith('invalid')) return fail(102);
    if (params.sig !== okSignature(params, token, secret)) return fail(104);
    const fault = plan.next(method);
    if (fault) {
      const code = /^error(\d+)$/.exec(fault)?.[1];
      if (code) return fail(Number(code));
      ledger.error(fault);
      if (fault === 'malformed_json') return sendRaw(res, 200, 'application/json; charset=utf-8', '{"media_topics": [{"id": "1", "crea');
      if (fault === 'bad_shape') return sendJson(res, 200, { unexpected: 'shape', media_topics: 'none', comments: 7 });
      if ((await answerHttpFault(fault, req, res, server.hold, plan.slowMs)) === 'answered') return;
    }
    if (params.format && params.format.toLowerCase() !== 'json') return fail(100, 'PARAM : only format=json is simulated');
    try {
      sendJson(res, 200, run(method, params));
    } catch (error) {
      if (error instanceof OkApiError) return fail(error.code, error.message);
      throw error;
    }
  };

  const missing = (name: string) => new OkApiError(100, `PARAM : Missing required parameter ${name}`);
  const groupByGid = (gid: string): SimCommunity | null => {
    const id = communityIdOfGid(gid);
    return id === null ? null : world.byId(id);
  };
  /** Topics and comments of a group, as a reader who is not a member sees them. */
  const readable = (community: SimCommunity | null): SimCommunity => {
    if (!community || community.state === 'deleted' || community.state === 'banned') throw new OkApiError(300, 'NOT_FOUND : Group not found');
    if (community.state === 'closed' || community.state === 'private') throw new OkApiError(455);
    return community;
  };
  const pageOf = (params: Params): { offset: number; count: number } => {
    const offset = params.anchor ? Number(params.anchor) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new OkApiError(100, 'PARAM : anchor is invalid');
    const count = Math.min(PAGE_MAX, Math.max(1, Number(params.count ?? 20) || 20));
    return { offset, count };
  };

  function run(method: string, params: Params): unknown {
    const now = clock.unix();
    switch (method) {
      case 'url.getInfo': {
        const match = /^https?:\/\/(?:www\.|m\.)?ok\.ru\/(?:group\/(\d+)|([A-Za-z0-9_.]+))\/?$/.exec(params.url ?? '');
        if (!params.url) throw missing('url');
        const community = match?.[1] ? groupByGid(match[1]) : match?.[2] ? world.resolve(match[2]) : null;
        return community ? { type: 'GROUP', objectId: Number(okGid(community)) } : { type: 'UNKNOWN' };
      }
      case 'group.getInfo': {
        const uids = (params.uids ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (uids.length === 0) throw missing('uids');
        if (uids.length > 100) throw new OkApiError(100, 'PARAM : uids: too many ids (at most 100)');
        const fields = new Set(
          (params.fields ?? '')
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        );
        const groups = [...new Set(uids.map(groupByGid).filter((c): c is SimCommunity => c !== null))];
        return groups.map((community) => okGroupObject(community, fields));
      }
      case 'mediatopic.getTopics': {
        if (!params.gid) throw missing('gid');
        const community = readable(groupByGid(params.gid));
        const { offset, count } = pageOf(params);
        const visible = world.postsUpTo(community, now);
        const page = world.wallPage(community, visible, now, offset, count);
        const items = page.items.map(({ post, pinned, comments }) => okTopicObject(community, post, now, pinned, comments));
        const next = offset + items.length;
        return { media_topics: items, anchor: String(next), has_more: next < page.total };
      }
      case 'discussions.getComments': {
        if (!params.discussionId) throw missing('discussionId');
        if ((params.discussionType ?? '').toUpperCase() !== 'GROUP_TOPIC') throw new OkApiError(100, 'PARAM : only discussionType=GROUP_TOPIC is simulated');
        const decoded = decodeTopicId(params.discussionId);
        const community = readable(decoded ? world.byId(decoded.communityId) : null);
        const post = world.postsUpTo(community, now).find((p) => p.id === decoded!.postId);
        if (!post) throw new OkApiError(300, 'NOT_FOUND : Discussion not found');
        const all = world.commentsOf(community, post).filter((c) => c.date <= now);
        const authors = new Map(all.map((c) => [c.id, c.fromId]));
        // Deleted comments are simply gone from OK's answer.
        const visible = all.filter((c) => !(c.deletedAt !== null && c.deletedAt <= now));
        const { offset, count } = pageOf(params);
        const items = visible.slice(offset, offset + count).map((c) => okCommentObject(community, c, (id) => authors.get(id)));
        const next = offset + items.length;
        return { comments: items, anchor: String(next), has_more: next < visible.length };
      }
      default:
        throw new OkApiError(3);
    }
  }

  const server = await serveWithLedger(handle, options, { clock, faults, ledger });
  return server;
}
