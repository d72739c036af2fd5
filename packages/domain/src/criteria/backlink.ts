import { normalizeAccountUrl } from '../account-url';

/** The account a website is expected to link to. */
export interface BacklinkTarget {
  canonicalUrl: string;
  /** Screen name or numeric page name (club123) as stored. */
  handle: string;
  /** Numeric community id when known (VK club id, OK group id). */
  externalId: string | null;
  /** Other known screen names of the same page (VK pages can be renamed). */
  aliases?: readonly string[];
}

export interface BacklinkResult {
  found: boolean;
  /** The href (or widget id) that matched. */
  matchedHref: string | null;
  how: 'link' | 'widget' | null;
  /** How many links to social networks the page has at all, for the evidence. */
  socialLinks: number;
}

const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
/** The VK community widget: VK.Widgets.Group("vk_groups", {...}, 123456). */
const VK_WIDGET = /VK\.Widgets\.Group\s*\([^)]*?,\s*["']?(\d{1,12})["']?\s*\)/g;
const VK_WALL = /^(?:https?:)?\/\/(?:m\.|www\.|new\.)?vk\.(?:com|ru)\/wall-(\d+)_\d+/i;
const SOCIAL_HOST = /(?:^|\/\/)(?:[a-z]+\.)?(?:vk\.(?:com|ru)|ok\.ru|odnoklassniki\.ru|t\.me|telegram\.me)(?:\/|$)/i;
const MAX_HTML = 5_000_000;

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/gi, '&')
    .replace(/&#x2f;/gi, '/')
    .replace(/&#47;/g, '/')
    .replace(/&quot;/gi, '"')
    .trim();
}

function networkHandle(href: string): { network: string; handle: string; externalId: string | null } | null {
  const wall = VK_WALL.exec(href);
  if (wall) return { network: 'vk', handle: `club${wall[1]}`, externalId: wall[1]! };
  const cleaned = href.replace(/^\/\//, 'https://').replace(/[?#].*$/, '');
  const normalized = normalizeAccountUrl(cleaned);
  return normalized.ok ? { network: normalized.account.network, handle: normalized.account.handle, externalId: normalized.account.externalId } : null;
}

/**
 * Does the website's HTML link to the account? Matches vk.com / vk.ru / m.vk.com forms,
 * club/public ids against the numeric id, screen names against the handle and aliases,
 * posts of the page (wall-<id>_<n>) and the VK community widget. Fetching happens elsewhere.
 */
export function findBacklink(html: string, target: BacklinkTarget): BacklinkResult {
  const source = html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html;
  const names = new Set([target.handle, ...(target.aliases ?? [])].map((n) => n.toLowerCase()));
  const id = target.externalId;
  if (id) for (const prefix of ['club', 'public', 'event']) names.add(`${prefix}${id}`);
  const canonical = normalizeAccountUrl(target.canonicalUrl);
  if (canonical.ok) names.add(canonical.account.handle);
  const network = canonical.ok ? canonical.account.network : null;

  let socialLinks = 0;
  for (const match of source.matchAll(HREF)) {
    const href = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
    if (!SOCIAL_HOST.test(href)) continue;
    socialLinks += 1;
    const linked = networkHandle(href);
    if (!linked || (network !== null && linked.network !== network)) continue;
    if (names.has(linked.handle) || (id !== null && linked.externalId === id)) {
      return { found: true, matchedHref: href.slice(0, 500), how: 'link', socialLinks };
    }
  }
  if (id && network === 'vk') {
    for (const widget of source.matchAll(VK_WIDGET)) {
      if (widget[1] === id) return { found: true, matchedHref: `VK.Widgets.Group(${id})`, how: 'widget', socialLinks };
    }
  }
  return { found: false, matchedHref: null, how: null, socialLinks };
}
