import { z } from 'zod';
import { describeError } from '../http';
import { SourceError } from '../types';
import { vkErrorToSourceError, type VkCallSubject } from './errors';
import { envelopeSchema } from './schemas';

export type VkTokenKind = 'user' | 'service' | 'community';

/** Requests per second VK allows by token kind (service tokens: 5 for small apps, up to 60). */
export const VK_DEFAULT_RATE: Record<VkTokenKind, number> = { user: 3, community: 20, service: 5 };

export interface VkClientOptions {
  token: string;
  kind: VkTokenKind;
  baseUrl: string;
  apiVersion: string;
  timeoutMs: number;
  acquire: () => Promise<void | (() => void)>;
  fetch: typeof fetch;
}

export const EXECUTE_MAX_CALLS = 25;
const executeResultSchema = (length: number) => z.array(z.unknown()).length(length, `execute must answer one result per call (${length})`);

const COMMUNITY_FORBIDDEN = new Set(['wall.get', 'wall.getComments']);

/** One VK API call over HTTP: permission check, rate slot, POST form, envelope and shape validation, error mapping. */
export class VkClient {
  requests = 0;

  constructor(private readonly options: VkClientOptions) {}

  async call<T extends z.ZodType>(method: string, params: Record<string, string | number>, schema: T, subject: VkCallSubject): Promise<z.output<T>> {
    return (await this.callWithRaw(method, params, schema, subject)).data;
  }

  /** Like `call`, also returning the untouched `response` value (kept as evidence). */
  async callWithRaw<T extends z.ZodType>(
    method: string,
    params: Record<string, string | number>,
    schema: T,
    subject: VkCallSubject,
  ): Promise<{ data: z.output<T>; raw: unknown; executeErrors: { method: string; error_code: number; error_msg: string }[] }> {
    const { kind } = this.options;
    if (kind === 'community' && COMMUNITY_FORBIDDEN.has(method)) {
      throw new SourceError('not_supported', `VK ${method} is not available with a community token; use a user or service token`);
    }
    if (kind === 'service' && method === 'execute') throw new SourceError('not_supported', 'VK execute is not available with a service token');
    const body = new URLSearchParams({ v: this.options.apiVersion });
    for (const [key, value] of Object.entries(params)) body.set(key, String(value));
    const release = await this.options.acquire();
    this.requests++;
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/method/${method}`;
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (release) release();
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new SourceError('transient', `VK ${method}: ${timedOut ? `no answer within ${this.options.timeoutMs} ms` : `network error (${describeError(error)})`}`, { cause: error });
    }
    if (release) release();
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new SourceError('rate_limited', `VK ${method}: HTTP 429`, { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 });
    }
    if (response.status >= 500) throw new SourceError('transient', `VK ${method}: HTTP ${response.status}`);
    if (response.status !== 200) throw new SourceError('malformed', `VK ${method}: unexpected HTTP ${response.status} from ${url}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new SourceError('malformed', `VK ${method}: the answer is not valid JSON (${text.length} bytes, starts ${JSON.stringify(text.slice(0, 60))})`, { cause: error });
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) throw new SourceError('malformed', `VK ${method}: the answer has neither "response" nor "error"`);
    if ('error' in envelope.data) {
      const { error_code, error_msg } = envelope.data.error;
      throw vkErrorToSourceError(error_code, error_msg, method, subject);
    }
    const parsed = schema.safeParse(envelope.data.response);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
      throw new SourceError('malformed', `VK ${method}: the response does not match the documented shape at ${where}`);
    }
    return { data: parsed.data, raw: envelope.data.response, executeErrors: envelope.data.execute_errors ?? [] };
  }

  /** Whether `execute` may batch calls with this token (not with a service token). */
  get canExecute(): boolean {
    return this.options.kind !== 'service';
  }

  /**
   * Up to 25 calls in one `execute` request (one request of the rate budget). Each result is the
   * parsed response or the SourceError of that inner call; request-level errors are thrown.
   */
  async execute<T extends z.ZodType>(calls: { method: string; params: Record<string, string | number> }[], schema: T, subject: VkCallSubject): Promise<(z.output<T> | SourceError)[]> {
    if (calls.length === 0) return [];
    if (calls.length > EXECUTE_MAX_CALLS) throw new Error(`execute takes at most ${EXECUTE_MAX_CALLS} calls`);
    const code = `return [${calls.map((c) => `API.${c.method}(${JSON.stringify(c.params)})`).join(',')}];`;
    const { data, executeErrors } = await this.callWithRaw('execute', { code }, executeResultSchema(calls.length), subject);
    let failed = 0;
    return data.map((result, index) => {
      const method = calls[index]?.method ?? 'execute';
      if (result === false) {
        const error = executeErrors[failed++];
        return error ? vkErrorToSourceError(error.error_code, error.error_msg, method, subject) : new SourceError('transient', `VK execute: ${method} failed without an error description`);
      }
      const parsed = schema.safeParse(result);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return new SourceError('malformed', `VK execute → ${method}: the response does not match the documented shape at ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : '?'}`);
      }
      return parsed.data as z.output<T>;
    });
  }
}
