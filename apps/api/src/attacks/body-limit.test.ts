import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@most/trpc';
import { UPLOAD_BODY_BYTES } from '../http/body-limits';
import { startAttackTarget, type AttackTarget } from './harness';

/** Sends a body of `declared` bytes (or chunked when undefined) slowly; resolves at the response, reporting how much was sent. */
function pushBody(url: string, path: string, options: { declared?: number; chunkBytes: number; maxBytes: number }): Promise<{ status: number; sentBytes: number; ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (options.declared !== undefined) headers['content-length'] = options.declared;
    const req = request(`${url}${path}`, { method: 'POST', headers });
    let sentBytes = 0;
    let answered = false;
    const chunk = Buffer.alloc(options.chunkBytes, 0x61);
    const pump = () => {
      if (answered || sentBytes >= options.maxBytes) return;
      sentBytes += chunk.length;
      if (req.write(chunk)) setImmediate(pump);
      else req.once('drain', pump);
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, sentBytes, ms: performance.now() - started, body });
        req.destroy();
      });
    });
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.flushHeaders();
    pump();
  });
}

/** Issue 13, item 2: no request-body limit. */
describe('request-body limits over real HTTP', () => {
  let target: AttackTarget;
  beforeAll(async () => {
    target = await startAttackTarget({ users: false });
  });
  afterAll(async () => target?.close());

  it('refuses a 500 MB body declared by Content-Length with 413 at once, without reading it', async () => {
    const result = await pushBody(target.server.url, '/trpc/auth.login', { declared: 500 * 1024 * 1024, chunkBytes: 64 * 1024, maxBytes: 500 * 1024 * 1024 });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).error.message).toMatch(/не более 1 МБ/);
    expect(result.sentBytes).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a chunked body as soon as it passes the limit, never buffering the rest', async () => {
    const result = await pushBody(target.server.url, '/trpc/auth.login', { chunkBytes: 64 * 1024, maxBytes: 200 * 1024 * 1024 });
    expect(result.status).toBe(413);
    expect(result.sentBytes).toBeLessThan(50 * 1024 * 1024);
  });

  it('five parallel 500 MB bodies neither grow the process nor slow a public endpoint', async () => {
    const rssBefore = process.memoryUsage().rss;
    const attacks = Array.from({ length: 5 }, () => pushBody(target.server.url, '/trpc/auth.login', { chunkBytes: 256 * 1024, maxBytes: 500 * 1024 * 1024 }));
    const started = performance.now();
    const open = await fetch(`${target.server.url}/api/public/v1/editions`);
    const ms = performance.now() - started;
    const results = await Promise.all(attacks);
    expect(open.status).toBe(200);
    expect(ms).toBeLessThan(2_000);
    expect(results.map((r) => r.status)).toEqual([413, 413, 413, 413, 413]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('gives upload procedures their own larger limit, and other paths a small one', async () => {
    // 5 MB to the coursework upload passes the size check (and is then refused for want of CSRF).
    const upload = await pushBody(target.server.url, '/trpc/training.trainee.submit', { declared: 5 * 1024 * 1024, chunkBytes: 64 * 1024, maxBytes: 5 * 1024 * 1024 });
    expect(upload.status).toBe(403);
    const tooBig = await pushBody(target.server.url, '/trpc/training.trainee.submit', { declared: 80 * 1024 * 1024, chunkBytes: 64 * 1024, maxBytes: 80 * 1024 * 1024 });
    expect(tooBig.status).toBe(413);
    const bulletin = await pushBody(target.server.url, '/bulletin/unsubscribe', { declared: 1024 * 1024, chunkBytes: 64 * 1024, maxBytes: 1024 * 1024 });
    expect(bulletin.status).toBe(413);
  });

  it('names only procedures that exist', () => {
    const procedures = Object.keys(appRouter._def.procedures);
    for (const name of Object.keys(UPLOAD_BODY_BYTES)) expect(procedures).toContain(name);
  });
});
