import type { Context } from 'hono';
import { getOrganization, type Sql } from '@most/db';
import { listEditions, organizationRankingHistory } from '@most/services';
import { numberRu } from '@most/domain/russian';
import { AppError } from '@most/shared';
import { publicBase } from '../http/public-origin';
import { escapeHtml } from './escape';
import { formatPeriod } from './labels';

const SITE = 'Цифровой мост';
const SITE_DESCRIPTION = 'Общественный рейтинг официальных страниц органов власти Саратовской области во ВКонтакте, Одноклассниках и Телеграме: отвечают ли жителям за 24 часа.';
const TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

export interface ShareInfo {
  title: string;
  description: string;
  /** Absolute URL of the page itself (og:url). */
  url: string;
  /** Absolute URL of a PNG preview, when the page has one. */
  image: string | null;
}

/** The <title> and link-preview tags (OpenGraph, Twitter card) for a page, every value escaped. */
export function shareTags(info: ShareInfo): string {
  const meta = (attribute: 'name' | 'property', key: string, value: string) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`;
  return [
    `<title>${escapeHtml(info.title)}</title>`,
    meta('name', 'description', info.description),
    `<link rel="canonical" href="${escapeHtml(info.url)}" />`,
    meta('property', 'og:site_name', SITE),
    meta('property', 'og:locale', 'ru_RU'),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:title', info.title),
    meta('property', 'og:description', info.description),
    meta('property', 'og:url', info.url),
    ...(info.image ? [meta('property', 'og:image', info.image), meta('property', 'og:image:width', '1200'), meta('property', 'og:image:height', '630')] : []),
    meta('name', 'twitter:card', info.image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', info.title),
    meta('name', 'twitter:description', info.description),
    ...(info.image ? [meta('name', 'twitter:image', info.image)] : []),
  ].join('\n    ');
}

/** Puts the tags in place of the shell's own <title>. */
export const injectShareTags = (html: string, info: ShareInfo) => html.replace(/<title>[^<]*<\/title>/, () => shareTags(info));

/** What a /compare link compares: the page's own query (organizations= or municipalities=). */
function compareSelection(query: URLSearchParams): { kind: 'organizations' | 'municipalities'; raw: string; codes: string[] } | null {
  const kind = query.has('organizations') ? 'organizations' : query.has('municipalities') ? 'municipalities' : null;
  if (!kind) return null;
  const raw = (query.get(kind) ?? '').slice(0, 1_000);
  const codes = raw
    .split(',')
    .map((c) => c.trim().slice(0, 100))
    .filter(Boolean)
    .slice(0, 5);
  return { kind, raw, codes };
}

const scoreText = (score: number | null) => (score === null ? 'балл не рассчитан: недостаточно данных' : `балл ${numberRu(score)} из 100`);

/**
 * What a shared link shows in VK, Telegram and elsewhere, for the pages the server can describe
 * from the database: editions (and the home page, the newest edition), organizations and
 * comparisons. Other pages get the site's title and description. Answers are kept a minute.
 */
export function shareInfoSource(deps: { sql: Sql; publicUrl?: string }) {
  const cache = new Map<string, { info: ShareInfo; expiresAt: number }>();

  async function describe(base: string, path: string, query: URLSearchParams): Promise<ShareInfo> {
    const selection = path === '/compare' ? compareSelection(query) : null;
    const url = `${base}${path}${selection ? `?${selection.kind}=${encodeURIComponent(selection.raw)}` : ''}`;
    const site: ShareInfo = { title: SITE, description: SITE_DESCRIPTION, url, image: null };
    const edition = path === '/' ? '' : /^\/rankings\/([^/]{1,100})$/.exec(path)?.[1];
    if (edition !== undefined) {
      const editions = await listEditions(deps.sql);
      const slug = decodeURIComponent(edition);
      const found = slug === '' || slug === 'latest' ? editions[0] : editions.find((e) => e.slug === slug);
      if (!found) return site;
      return {
        title: `${found.title} — ${SITE}`,
        description: `Рейтинг официальных страниц органов власти в соцсетях за период ${formatPeriod(found.periodStart, found.periodEnd)}: места, баллы по критериям и ответы жителям за 24 часа.`,
        url,
        image: `${base}/api/public/v1/editions/${encodeURIComponent(found.slug)}/preview.png`,
      };
    }
    const code = /^\/organizations\/([^/]{1,100})$/.exec(path)?.[1];
    if (code !== undefined) {
      const organization = await getOrganization(deps.sql, { code: decodeURIComponent(code) }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      });
      if (!organization) return site;
      const [latest] = await organizationRankingHistory(deps.sql, organization.id);
      const standing = latest
        ? `${latest.editionTitle}: ${latest.rank === null ? 'не ранжирована' : `${latest.rank} место из ${latest.rankedCount}`}, ${scoreText(latest.score)}.`
        : 'Пока не вошла в опубликованный выпуск рейтинга.';
      return {
        title: `${organization.shortName || organization.fullName} — ${SITE}`,
        description: `${organization.fullName}. ${standing} Официальные страницы и доказательства оценки.`,
        url,
        image: `${base}/api/public/v1/organizations/${encodeURIComponent(organization.code)}/preview.png`,
      };
    }
    const municipalityCode = /^\/municipalities\/([^/]{1,100})$/.exec(path)?.[1];
    if (municipalityCode !== undefined) {
      const [municipality] = await deps.sql<{ name: string }[]>`SELECT name FROM municipalities WHERE code = ${decodeURIComponent(municipalityCode)}`;
      if (!municipality) return site;
      return {
        title: `${municipality.name} — ${SITE}`,
        description: `${municipality.name}: средний балл организаций в рейтинге, доля ответов жителям за 24 часа, лучшая и худшая организация.`,
        url,
        image: null,
      };
    }
    if (path === '/compare') {
      const names: string[] = [];
      if (selection?.kind === 'organizations') {
        for (const c of selection.codes) {
          const organization = await getOrganization(deps.sql, { code: c }).catch(() => null);
          if (organization) names.push(organization.shortName || organization.fullName);
        }
      } else if (selection) {
        const found = await deps.sql<{ code: string; name: string }[]>`SELECT code, name FROM municipalities WHERE code IN ${deps.sql(selection.codes.length > 0 ? selection.codes : [''])}`;
        for (const c of selection.codes) names.push(...found.filter((m) => m.code === c).map((m) => m.name));
      }
      if (names.length < 2) return { ...site, title: `Сравнение организаций и муниципалитетов — ${SITE}` };
      return { title: `Сравнение: ${names.join(', ')} — ${SITE}`, description: `${names.join(', ')}: места, баллы и критерии рядом, по выпуску рейтинга.`, url, image: null };
    }
    return site;
  }

  return async (c: Context): Promise<ShareInfo> => {
    const base = publicBase(c, deps.publicUrl);
    const query = new URL(c.req.url).searchParams;
    const selection = c.req.path === '/compare' ? compareSelection(query) : null;
    const key = `${base}|${c.req.path}|${selection ? `${selection.kind}=${selection.raw}` : ''}`;
    const hit = cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.info;
    const info = await describe(base, c.req.path, query);
    cache.set(key, { info, expiresAt: Date.now() + TTL_MS });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    return info;
  };
}
