import { fetchText } from '../http';
import { createRequestThrottle } from '../throttle';
import { SourceError, type AccountRef, type PostsPage, type SocialSource, type SourceProfile } from '../types';
import { parseChannelPage, type TelegramChannelPage } from './parse';

export interface TelegramSourceOptions {
  /** Default https://t.me. */
  baseUrl?: string;
  /** Preview pages are fetched politely: default 1 request per second. */
  requestsPerSecond?: number;
  timeoutMs?: number;
  acquire?: () => Promise<void | (() => void)>;
  fetch?: typeof fetch;
}

const PHONE = /(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{1,3}[\s-]?\d{2}[\s-]?\d{2}/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Public Telegram channels through the web preview t.me/s/<channel> (no API key needed).
 * Comments live in a linked discussion group that the preview does not show, so getComments returns [].
 */
export function createTelegramSource(options: TelegramSourceOptions = {}): SocialSource & { readonly network: 'telegram' } {
  const baseUrl = (options.baseUrl ?? 'https://t.me').replace(/\/+$/, '');
  const acquire = options.acquire ?? createRequestThrottle(options.requestsPerSecond ?? 1);
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function page(channel: string, before: string | null): Promise<TelegramChannelPage> {
    if (!/^[A-Za-z0-9_]{3,64}$/.test(channel)) {
      throw new SourceError('account_unavailable', `"${channel}" is not a public Telegram channel name`, { accountStatus: 'not_found' });
    }
    const url = `${baseUrl}/s/${channel}${before ? `?before=${encodeURIComponent(before)}` : ''}`;
    const answer = await fetchText(`Telegram ${channel}`, url, { redirect: 'manual', headers: { accept: 'text/html' }, timeoutMs, acquire, fetch: options.fetch });
    // t.me redirects /s/<name> to /<name> when there is no public preview (private, a user or a bot, or no such name).
    if (answer.status >= 300 && answer.status < 400) {
      throw new SourceError('account_unavailable', `Telegram ${channel}: no public channel preview`, { accountStatus: 'not_found' });
    }
    if (answer.status === 404) throw new SourceError('account_unavailable', `Telegram ${channel}: not found`, { accountStatus: 'not_found' });
    if (answer.status === 429) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      throw new SourceError('rate_limited', `Telegram ${channel}: HTTP 429`, { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000 });
    }
    if (answer.status >= 500) throw new SourceError('transient', `Telegram ${channel}: HTTP ${answer.status}`);
    if (answer.status !== 200) throw new SourceError('malformed', `Telegram ${channel}: unexpected HTTP ${answer.status}`);
    const parsed = parseChannelPage(answer.text, channel);
    if (!parsed) throw new SourceError('malformed', `Telegram ${channel}: the page has neither channel information nor messages`);
    return parsed;
  }

  return {
    network: 'telegram',
    async getProfile(account: AccountRef): Promise<SourceProfile> {
      const channel = await page(account.handle, null);
      return {
        network: 'telegram',
        externalId: account.handle.toLowerCase(),
        handle: account.handle,
        name: channel.title,
        status: 'active',
        description: channel.description,
        // A channel has no contact fields: what its description states and links to is what it publishes.
        website: channel.links.find((link) => !/^https?:\/\/(t\.me|telegram\.me)\//i.test(link.url))?.url ?? null,
        phones: [...new Set(channel.description.match(PHONE) ?? [])].map((p) => p.trim()),
        emails: [...new Set(channel.description.match(EMAIL) ?? [])],
        address: null,
        hasWorkingHours: false,
        links: channel.links,
        membersCount: channel.subscribers,
        wall: null,
        verified: false,
        hasAvatar: channel.hasAvatar,
        hasCover: false,
        raw: { title: channel.title, description: channel.description, links: channel.links, subscribers: channel.subscribers },
      };
    },
    async getPostsPage(account: AccountRef, cursor: string | null): Promise<PostsPage> {
      if (cursor !== null && !/^\d+$/.test(cursor)) throw new SourceError('malformed', `Telegram cursor ${JSON.stringify(cursor)} is not one this adapter issued`);
      const channel = await page(account.handle, cursor);
      const posts = [...channel.posts].sort((a, b) => b.id - a.id);
      const oldest = posts[posts.length - 1]?.id;
      return {
        posts: posts.map((post) => ({
          externalId: String(post.id),
          url: `https://t.me/${account.handle}/${post.id}`,
          publishedAt: post.publishedAt,
          editedAt: null,
          text: post.text,
          isPinned: false,
          isAd: false,
          likes: 0,
          reposts: 0,
          comments: 0,
          views: post.views,
          commentsOpen: null,
        })),
        nextCursor: oldest !== undefined && oldest > 1 && (cursor === null || oldest < Number(cursor)) ? String(oldest) : null,
      };
    },
    async getComments() {
      return [];
    },
  };
}
