import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { ResponseCache } from '../public/http-cache';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images, PDF, XLSX and fonts are compressed already. */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|rss\+xml|atom\+xml)|image\/svg\+xml)/i;
/** Below this a compressed body plus its headers is not smaller. */
const MIN_BYTES = 1024;
/** Larger bodies are left alone rather than held in memory twice. */
const MAX_BYTES = 16 * 1024 * 1024;

export type Encoding = 'br' | 'gzip';

/** The best encoding the client accepts (q > 0), brotli first. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const allows = (name: Encoding) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return null;
}

/**
 * Brotli or gzip for text responses. A response with an ETag or an immutable file is the same bytes
 * every time (the cached editions, the page shell, hashed assets), so it is compressed once at the
 * highest level and kept; other
 * responses are compressed at a fast level. Bodies already encoded (prebuilt .br/.gz assets) pass.
 */
export function compression(): MiddlewareHandler {
  const compressed = new ResponseCache(2_000, 32 * 1024 * 1024);
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || res.status !== 200 || !res.body || res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    if (Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) return;
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const etag = res.headers.get('etag');
    let output: Uint8Array = bytes;
    if (bytes.byteLength >= MIN_BYTES) {
      // Same bytes every time: an ETag, or an immutable (hashed) file name.
      const immutable = /immutable/.test(res.headers.get('cache-control') ?? '') ? `${c.req.path}|${res.headers.get('last-modified') ?? ''}` : null;
      const stable = etag ?? immutable;
      const key = stable ? `${stable}|${encoding}` : null;
      const cached = key ? compressed.get(key) : undefined;
      if (cached) output = cached.bytes;
      else {
        const best = key !== null;
        output =
          encoding === 'br'
            ? await brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } })
            : await gzipAsync(bytes, { level: best ? 9 : 6 });
        if (key) compressed.set(key, { bytes: output, etag: key, contentType: '', cacheControl: '' });
      }
    }
    c.res = new Response(output as Uint8Array<ArrayBuffer>, { status: res.status, headers: res.headers });
    c.res.headers.append('vary', 'Accept-Encoding');
    if (output === bytes) return;
    c.res.headers.set('content-encoding', encoding);
    c.res.headers.delete('content-length');
    // The compressed bytes differ from the identity ones: a weak validator (still matched for 304).
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
}
