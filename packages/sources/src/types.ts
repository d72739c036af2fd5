import type { AccountStatus, Network, NetworkPost } from '@most/shared';

/** What a source needs to find a page: its network, handle (screen name) and numeric id when known. */
export interface AccountRef {
  network: Network;
  handle: string;
  externalId: string | null;
}

export interface SourceProfile {
  network: Network;
  externalId: string;
  handle: string | null;
  name: string;
  status: AccountStatus;
  description: string;
  website: string | null;
  phones: string[];
  emails: string[];
  /** Postal address as published on the page. */
  address: string | null;
  hasWorkingHours: boolean;
  links: { url: string; name: string }[];
  membersCount: number | null;
  /** Comments / wall state: open, limited, closed or switched off; null when the network has no such notion. */
  wall: 'open' | 'limited' | 'closed' | 'off' | null;
  verified: boolean;
  hasAvatar: boolean;
  hasCover: boolean;
  /** The network's own answer, kept in the snapshot as evidence. */
  raw: unknown;
}

export type SourcePost = NetworkPost;

export interface SourceComment {
  externalId: string;
  postExternalId: string;
  url: string;
  /** The network's raw author id; storage turns it into an HMAC pseudonym and never keeps it. */
  authorId: string;
  /** True when written by the page itself (VK: from_id == -group_id). */
  fromPage: boolean;
  publishedAt: Date;
  text: string;
  replyToCommentId: string | null;
  replyToUserId: string | null;
  /** Top-level comment of the thread this comment belongs to; null for top-level comments. */
  threadRootId: string | null;
  deleted: boolean;
}

export interface PostsPage {
  posts: SourcePost[];
  /** Opaque cursor for the next (older) page; null when there is nothing older. */
  nextCursor: string | null;
}

/** One account's outcome in a batched profile read: its profile, or why the page cannot be read. */
export type ProfileOutcome = { account: AccountRef; profile: SourceProfile } | { account: AccountRef; error: SourceError };

/** One interface for every network; adapters translate wire formats and errors into these shapes. */
export interface SocialSource {
  readonly network: Network;
  getProfile(account: AccountRef): Promise<SourceProfile>;
  /**
   * Profiles of many accounts, in as few requests as the network allows (VK: 500 a request).
   * Pages that are unavailable come back as `account_unavailable` outcomes; errors that concern the
   * whole request (rate limit, token, network, malformed answer) are thrown. Optional: without it,
   * callers read the profiles one by one.
   */
  getProfiles?(accounts: AccountRef[]): Promise<ProfileOutcome[]>;
  /** Newest first; stop paging once posts are older than the watermark. */
  getPostsPage(account: AccountRef, cursor: string | null): Promise<PostsPage>;
  /** All comments of a post including threads; networks without public comments return []. */
  getComments(account: AccountRef, postExternalId: string): Promise<SourceComment[]>;
}

export type SourceErrorKind =
  /** Too many requests (VK 6, 9, 29): back off for retryAfterMs, then retry. */
  | 'rate_limited'
  /** The token is invalid (VK 5): stop using it, alert, do not retry. */
  | 'auth'
  /** The page is private, deleted, blocked or missing: record `accountStatus`, do not retry. */
  | 'account_unavailable'
  /** Network errors, timeouts, VK 10: retry with exponential backoff. */
  | 'transient'
  /** The answer does not have the documented shape: fail the job, write nothing. */
  | 'malformed'
  /** The token kind or network cannot do this (e.g. wall.get with a community token). */
  | 'not_supported';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly details: { code?: number; retryAfterMs?: number; accountStatus?: AccountStatus; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SourceError';
  }
}
