import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAttackTarget, type AttackTarget } from '../attacks/harness';
import { chooseEncoding } from './compression';
import { buildEdition, publishEdition, type OrganizationScore } from '@most/services';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as they crossed the wire (still compressed). */
  wire: Buffer;
}

/** A plain HTTP GET that does not decode the body, so the test sees what the network carries. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, wire: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (r: RawResponse) => (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.wire) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.wire) : r.wire);

describe('speed on the wire: compression, cache headers, revalidation', () => {
  let target: AttackTarget;
  let webDir: string;
  const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ rank: i, name: `Организация ${i}` })))};\n`;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'most-wire-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), `<!doctype html><html lang="ru"><head><title>Цифровой мост</title></head><body>${'<p>Рейтинг</p>'.repeat(200)}</body></html>`);
    await writeFile(join(webDir, 'assets', 'index-AbC123.js'), script);
    await writeFile(join(webDir, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
    target = await startAttackTarget({ users: false, webDistDir: webDir });
    const orgs = await target.db.sql<{ id: number }[]>`SELECT id FROM organizations ORDER BY id LIMIT 40`;
    const scores: OrganizationScore[] = orgs.map((o, i) => ({
      organizationId: o.id,
      score: 100 - i,
      enoughData: true,
      criteria: [{ code: 'SLA', score: 100 - i, weight: 1 }],
      accountsScored: 1,
      accountsTotal: 1,
      sampleSize: 30,
    }));
    const edition = await buildEdition(
      target.db.sql,
      {
        title: 'Рейтинг за октябрь 2026',
        periodStart: '2026-10-01',
        periodEnd: '2026-10-31',
        methodologyVersion: '1',
        criteria: [{ code: 'SLA', name: 'Ответы за 24 часа', weight: 1 }],
        slug: 'oktyabr-2026',
      },
      scores,
      { id: null, label: 'test' },
    );
    await publishEdition(target.db.sql, edition.id, { id: null, label: 'test' });
  });
  afterAll(async () => {
    await target?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('picks brotli first, then gzip, honouring q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding('*')).toBe('br');
  });

  it('sends edition JSON as brotli or gzip, decoding to the same bytes, and revalidates with 304', async () => {
    const path = '/api/public/v1/editions/oktyabr-2026?pageSize=100';
    const plain = await rawGet(target.server.url, path);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(target.server.url, path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.wire.byteLength).toBeLessThan(plain.wire.byteLength / 3);
    expect(decode(br).equals(plain.wire)).toBe(true);
    const gz = await rawGet(target.server.url, path, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz).equals(plain.wire)).toBe(true);
    // The compressed variant carries a weak validator that still earns a 304.
    const etag = String(br.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await rawGet(target.server.url, path, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.wire.byteLength).toBe(0);
  });

  it('serves the page shell compressed, revalidated by ETag on every visit', async () => {
    const first = await rawGet(target.server.url, '/rankings/oktyabr-2026', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(decode(first).toString()).toContain('<title>');
    const repeat = await rawGet(target.server.url, '/rankings/oktyabr-2026', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    expect(repeat.status).toBe(304);
    // A different shell (another deploy) is a new validator: the old one no longer matches.
    await writeFile(join(webDir, 'index.html'), '<!doctype html><html lang="ru"><head><title>Цифровой мост</title></head><body><p>Новая сборка</p></body></html>');
    const changed = await rawGet(target.server.url, '/rankings/oktyabr-2026', { 'if-none-match': String(first.headers.etag) });
    expect(changed.status).toBe(200);
    expect(changed.wire.toString()).toContain('Новая сборка');
  });

  it('serves hashed assets prebuilt-compressed and immutable for a year', async () => {
    const br = await rawGet(target.server.url, '/assets/index-AbC123.js', { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decode(br).toString()).toBe(script);
    // No prebuilt .gz here: compressed on the fly instead.
    const gz = await rawGet(target.server.url, '/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz).toString()).toBe(script);
    const missing = await rawGet(target.server.url, '/assets/nothing-here.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).not.toBe('public, max-age=31536000, immutable');
  });

  it('leaves small bodies and HEAD requests alone', async () => {
    const small = await rawGet(target.server.url, '/robots.txt', { 'accept-encoding': 'br' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
