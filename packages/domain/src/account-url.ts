import type { Network } from '@most/shared';

export interface NormalizedAccount {
  network: Network;
  /** Screen name or numeric page name as used in the network's own URLs, lower-case. */
  handle: string;
  /** Numeric id when the URL carries it (vk club123/public123, ok.ru/group/123). */
  externalId: string | null;
  /** The one URL form the registry stores and de-duplicates on. */
  canonicalUrl: string;
}

/** Why a link is not an official page's address (machine code; Russian text in ACCOUNT_URL_PROBLEM_RU). */
export type AccountUrlProblem = 'not_a_url' | 'unsupported_site' | 'no_page_name' | 'inside_page' | 'personal_profile' | 'site_section' | 'invalid_name' | 'private_link';

export type NormalizeResult = { ok: true; account: NormalizedAccount } | { ok: false; code: AccountUrlProblem; reason: string };

const VK_HOSTS = new Set(['vk.com', 'm.vk.com', 'www.vk.com', 'new.vk.com', 'vk.ru', 'm.vk.ru', 'www.vk.ru']);
const OK_HOSTS = new Set(['ok.ru', 'm.ok.ru', 'www.ok.ru', 'odnoklassniki.ru', 'www.odnoklassniki.ru']);
const TELEGRAM_HOSTS = new Set(['t.me', 'www.t.me', 'telegram.me', 'www.telegram.me']);

/** VK paths that are sections of the site, never a community's screen name. */
const VK_RESERVED = new Set(['feed', 'im', 'groups', 'friends', 'search', 'settings', 'audio', 'video', 'photos', 'apps', 'login', 'support', 'docs', 'away.php', 'wall', 'id0']);

const VK_NUMERIC_PAGE = /^(club|public|event)(\d{1,12})$/;
const VK_SCREEN_NAME = /^[a-z0-9_.]{2,64}$/;
const OK_SCREEN_NAME = /^[a-z0-9_.-]{2,64}$/;
const TELEGRAM_NAME = /^[a-z][a-z0-9_]{3,31}$/;

const fail = (code: AccountUrlProblem, reason: string): NormalizeResult => ({ ok: false, code, reason });
const ok = (account: NormalizedAccount): NormalizeResult => ({ ok: true, account });

function parseLooseUrl(input: string): URL | null {
  const trimmed = input.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function pathSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).toLowerCase());
}

function normalizeVk(segments: string[]): NormalizeResult {
  const [first, ...rest] = segments;
  if (first === undefined) return fail('no_page_name', 'VK link has no page name');
  if (rest.length > 0) return fail('inside_page', `VK link points inside a page (/${segments.join('/')}), not at the page itself`);
  const numeric = VK_NUMERIC_PAGE.exec(first);
  if (numeric) {
    const id = String(Number(numeric[2]));
    if (id === '0') return fail('invalid_name', 'VK community id must be positive');
    const handle = `${numeric[1]}${id}`;
    return ok({ network: 'vk', handle, externalId: id, canonicalUrl: `https://vk.com/${handle}` });
  }
  if (/^id\d+$/.test(first)) return fail('personal_profile', 'VK link is a personal profile (id…), not a community');
  if (VK_RESERVED.has(first) || first.startsWith('wall') || first.includes('?')) {
    return fail('site_section', `"${first}" is a VK section, not a community`);
  }
  if (!VK_SCREEN_NAME.test(first)) return fail('invalid_name', `"${first}" is not a valid VK screen name`);
  return ok({ network: 'vk', handle: first, externalId: null, canonicalUrl: `https://vk.com/${first}` });
}

function normalizeOk(segments: string[]): NormalizeResult {
  const [first, second, ...rest] = segments;
  if (first === undefined) return fail('no_page_name', 'OK link has no group name');
  if (first === 'group') {
    if (second === undefined) return fail('no_page_name', 'OK link /group/ has no group id');
    if (rest.length > 0) return fail('inside_page', 'OK link points inside a group, not at the group itself');
    if (/^\d{5,20}$/.test(second)) {
      return ok({ network: 'ok', handle: second, externalId: second, canonicalUrl: `https://ok.ru/group/${second}` });
    }
    if (!OK_SCREEN_NAME.test(second)) return fail('invalid_name', `"${second}" is not a valid OK group name`);
    return ok({ network: 'ok', handle: second, externalId: null, canonicalUrl: `https://ok.ru/${second}` });
  }
  if (first === 'profile') return fail('personal_profile', 'OK link is a personal profile, not a group');
  if (second !== undefined) return fail('inside_page', 'OK link points inside a group, not at the group itself');
  if (!OK_SCREEN_NAME.test(first)) return fail('invalid_name', `"${first}" is not a valid OK group name`);
  return ok({ network: 'ok', handle: first, externalId: null, canonicalUrl: `https://ok.ru/${first}` });
}

function normalizeTelegram(segments: string[]): NormalizeResult {
  const named = segments[0] === 's' ? segments.slice(1) : segments;
  const [name, ...rest] = named;
  if (name === undefined) return fail('no_page_name', 'Telegram link has no channel name');
  if (name.startsWith('+') || name === 'joinchat') return fail('private_link', 'Telegram invite links are private; use the public channel link');
  if (rest.some((segment) => !/^\d+$/.test(segment)) || rest.length > 1) return fail('inside_page', 'Telegram link points inside a channel');
  if (!TELEGRAM_NAME.test(name)) return fail('invalid_name', `"${name}" is not a valid Telegram channel name`);
  return ok({ network: 'telegram', handle: name, externalId: null, canonicalUrl: `https://t.me/${name}` });
}

/**
 * Turns any common way of writing an official page's address into one canonical URL.
 * Never throws: anything that is not a VK community, OK group or public Telegram channel
 * comes back as `{ ok: false, reason }`.
 */
export function normalizeAccountUrl(input: string): NormalizeResult {
  const telegramHandle = /^@([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(input.trim());
  if (telegramHandle) return normalizeTelegram([telegramHandle[1]!.toLowerCase()]);
  const url = parseLooseUrl(input);
  if (!url) return fail('not_a_url', `"${input.trim().slice(0, 100)}" is not a web address`);
  const host = url.hostname.toLowerCase();
  let segments: string[];
  try {
    segments = pathSegments(url);
  } catch {
    return fail('not_a_url', 'the address has broken percent-encoding');
  }
  if (VK_HOSTS.has(host)) return normalizeVk(segments);
  if (OK_HOSTS.has(host)) return normalizeOk(segments);
  if (TELEGRAM_HOSTS.has(host)) return normalizeTelegram(segments);
  return fail('unsupported_site', `${host} is not VK, OK or Telegram`);
}
