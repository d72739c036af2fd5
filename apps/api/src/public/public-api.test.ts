import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildEdition, seedDemoRegistry, type OrganizationScore } from '@most/services';
import { createTestApp, useAppServices } from '../test-support/app';
import { publishTestEdition } from '../test-support/editions';

const HOSTILE_NAME = '<script>alert("x")</script> Школа, "№1"';

describe('open-data API and widget', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  let orgIds: number[];
  let hostileCode: string;

  const make = (limit?: number) => createTestApp({ sql: db.sql, queue, trustProxy: true, publicRateLimitPerMinute: limit });
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers: { 'x-forwarded-for': '198.51.100.1', ...headers } });

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    const orgs = await db.sql<{ id: number; code: string }[]>`SELECT id, code FROM organizations ORDER BY id LIMIT 30`;
    orgIds = orgs.map((o) => o.id);
    hostileCode = orgs[0]!.code;
    await db.sql`UPDATE organizations SET short_name = ${HOSTILE_NAME} WHERE id = ${orgIds[0]!}`;
    const scores = (shift: number): OrganizationScore[] =>
      orgIds.map((id, i) => {
        const value = 100 - ((i * 37 + shift * 11) % 100);
        const criteria = [
          { code: 'PROFILE', score: value, weight: 1 },
          { code: 'SLA', score: value, weight: 1 },
        ];
        const enoughData = i % 10 !== 9;
        return { organizationId: id, score: enoughData ? value : null, enoughData, criteria, accountsScored: 1, accountsTotal: 2, sampleSize: enoughData ? 30 : 1 };
      });
    const criteria = [
      { code: 'PROFILE', name: 'Профиль', weight: 1 },
      { code: 'SLA', name: 'Ответы за 24 часа', weight: 1 },
    ];
    await publishTestEdition(db.sql, '2026-09', { criteria }, scores(0));
    await publishTestEdition(db.sql, '2026-10', { criteria, slug: 'oktyabr-2026' }, scores(7));
    await buildEdition(db.sql, { title: 'Черновик за ноябрь', periodStart: '2026-11-01', periodEnd: '2026-11-30', methodologyVersion: '1', criteria, slug: 'draft-november' }, scores(3), {
      id: null,
      label: 'test',
    });
    app = make();
  });

  it('lists published editions only, with CORS and a request id', async () => {
    const response = await get('/api/public/v1/editions', { origin: 'https://news.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('set-cookie')).toBeNull();
    const body = (await response.json()) as { editions: { slug: string; csvUrl: string }[] };
    expect(body.editions.map((e) => e.slug)).toEqual(['oktyabr-2026', '2026-09-01-2026-09-30-v1']);
    expect(body.editions[0]!.csvUrl).toMatch(/\/api\/public\/v1\/editions\/oktyabr-2026\?format=csv$/);
    expect((await get('/api/public/v1/editions/draft-november')).status).toBe(404);
  });

  it('serves an edition page with ranks, changes, coverage, an embed snippet, ETag and immutable caching', async () => {
    const response = await get('/api/public/v1/editions/oktyabr-2026?pageSize=10');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const body = (await response.json()) as {
      edition: { previousEditionSlug: string };
      ranked: { total: number; rows: { rank: number; rankChange: number | null; coverage: { accountsScored: number; accountsTotal: number }; sampleSize: number }[] };
      notEnoughData: { rank: null }[];
      embed: { url: string; html: string };
    };
    expect(body.edition.previousEditionSlug).toBe('2026-09-01-2026-09-30-v1');
    expect(body.ranked.rows).toHaveLength(10);
    expect(body.ranked.total).toBe(27);
    expect(body.notEnoughData).toHaveLength(3);
    expect(body.ranked.rows[0]).toMatchObject({ rank: 1, coverage: { accountsScored: 1, accountsTotal: 2 }, sampleSize: 30 });
    expect(body.ranked.rows.some((r) => r.rankChange !== null && r.rankChange !== 0)).toBe(true);
    expect(body.embed.html).toMatch(/^<iframe src="http:\/\/localhost\/embed\/rankings\/oktyabr-2026"/);

    const again = await get('/api/public/v1/editions/oktyabr-2026?pageSize=10', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    const same = await get('/api/public/v1/editions/oktyabr-2026?pageSize=10&utm=1');
    expect(same.headers.get('etag')).toBe(etag);
  });

  it('re-ranks within a filter and carries the filter into the snippet', async () => {
    const [org] = await db.sql<{ kind: string }[]>`SELECT kind FROM organizations WHERE id = ${orgIds[1]!}`;
    const response = await get(`/api/public/v1/editions/oktyabr-2026?kind=${org!.kind}`);
    const body = (await response.json()) as { ranked: { rows: { rank: number; kind: string }[] }; embed: { url: string } };
    expect(body.ranked.rows.length).toBeGreaterThan(0);
    expect(body.ranked.rows.every((r) => r.kind === org!.kind)).toBe(true);
    expect(body.ranked.rows[0]!.rank).toBe(1);
    expect(body.embed.url).toContain(`kind=${org!.kind}`);
    const bad = await get('/api/public/v1/editions/oktyabr-2026?kind=planet&pageSize=0');
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { error: { details: { fields: Record<string, string> } } };
    expect(Object.keys(error.error.details.fields).sort()).toEqual(['kind', 'pageSize']);
  });

  it('exports CSV as UTF-8 with a BOM and proper quoting', async () => {
    const response = await get('/api/public/v1/editions/oktyabr-2026?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toContain('oktyabr-2026.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^rank,overall_rank,organization_code,organization_name,/);
    expect(lines).toHaveLength(1 + 30);
    expect(text).toContain('"<script>alert(""x"")</script> Школа, ""№1"""');
    expect(lines.filter((l) => l.includes(',yes,')).length).toBe(3);
  });

  it('reports the real sample of an unranked organization and why it is not ranked, in JSON, CSV and the OpenAPI document', async () => {
    const body = (await (await get('/api/public/v1/editions/oktyabr-2026')).json()) as {
      ranked: { rows: { unranked: unknown }[] };
      notEnoughData: { organizationCode: string; sampleSize: number; unranked: { code: string; text: string } }[];
    };
    expect(body.ranked.rows.every((r) => r.unranked === null)).toBe(true);
    expect(body.notEnoughData.map((r) => r.sampleSize)).toEqual([1, 1, 1]);
    expect(body.notEnoughData[0]!.unranked.code).toBe('below_minimum_sample');
    expect(body.notEnoughData[0]!.unranked.text).toMatch(/^Мало вопросов жителей: за период 1 вопрос .* нужно не меньше 10;/);

    const csv = new TextDecoder().decode(new Uint8Array(await (await get('/api/public/v1/editions/oktyabr-2026?format=csv')).arrayBuffer()).slice(3));
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    expect(header).toContain(',sample_size,not_enough_data,unranked_reason,unranked_reason_text,');
    const unranked = lines.filter((l) => l.includes(',1,yes,below_minimum_sample,"Мало вопросов жителей: за период 1 вопрос'));
    expect(unranked).toHaveLength(3);

    const doc = (await (await get('/api/public/v1/openapi.json')).json()) as { components: { schemas: { EditionRow: { properties: Record<string, { properties?: { code: { enum: string[] } } }> } } } };
    expect(doc.components.schemas.EditionRow.properties.unranked!.properties!.code.enum).toContain('below_minimum_sample');
  });

  it('profiles an organization with its official accounts and ranking history', async () => {
    const response = await get(`/api/public/v1/organizations/${encodeURIComponent(hostileCode)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accounts: { url: string; read: boolean }[]; rankings: { editionSlug: string; rank: number | null }[]; scores: unknown[] };
    expect(body.scores).toEqual([]);
    expect(body.rankings.map((r) => r.editionSlug)).toEqual(['oktyabr-2026', '2026-09-01-2026-09-30-v1']);
    expect(body.accounts.length).toBeGreaterThan(0);
    // Nothing was crawled here: every page says its posts were never read; one read wall changes that.
    expect(body.accounts.map((a) => a.read)).toEqual(body.accounts.map(() => false));
    await db.sql`INSERT INTO crawl_health (account_id, last_posts_at) SELECT id, now() FROM accounts WHERE canonical_url = ${body.accounts[0]!.url}`;
    const after = (await (await get(`/api/public/v1/organizations/${encodeURIComponent(hostileCode)}`)).json()) as typeof body;
    expect(after.accounts[0]!.read).toBe(true);
    await db.sql`DELETE FROM crawl_health WHERE account_id IN (SELECT id FROM accounts WHERE canonical_url = ${body.accounts[0]!.url})`;
    expect((await get('/api/public/v1/organizations/no-such-org')).status).toBe(404);
  });

  it('answers "is this account official?" for any URL form', async () => {
    const [account] = await db.sql<{ canonical_url: string; handle: string }[]>`SELECT canonical_url, handle FROM accounts WHERE network = 'vk' AND external_id IS NULL LIMIT 1`;
    const official = await get(`/api/public/v1/accounts/check?url=${encodeURIComponent(`m.vk.com/${account!.handle.toUpperCase()}`)}`);
    expect(await official.json()).toMatchObject({ official: true, canonicalUrl: account!.canonical_url, organization: { code: expect.any(String) } });
    const unknown = await get(`/api/public/v1/accounts/check?url=${encodeURIComponent('https://vk.com/definitely_not_registered')}`);
    expect(await unknown.json()).toMatchObject({
      official: false,
      canonicalUrl: 'https://vk.com/definitely_not_registered',
      reasonCode: 'not_in_registry',
      reason: expect.stringMatching(/^Реестр ведут/),
    });
    const invalid = await get(`/api/public/v1/accounts/check?url=${encodeURIComponent('https://example.com/x')}`);
    expect(await invalid.json()).toMatchObject({
      official: false,
      canonicalUrl: null,
      reasonCode: 'unsupported_site',
      reason: 'Реестр ведётся только для страниц ВКонтакте, Одноклассников и каналов Telegram.',
    });
    const profile = (await (await get(`/api/public/v1/accounts/check?url=${encodeURIComponent('https://vk.com/id1')}`)).json()) as { reasonCode: string; reason: string };
    expect(profile.reasonCode).toBe('personal_profile');
    expect(profile.reason).toMatch(/^Это личная страница/);
    expect((await get('/api/public/v1/accounts/check')).status).toBe(400);
  });

  it('publishes RSS 2.0 and Atom feeds of editions', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = parser.parse(await (await get('/api/public/v1/feeds/editions.rss')).text());
    expect(rss.rss['@_version']).toBe('2.0');
    expect(rss.rss.channel.item.map((i: { title: string }) => i.title)).toEqual(['Рейтинг за октябрь 2026', 'Рейтинг за сентябрь 2026']);
    const atomResponse = await get('/api/public/v1/feeds/editions.atom');
    expect(atomResponse.headers.get('content-type')).toContain('application/atom+xml');
    const atom = parser.parse(await atomResponse.text());
    expect(atom.feed.entry).toHaveLength(2);
  });

  it('documents itself with OpenAPI 3.1 and a plain HTML page', async () => {
    const doc = (await (await get('/api/public/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/editions', '/editions/{slug}', '/organizations/{code}', '/methodology', '/accounts/check', '/feeds/editions.rss', '/compare', '/organizations/{code}/scorecard.pdf']),
    );
    // Query parameters come from the zod schemas the routes validate with: one /compare route, trends by edition or month.
    type Operation = { get: { parameters: { name: string; in: string; schema: { enum?: string[] } }[] } };
    const parameters = (path: string) => (doc.paths[path] as Operation).get.parameters.filter((p) => p.in === 'query');
    expect(parameters('/compare').map((p) => p.name)).toEqual(['edition', 'organizations', 'municipalities', 'format']);
    expect(parameters('/compare').find((p) => p.name === 'format')!.schema.enum).toEqual(['json', 'csv', 'csv-excel', 'xlsx']);
    expect(parameters('/organizations/{code}/trends')).toEqual([expect.objectContaining({ name: 'by', schema: expect.objectContaining({ enum: ['edition', 'month'] }) })]);
    expect(parameters('/editions/{slug}').map((p) => p.name)).toEqual(['kind', 'sector', 'municipality', 'page', 'pageSize', 'format']);
    const html = await (await get('/api/public/v1/docs')).text();
    expect(html).toContain('/editions/{slug}');
    expect(html).not.toMatch(/<script|<link[^>]+stylesheet/);
    type PublicCriterion = { code: string; weight: number; applicability: { networks: string[] }; networkLimits: { network: string; reason: string }[] };
    const methodology = (await (await get('/api/public/v1/methodology')).json()) as { versions: { version: number; criteria: PublicCriterion[] }[] };
    expect(methodology.versions.map((v) => v.version)).toContain(1);
    const criterion = (code: string) => methodology.versions.at(-1)!.criteria.find((c) => c.code === code)!;
    expect(criterion('SLA_WITHIN_24H').weight).toBeGreaterThan(0);
    // Networks as scored, and why Telegram is left out where its preview cannot show what a criterion reads.
    expect(criterion('PROFILE_WORKING_HOURS')).toMatchObject({ applicability: { networks: ['vk', 'ok'] }, networkLimits: [{ network: 'telegram', reason: 'в этой сети у страницы нет такого поля' }] });
    expect(criterion('PROFILE_PHONE')).toMatchObject({ applicability: { networks: [] }, networkLimits: [] });
  });

  it('renders an escaped, iframe-friendly widget with filters from the query string', async () => {
    const response = await get('/embed/rankings/oktyabr-2026?limit=50');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const html = await response.text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const [org] = await db.sql<{ sector: string }[]>`SELECT sector FROM organizations WHERE id = ${orgIds[2]!}`;
    const filtered = await (await get(`/embed/rankings/oktyabr-2026?sector=${org!.sector}`)).text();
    expect((filtered.match(/<tr><td class="n">/g) ?? []).length).toBeLessThan((html.match(/<tr><td class="n">/g) ?? []).length);
    expect((await get('/embed/rankings/draft-november')).status).toBe(404);
  });

  it('limits each IP and answers 429 with Retry-After', async () => {
    const limited = make(3);
    const call = (ip: string) => limited.request('/api/public/v1/methodology', { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i += 1) expect((await call('203.0.113.5')).status).toBe(200);
    const refused = await call('203.0.113.5');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('203.0.113.6')).status).toBe(200);
  });

  it('serves the widget of the newest edition at /embed/rankings/latest, revalidated rather than immutable', async () => {
    const latest = await get('/embed/rankings/latest?limit=5');
    expect(latest.status).toBe(200);
    expect(latest.headers.get('cache-control')).toBe('public, max-age=60');
    expect(await latest.text()).toContain('Рейтинг за октябрь 2026');
    expect((await get('/embed/rankings/oktyabr-2026')).headers.get('cache-control')).toContain('immutable');
  });

  it('serves a real favicon and a robots.txt that keeps staff screens out of search engines', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await get(path);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toMatch(/^<svg /);
    }
    const robots = await get('/robots.txt');
    expect(robots.headers.get('content-type')).toContain('text/plain');
    const text = await robots.text();
    expect(text).toContain('User-agent: *');
    for (const path of ['/monitor', '/agency', '/trpc', '/training']) expect(text).toContain(`Disallow: ${path}\n`);
    expect(text).not.toMatch(/Disallow: \/\n/);
  });

  it('redirects to the latest edition', async () => {
    const response = await get('/api/public/v1/editions/latest?format=csv');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/api/public/v1/editions/oktyabr-2026?format=csv');
  });
});
