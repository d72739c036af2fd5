import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { buildEdition, publishEdition, seedDemoRegistry, type OrganizationScore } from '@most/services';
import { createTestApp, useAppServices } from '../test-support/app';
import { publishTestEdition } from '../test-support/editions';
import { EDITION_COLUMNS } from './exports';

/** Reads a workbook back: every sheet as rows of cell values (numbers stay numbers). */
async function readXlsx(bytes: ArrayBuffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

describe('reuse: XLSX, Excel CSV and the scorecard PDF', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  let codes: string[];
  let tmp: string;
  const get = (path: string) => app.request(path, { headers: { 'x-forwarded-for': '198.51.100.7' } });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'most-exports-'));
    await seedDemoRegistry(db.sql);
    const orgs = await db.sql<{ id: number; code: string }[]>`SELECT id, code FROM organizations ORDER BY id LIMIT 12`;
    codes = orgs.map((o) => o.code);
    // A name a spreadsheet would run as a formula stays text.
    await db.sql`UPDATE organizations SET short_name = '=HYPERLINK("x")', full_name = 'Школа № 1 «Родник»' WHERE id = ${orgs[0]!.id}`;
    const scores = (shift: number): OrganizationScore[] =>
      orgs.map((o, i) => {
        const value = 90 - i * 5.5 + shift;
        const enoughData = i !== 11;
        return {
          organizationId: o.id,
          score: enoughData ? value : null,
          enoughData,
          criteria: [
            { code: 'SLA', score: value, weight: 2 },
            { code: 'PROFILE', score: 50, weight: 1 },
          ],
          accountsScored: 1,
          accountsTotal: 2,
          sampleSize: enoughData ? 30 + i : 1,
        };
      });
    const criteria = [
      { code: 'SLA', name: 'Ответы за 24 часа', weight: 2 },
      { code: 'PROFILE', name: 'Оформление страницы', weight: 1 },
    ];
    await publishTestEdition(db.sql, '2026-09', { criteria, slug: 'sentyabr-2026' }, scores(0));
    await publishTestEdition(db.sql, '2026-10', { criteria, slug: 'oktyabr-2026' }, scores(1.5));
    await mkdir(join(tmp, 'web'));
    await writeFile(join(tmp, 'web', 'index.html'), '<!doctype html><html lang="ru"><head><meta charset="UTF-8" /><title>Цифровой мост</title></head><body><div id="root"></div></body></html>');
    app = createTestApp({ sql: db.sql, queue, trustProxy: true, webDistDir: join(tmp, 'web'), publicUrl: 'https://most.example' });
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('exports an edition as XLSX with Russian headers and numbers as numbers', async () => {
    const response = await get('/api/public/v1/editions/oktyabr-2026?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="oktyabr-2026.xlsx"');
    const sheet = (await readXlsx(await response.arrayBuffer())).get('Рейтинг')!;
    // The headers are the edition's columns for people, then the criteria by name (one list in exports.ts).
    const human = EDITION_COLUMNS.flatMap((c) => (c.human ? [c.human] : []));
    expect(sheet[0]).toEqual([...human, 'Ответы за 24 часа', 'Оформление страницы']);
    const at = (header: string) => human.indexOf(header);
    expect(sheet).toHaveLength(1 + 12);
    const first = sheet[1]!;
    expect(first[at('Место')]).toBe(1);
    expect(first[at('Код организации')]).toBe(codes[0]);
    expect(first[at('Организация')]).toBe('=HYPERLINK("x")');
    expect(first[at('Балл')]).toBe(91.5);
    expect(typeof first[at('Изменение балла')]).toBe('number');
    expect(first[at('Недостаточно данных')]).toBe('нет');
    expect(first[human.length]).toBe(91.5);
    const last = sheet[12]!;
    expect(last[at('Место')] ?? null).toBeNull();
    expect(last[at('Недостаточно данных')]).toBe('да');
    expect(typeof last[at('Причина')]).toBe('string');
  });

  it('offers the CSV Excel opens (semicolons, decimal commas, BOM) and keeps the standard one', async () => {
    const excel = await get('/api/public/v1/editions/oktyabr-2026?format=csv-excel');
    expect(excel.status).toBe(200);
    expect(excel.headers.get('content-disposition')).toBe('attachment; filename="oktyabr-2026-excel.csv"');
    const bytes = Buffer.from(await excel.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    const human = EDITION_COLUMNS.flatMap((c) => (c.human ? [c.human] : []));
    expect(lines[0]!.split(';').slice(0, human.length)).toEqual(human);
    const first = lines[1]!.split(';');
    expect(first[human.indexOf('Организация')]).toBe(`${'\'=HYPERLINK(""x"")'.replace(/^/, '"')}"`);
    expect(first[human.indexOf('Балл')]).toBe('91,5');
    const standard = await (await get('/api/public/v1/editions/oktyabr-2026?format=csv')).text();
    expect(standard.split('\r\n')[0]).toBe([...EDITION_COLUMNS.map((c) => c.csv), 'criterion_SLA', 'criterion_PROFILE'].join(','));
    expect(standard.split('\r\n')[1]).toContain(',91.5,');
  });

  it('exports a comparison of 2–5 organizations criterion by criterion from the same /compare route, and rejects a bad list', async () => {
    const ids = `${codes[0]},${codes[3]}`;
    const xlsx = await get(`/api/public/v1/compare?organizations=${encodeURIComponent(ids)}&edition=oktyabr-2026&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="compare-oktyabr-2026.xlsx"');
    const sheet = (await readXlsx(await xlsx.arrayBuffer())).get('Сравнение')!;
    expect(sheet[0]).toEqual(['Показатель', '=HYPERLINK("x")', expect.any(String)]);
    const row = (label: string) => sheet.find((r) => r[0] === label)!;
    expect(row('Место').slice(1, 3)).toEqual([1, 4]);
    expect(row('Балл').slice(1, 3)).toEqual([91.5, 75]);
    expect(row('Ответы за 24 часа').slice(1, 3)).toEqual([91.5, 75]);
    const excel = await (await get(`/api/public/v1/compare?organizations=${encodeURIComponent(ids)}&edition=oktyabr-2026&format=csv-excel`)).text();
    expect(excel.split('\r\n')[2]).toBe('Балл;91,5;75');

    const json = (await (await get(`/api/public/v1/compare?organizations=${codes[0]},${codes[1]}`)).json()) as {
      edition: { slug: string };
      kind: string;
      columns: { code: string; score: number }[];
      pageUrl: string;
    };
    expect(json.edition.slug).toBe('oktyabr-2026');
    expect(json.kind).toBe('organizations');
    expect(json.columns.map((o) => o.code)).toEqual([codes[0], codes[1]]);
    expect(json.pageUrl).toBe(`https://most.example/compare?organizations=${encodeURIComponent(codes[0]!)},${encodeURIComponent(codes[1]!)}`);

    for (const bad of [`organizations=${codes[0]}`, `organizations=${codes.slice(0, 6).join(',')}`, 'organizations=', `organizations=a,b&format=docx`, `ids=${codes[0]},${codes[1]}`]) {
      const response = await get(`/api/public/v1/compare?${bad}`);
      expect(response.status, bad).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/параметры/);
    }
    expect((await get(`/api/public/v1/compare?organizations=${codes[0]},${codes[1]}&edition=no-such-edition`)).status).toBe(404);
    expect((await get(`/api/public/v1/compare?organizations=${codes[0]},NOPE-404&format=xlsx`)).status).toBe(404);
  });

  it('prints a one-page scorecard PDF with the figures and the evidence (checked with pdftotext)', async () => {
    const response = await get(`/api/public/v1/organizations/${encodeURIComponent(codes[0]!)}/scorecard.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const file = join(tmp, 'scorecard.pdf');
    await writeFile(file, Buffer.from(await response.arrayBuffer()));
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Школа № 1 «Родник»');
    expect(text).toContain('Рейтинг за октябрь 2026 (1 октября 2026 г. — 31 октября 2026 г.)');
    expect(text).toMatch(/Балл из 100[\s\S]*91,5/);
    expect(text).toMatch(/Место[\s\S]*из 11/);
    expect(text).toMatch(/\+1 к прошлому выпуску/);
    expect(text).toContain('место не изменилось');
    expect(text).toMatch(/Ответы за 24 часа\s+91,5 из 100/);
    expect(text).toContain('Оценено 1 из 2 официальных страниц.');
    expect(text).toContain('Вопросов жителей с известным исходом в выборке: 30.');
    expect(text).toContain(`/organizations/${codes[0]}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect((await get('/api/public/v1/organizations/NO-SUCH-ORG/scorecard.pdf')).status).toBe(404);
  });

  /** The content of `<meta property|name="key" content="...">` as a browser would read it. */
  const metaContent = (html: string, key: string) => {
    const match = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html);
    return match
      ? match[1]!
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&')
      : null;
  };
  const pngSize = (bytes: Buffer) => ({ signature: bytes.subarray(1, 4).toString(), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

  it('returns per-page titles, descriptions and link-preview tags in the server HTML, escaped', async () => {
    const edition = await (await get('/rankings/oktyabr-2026')).text();
    expect(edition).toContain('<title>Рейтинг за октябрь 2026 — Цифровой мост</title>');
    expect(metaContent(edition, 'og:title')).toBe('Рейтинг за октябрь 2026 — Цифровой мост');
    expect(metaContent(edition, 'og:description')).toContain('1 октября 2026 г. — 31 октября 2026 г.');
    expect(metaContent(edition, 'og:url')).toBe('https://most.example/rankings/oktyabr-2026');
    expect(metaContent(edition, 'og:image')).toBe('https://most.example/api/public/v1/editions/oktyabr-2026/preview.png');
    expect(metaContent(edition, 'twitter:card')).toBe('summary_large_image');
    expect(edition.match(/<title>/g)).toHaveLength(1);
    // The home page describes the newest edition.
    expect(metaContent(await (await get('/')).text(), 'og:title')).toBe('Рейтинг за октябрь 2026 — Цифровой мост');

    const organization = await (await get(`/organizations/${encodeURIComponent(codes[0]!)}`)).text();
    expect(organization).toContain('<title>=HYPERLINK(&quot;x&quot;) — Цифровой мост</title>');
    expect(organization).not.toContain('content="=HYPERLINK("x")');
    expect(metaContent(organization, 'og:title')).toBe('=HYPERLINK("x") — Цифровой мост');
    expect(metaContent(organization, 'og:description')).toContain('Школа № 1 «Родник». Рейтинг за октябрь 2026: 1 место из 11, балл 91,5 из 100.');

    const compare = await (await get(`/compare?organizations=${codes[0]},${codes[1]}`)).text();
    expect(metaContent(compare, 'og:title')).toMatch(/^Сравнение: =HYPERLINK\("x"\), .+ — Цифровой мост$/);
    expect(metaContent(compare, 'og:url')).toBe(`https://most.example/compare?organizations=${encodeURIComponent(`${codes[0]},${codes[1]}`)}`);

    const [municipality] = await db.sql<{ code: string; name: string }[]>`SELECT code, name FROM municipalities ORDER BY code LIMIT 1`;
    const town = await (await get(`/municipalities/${municipality!.code}`)).text();
    expect(metaContent(town, 'og:title')).toBe(`${municipality!.name} — Цифровой мост`);
    expect(metaContent(town, 'og:url')).toBe(`https://most.example/municipalities/${municipality!.code}`);

    const other = await (await get('/methodology')).text();
    expect(other).toContain('<title>Цифровой мост</title>');
    expect(metaContent(other, 'og:image')).toBeNull();
    expect(metaContent(await (await get('/organizations/NO-SUCH-ORG')).text(), 'og:title')).toBe('Цифровой мост');
  });

  it('draws a 1200×630 PNG preview per edition and organization', async () => {
    for (const path of ['/api/public/v1/editions/oktyabr-2026/preview.png', `/api/public/v1/organizations/${encodeURIComponent(codes[0]!)}/preview.png`]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(pngSize(bytes)).toEqual({ signature: 'PNG', width: 1200, height: 630 });
      // A plain, mostly white card still carries thousands of bytes of drawn text.
      expect(bytes.byteLength).toBeGreaterThan(8_000);
    }
    expect((await get('/api/public/v1/editions/no-such/preview.png')).status).toBe(404);
  });

  it('finds organizations by name, case-insensitively, with their official pages', async () => {
    const [org] = await db.sql<{ full_name: string; code: string }[]>`
      SELECT o.full_name, o.code FROM organizations o WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.is_official AND a.removed_at IS NULL) ORDER BY o.id OFFSET 3 LIMIT 1`;
    // Its whole name, so that no ten other names outrank it.
    const word = org!.full_name.slice(0, 100);
    const upper = (await (await get(`/api/public/v1/organizations?search=${encodeURIComponent(word.toUpperCase())}`)).json()) as { organizations: { code: string; pages: { url: string }[] }[] };
    const found = upper.organizations.find((o) => o.code === org!.code);
    expect(found, word).toBeDefined();
    expect(found!.pages.length).toBeGreaterThan(0);
    expect(found!.pages[0]!.url).toMatch(/^https:\/\//);
    const lower = (await (await get(`/api/public/v1/organizations?search=${encodeURIComponent(word.toLowerCase())}`)).json()) as { organizations: { code: string }[] };
    expect(lower.organizations.map((o) => o.code)).toEqual(upper.organizations.map((o) => o.code));
    expect(((await (await get('/api/public/v1/organizations?search=%25%25')).json()) as { organizations: unknown[] }).organizations).toEqual([]);
    expect((await get('/api/public/v1/organizations?search=a')).status).toBe(400);
    expect((await get(`/api/public/v1/organizations?search=${'я'.repeat(101)}`)).status).toBe(400);
  });

  // Last: it publishes a newer edition.
  it('keeps /embed/rankings/latest following new editions', async () => {
    expect(await (await get('/embed/rankings/latest')).text()).toContain('Рейтинг за октябрь 2026');
    const orgs = await db.sql<{ id: number }[]>`SELECT id FROM organizations ORDER BY id LIMIT 3`;
    const november = await buildEdition(
      db.sql,
      {
        title: 'Рейтинг за ноябрь 2026',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-30',
        methodologyVersion: '1',
        criteria: [{ code: 'SLA', name: 'Ответы за 24 часа', weight: 1 }],
        slug: 'noyabr-2026',
      },
      orgs.map((o) => ({ organizationId: o.id, score: 70, enoughData: true, criteria: [{ code: 'SLA', score: 70, weight: 1 }], accountsScored: 1, accountsTotal: 1, sampleSize: 20 })),
      { id: null, label: 'test' },
    );
    await publishEdition(db.sql, november.id, { id: null, label: 'test' });
    const latest = await get('/embed/rankings/latest');
    expect(latest.headers.get('cache-control')).toBe('public, max-age=60');
    const html = await latest.text();
    expect(html).toContain('Рейтинг за ноябрь 2026');
    expect(html).not.toContain('Рейтинг за октябрь 2026');
  });
});
