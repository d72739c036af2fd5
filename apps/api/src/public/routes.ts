import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { z } from 'zod';
import { checkOfficialAccount, getOrganization, listOrganizationScores, searchOfficialPages, type Sql } from '@most/db';
import { getEdition, listEditions, organizationRankingHistory, viewEdition, type Edition, type EditionSummary, renderScorecardPdf } from '@most/services';
import { loadPageStates, UNREAD_PAGE } from '@most/db/scoring';
import { numberRu, quantityRu } from '@most/domain/russian';
import { AppError } from '@most/shared';
import { editionTable, tableCsv } from './exports';
import { accountCheckQuerySchema, editionQuerySchema, embedQuerySchema, organizationSearchQuerySchema } from './query-schemas';
import type { accountCheckBodySchema, editionViewBodySchema, organizationProfileBodySchema, organizationSearchBodySchema, publicEditionSummarySchema } from '@most/domain/public-api';
import { CSV_TYPE, humanFile, JSON_TYPE, sendInFormat, type ExportFormat } from './formats';
import { registerCompareRoute } from './compare';
import { loadScorecard } from './scorecard';
import { renderPreviewPng } from './preview-image';
import { docsHtml } from './docs';
import { embedHtml, embedSnippet } from './embed';
import { editionsAtom, editionsRss } from './feeds';
import { IMMUTABLE, makeBody, ResponseCache, send, SHORT, type CachedBody } from './http-cache';
import { formatPeriod } from './labels';
import { methodologyVersions } from './methodology';
import { openApiDocument } from './openapi';
import { editionSummary, registerInsightRoutes } from './insights';
import { publicBase } from '../http/public-origin';

export interface PublicApiDeps {
  sql: Sql;
  publicUrl?: string;
}

const SHORT_TTL_MS = 30_000;

const parseQuery = <S extends z.ZodType>(schema: S, c: Context): z.output<S> => {
  const result = schema.safeParse(c.req.query());
  if (result.success) return result.data;
  const fields = Object.fromEntries(result.error.issues.map((i) => [i.path.join('.') || '(query)', i.message]));
  throw new AppError('BAD_REQUEST', `Проверьте параметры: ${Object.keys(fields).join(', ')}`, { details: { fields } });
};

/** The edition's identity plus when it was published and where to read and download it. */
const publicSummary = (base: string, e: EditionSummary): z.input<typeof publicEditionSummarySchema> => ({
  ...editionSummary(e),
  publishedAt: e.publishedAt?.toISOString() ?? null,
  url: `${base}/rankings/${encodeURIComponent(e.slug)}`,
  jsonUrl: `${base}/api/public/v1/editions/${encodeURIComponent(e.slug)}`,
  csvUrl: `${base}/api/public/v1/editions/${encodeURIComponent(e.slug)}?format=csv`,
});

/**
 * The open-data API (/api/public/v1) and the embeddable widget (/embed). No login, GET only,
 * CORS open; published editions are immutable, so their serialized bytes are kept in memory.
 */
export function publicApi(deps: PublicApiDeps): { api: Hono; embed: Hono } {
  const cache = new ResponseCache();
  const baseOf = (c: Context) => publicBase(c, deps.publicUrl);

  /** Published editions by slug, with their previous edition: immutable, so cached without expiry. */
  const editions = new Map<string, Promise<{ edition: Edition; previous: Edition | null }>>();
  const loadEdition = (slug: string) => {
    let pending = editions.get(slug);
    if (!pending) {
      pending = (async () => {
        const edition = await getEdition(deps.sql, { slug });
        const previous = edition.previousEditionSlug ? await getEdition(deps.sql, { slug: edition.previousEditionSlug }) : null;
        return { edition, previous };
      })();
      editions.set(slug, pending);
      pending.catch(() => editions.delete(slug));
      if (editions.size > 200) editions.delete(editions.keys().next().value!);
    }
    return pending;
  };

  const api = new Hono();
  api.use(cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Retry-After', 'x-request-id'], maxAge: 86_400 }));

  registerInsightRoutes(api, { sql: deps.sql, cache, loadEdition, parseQuery });
  registerCompareRoute(api, { sql: deps.sql, cache, loadEdition, parseQuery, baseOf });

  api.get('/editions', async (c) => {
    const base = baseOf(c);
    const body = await cache.through(
      `list|${base}`,
      async () => {
        const list = await listEditions(deps.sql);
        return makeBody(JSON.stringify({ editions: list.map((e) => publicSummary(base, e)) }), JSON_TYPE, SHORT);
      },
      SHORT_TTL_MS,
    );
    return send(c, body);
  });

  api.get('/editions/latest', async (c) => {
    const [latest] = await listEditions(deps.sql);
    if (!latest) throw new AppError('NOT_FOUND', 'Опубликованных выпусков пока нет');
    const query = new URL(c.req.url).search;
    c.header('cache-control', SHORT);
    return c.redirect(`/api/public/v1/editions/${encodeURIComponent(latest.slug)}${query}`, 302);
  });

  /** Exact request (path and raw query) → its cache key: repeat hits skip parsing; bytes stay bounded by the cache. */
  const byRawUrl = new Map<string, { key: string; format: ExportFormat; slug: string }>();

  api.get('/editions/:slug', async (c) => {
    const base = baseOf(c);
    const rawKey = `${base}${c.req.url.slice(c.req.url.indexOf('/api/'))}`;
    const seen = byRawUrl.get(rawKey);
    const seenBody = seen && cache.get(seen.key);
    if (seen && seenBody) return sendInFormat(c, seenBody, seen.format, seen.slug);
    const slug = c.req.param('slug');
    const { format, ...filter } = parseQuery(editionQuerySchema, c);
    // The key is built from the parsed filters, so unknown parameters cannot multiply entries.
    const key = `edition|${base}|${slug}|${format}|${filter.kind ?? ''}|${filter.sector ?? ''}|${filter.municipality ?? ''}|${filter.page}|${filter.pageSize}`;
    const remember = () => {
      byRawUrl.set(rawKey, { key, format, slug });
      if (byRawUrl.size > 10_000) byRawUrl.delete(byRawUrl.keys().next().value!);
    };
    const hit = cache.get(key);
    if (hit) {
      remember();
      return sendInFormat(c, hit, format, slug);
    }
    const { edition, previous } = await loadEdition(slug);
    let body: CachedBody;
    if (format !== 'json') {
      const all = viewEdition(edition, previous, { ...filter, page: 1, pageSize: 1000 });
      const everything = all.ranked.total > all.ranked.rows.length ? viewEdition(edition, previous, { ...filter, page: 1, pageSize: all.ranked.total }) : all;
      body =
        format === 'csv'
          ? makeBody(tableCsv(editionTable(everything, 'programs')), CSV_TYPE, IMMUTABLE)
          : await humanFile(editionTable(everything, 'people'), format, 'Рейтинг', everything.edition.title, IMMUTABLE);
    } else {
      const view = viewEdition(edition, previous, filter);
      const answer: z.input<typeof editionViewBodySchema> = { ...view, edition: publicSummary(base, view.edition), embed: embedSnippet(base, view) };
      body = makeBody(JSON.stringify(answer), JSON_TYPE, IMMUTABLE);
    }
    cache.set(key, body);
    remember();
    return sendInFormat(c, body, format, slug);
  });

  api.get('/organizations/:code', async (c) => {
    const organization = await getOrganization(deps.sql, { code: c.req.param('code').slice(0, 100) });
    const official = organization.accounts.filter((a) => a.isOfficial);
    const [history, scores, pages] = await Promise.all([
      organizationRankingHistory(deps.sql, organization.id),
      listOrganizationScores(deps.sql, organization.id, 24),
      loadPageStates(
        deps.sql,
        official.map((a) => a.id),
        new Date(),
      ),
    ]);
    const body: z.input<typeof organizationProfileBodySchema> = {
      code: organization.code,
      fullName: organization.fullName,
      shortName: organization.shortName,
      kind: organization.kind,
      sector: organization.sector,
      municipality: organization.municipality ? { code: organization.municipality.code, name: organization.municipality.name } : null,
      parent: organization.parent ? { code: organization.parent.code, shortName: organization.parent.shortName } : null,
      website: organization.website,
      // `read`: whether the page's posts were ever read (scoring's definition): coverage by network.
      accounts: official.map((a) => ({ network: a.network, url: a.canonicalUrl, status: a.status, read: (pages.get(a.id) ?? UNREAD_PAGE).postsRead })),
      rankings: history,
      scores,
    };
    return send(c, makeBody(JSON.stringify(body), JSON_TYPE, SHORT));
  });

  api.get('/organizations/:code/scorecard.pdf', async (c) => {
    const base = baseOf(c);
    const code = c.req.param('code').slice(0, 100);
    const body = await cache.through(
      `scorecard|${base}|${code}`,
      async () => {
        const card = await loadScorecard(
          deps.sql,
          code,
          (found) => `${base}/organizations/${encodeURIComponent(found)}`,
          async (slug) => (await loadEdition(slug)).edition.criteria,
        );
        return makeBody(await renderScorecardPdf(card), 'application/pdf', SHORT);
      },
      SHORT_TTL_MS,
    );
    const response = send(c, body);
    response.headers.set('content-disposition', `inline; filename="scorecard-${code.replace(/[^A-Za-z0-9-]/g, '')}.pdf"`);
    return response;
  });

  /** Link-preview images (og:image) per edition and organization, drawn once and kept. */
  api.get('/editions/:slug/preview.png', async (c) => {
    const slug = c.req.param('slug');
    const body = await cache.through(`preview|edition|${slug}`, async () => {
      const { edition, previous } = await loadEdition(slug);
      const view = viewEdition(edition, previous, { page: 1, pageSize: 3 });
      const top = view.ranked.rows.map((r) => `${r.rank}. ${r.organizationName} — ${numberRu(r.score ?? 0)}`);
      const counted = `${quantityRu(view.ranked.total, ['организация', 'организации', 'организаций'], 0)} в рейтинге${view.notEnoughData.length > 0 ? `, ещё ${numberRu(view.notEnoughData.length, 0)} — недостаточно данных` : ''}`;
      return makeBody(
        renderPreviewPng({ kicker: `Рейтинг · ${formatPeriod(edition.periodStart, edition.periodEnd)}`, title: edition.title, figure: null, lines: [counted, ...top] }),
        'image/png',
        IMMUTABLE,
      );
    });
    return send(c, body);
  });

  api.get('/organizations/:code/preview.png', async (c) => {
    const code = c.req.param('code').slice(0, 100);
    const body = await cache.through(
      `preview|organization|${code}`,
      async () => {
        const organization = await getOrganization(deps.sql, { code });
        const [latest] = await organizationRankingHistory(deps.sql, organization.id);
        const figure = latest && latest.score !== null ? { value: numberRu(latest.score), caption: 'балл из 100' } : null;
        const lines = latest
          ? [latest.editionTitle, latest.rank === null ? 'Не ранжирована: недостаточно данных' : `${latest.rank} место из ${latest.rankedCount}`]
          : ['Пока не вошла в опубликованный выпуск рейтинга'];
        return makeBody(
          renderPreviewPng({ kicker: organization.municipality?.name ?? 'Саратовская область', title: organization.shortName || organization.fullName, figure, lines }),
          'image/png',
          SHORT,
        );
      },
      SHORT_TTL_MS,
    );
    return send(c, body);
  });

  api.get('/methodology', async (c) => {
    const body = await cache.through('methodology', async () => makeBody(JSON.stringify({ versions: await methodologyVersions(deps.sql) }), JSON_TYPE, SHORT), SHORT_TTL_MS);
    return send(c, body);
  });

  /** "Is this official?" by organization name: matching organizations with their official pages. */
  api.get('/organizations', async (c) => {
    const { search } = parseQuery(organizationSearchQuerySchema, c);
    const answer: z.input<typeof organizationSearchBodySchema> = { organizations: await searchOfficialPages(deps.sql, search) };
    return send(c, makeBody(JSON.stringify(answer), JSON_TYPE, SHORT));
  });

  api.get('/accounts/check', async (c) => {
    const { url } = parseQuery(accountCheckQuerySchema, c);
    const answer: z.input<typeof accountCheckBodySchema> = await checkOfficialAccount(deps.sql, url);
    return send(c, makeBody(JSON.stringify(answer), JSON_TYPE, SHORT));
  });

  const feed = (kind: 'rss' | 'atom') => async (c: Context) => {
    const base = baseOf(c);
    const body = await cache.through(
      `feed|${kind}|${base}`,
      async () => {
        const list = await listEditions(deps.sql);
        return kind === 'rss' ? makeBody(editionsRss(base, list), 'application/rss+xml; charset=utf-8', SHORT) : makeBody(editionsAtom(base, list), 'application/atom+xml; charset=utf-8', SHORT);
      },
      SHORT_TTL_MS,
    );
    return send(c, body);
  };
  api.get('/feeds/editions.rss', feed('rss'));
  api.get('/feeds/editions.atom', feed('atom'));

  api.get('/openapi.json', (c) => send(c, cache.get(`openapi|${baseOf(c)}`) ?? cacheSet(`openapi|${baseOf(c)}`, makeBody(JSON.stringify(openApiDocument(baseOf(c)), null, 2), JSON_TYPE, SHORT))));
  api.get('/docs', (c) => send(c, cache.get(`docs|${baseOf(c)}`) ?? cacheSet(`docs|${baseOf(c)}`, makeBody(docsHtml(openApiDocument(baseOf(c))), 'text/html; charset=utf-8', SHORT))));
  const cacheSet = (key: string, body: CachedBody) => {
    cache.set(key, body);
    return body;
  };

  const embed = new Hono();
  embed.get('/rankings/:edition', async (c) => {
    const base = baseOf(c);
    // `latest` follows the newest published edition, so a widget pasted once updates itself.
    const latest = c.req.param('edition') === 'latest';
    const slug = latest ? (await listEditions(deps.sql))[0]?.slug : c.req.param('edition');
    if (!slug) throw new AppError('NOT_FOUND', 'Опубликованных выпусков рейтинга пока нет');
    const filter = parseQuery(embedQuerySchema, c);
    const key = `embed|${base}|${slug}|${filter.kind ?? ''}|${filter.sector ?? ''}|${filter.municipality ?? ''}|${filter.limit}`;
    let body = cache.get(key);
    if (!body) {
      const { edition, previous } = await loadEdition(slug);
      const view = viewEdition(edition, previous, { ...filter, page: 1, pageSize: filter.limit });
      body = makeBody(embedHtml(base, view), 'text/html; charset=utf-8', IMMUTABLE);
      cache.set(key, body);
    }
    const response = send(c, latest ? { ...body, cacheControl: SHORT } : body);
    // Made to be framed by any site; it runs no script and loads nothing.
    response.headers.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'; form-action 'none'");
    response.headers.set('x-content-type-options', 'nosniff');
    response.headers.set('referrer-policy', 'no-referrer-when-downgrade');
    return response;
  });

  return { api, embed };
}
