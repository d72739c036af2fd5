import { pickPoolToken } from '@most/domain/crawl-schedule';
import type { Network } from '@most/shared';
import { SourceError, type SocialSource } from '@most/sources';

/** One token of a network's pool: its adapter (paced by its own budget) and its fingerprint. */
export interface PoolMember {
  tokenFingerprint: string;
  source: SocialSource;
  requestsPerSecond: number;
}

/**
 * Several tokens of one network behind one source. Each request goes out on the token least used
 * relative to its budget (each token's own pacer keeps it within that budget). A token the network
 * refuses is taken out of the pool for good, reported through `onRefused`, and the request is made
 * again on another one; only when every token is refused does the error reach the crawler (which
 * then pauses the network as for a single token).
 */
export function createPooledSource(network: Network, members: readonly PoolMember[], onRefused: (member: PoolMember, error: SourceError) => Promise<void>): SocialSource {
  if (members.length === 0) throw new Error(`The ${network} token pool is empty`);
  const tokens = members.map((member) => ({ id: member.tokenFingerprint, requestsPerSecond: member.requestsPerSecond, used: 0, refused: false, member }));
  const call = async <T>(request: (source: SocialSource) => Promise<T>): Promise<T> => {
    let lastRefusal: SourceError | null = null;
    for (;;) {
      const token = pickPoolToken(tokens);
      if (!token) throw lastRefusal ?? new SourceError('auth', `Every ${network} token of the pool was refused`);
      token.used += 1;
      try {
        return await request(token.member.source);
      } catch (error) {
        if (!(error instanceof SourceError && error.kind === 'auth')) throw error;
        lastRefusal = error;
        if (!token.refused) {
          token.refused = true;
          await onRefused(token.member, error);
        }
      }
    }
  };
  const first = members[0]!.source;
  return {
    network,
    getProfile: (account) => call((source) => source.getProfile(account)),
    ...(first.getProfiles ? { getProfiles: (accounts) => call((source) => source.getProfiles!(accounts)) } : {}),
    getPostsPage: (account, cursor) => call((source) => source.getPostsPage(account, cursor)),
    getComments: (account, postExternalId) => call((source) => source.getComments(account, postExternalId)),
  };
}
