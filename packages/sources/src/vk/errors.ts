import { SourceError } from '../types';

/** Which kind of object the call was about: decides what "not found" means. */
export type VkCallSubject = 'group' | 'post';

const RATE_LIMIT_RETRY_MS: Record<number, number> = { 6: 1000, 9: 1000, 14: 60_000, 29: 3_600_000 };

/** Translates a VK API error answer into the one SourceError vocabulary. */
export function vkErrorToSourceError(code: number, message: string, method: string, subject: VkCallSubject): SourceError {
  const text = `VK ${method} error ${code}: ${message}`;
  const retryAfterMs = RATE_LIMIT_RETRY_MS[code];
  if (retryAfterMs !== undefined) return new SourceError('rate_limited', text, { code, retryAfterMs });
  switch (code) {
    case 5:
      return new SourceError('auth', text, { code });
    case 15:
    case 30:
    case 203:
    case 212:
      return new SourceError('account_unavailable', text, { code, accountStatus: 'private' });
    case 18:
      return new SourceError('account_unavailable', text, { code, accountStatus: /banned|blocked/i.test(message) && !/deleted/i.test(message) ? 'blocked' : 'deleted' });
    case 100:
    case 104:
      return subject === 'group'
        ? new SourceError('account_unavailable', text, { code, accountStatus: 'not_found' })
        : new SourceError('malformed', `${text} (the request was rejected as invalid)`, { code });
    case 27:
    case 28:
      return new SourceError('not_supported', text, { code });
    default:
      // 10 (internal error) and anything undocumented: retry with backoff.
      return new SourceError('transient', text, { code });
  }
}
