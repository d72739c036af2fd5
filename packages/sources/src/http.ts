import { SourceError } from './types';

export interface HttpTextAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * One HTTP request with a timeout; network failures and timeouts become 'transient' SourceErrors.
 * `acquire` is awaited first and its release (if any) called once the answer arrived.
 */
export async function fetchText(label: string, url: string, init: RequestInit & { timeoutMs: number; acquire?: () => Promise<void | (() => void)>; fetch?: typeof fetch }): Promise<HttpTextAnswer> {
  const { timeoutMs, acquire, fetch: fetchImpl = globalThis.fetch, ...rest } = init;
  const release = acquire ? await acquire() : undefined;
  try {
    const response = await fetchImpl(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : `network error (${describeError(error)})`;
    throw new SourceError('transient', `${label}: ${reason}`, { cause: error });
  } finally {
    if (release) release();
  }
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
