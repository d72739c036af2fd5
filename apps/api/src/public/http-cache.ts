import { createHash } from 'node:crypto';
import type { Context } from 'hono';

export interface CachedBody {
  bytes: Uint8Array;
  etag: string;
  contentType: string;
  cacheControl: string;
}

/** Published editions never change: 1 year, immutable. Lists and lookups: a minute. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=60';

export function makeBody(content: string | Uint8Array, contentType: string, cacheControl: string): CachedBody {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
  return { bytes, etag, contentType, cacheControl };
}

/** Sends bytes with ETag and Cache-Control; answers 304 when the client already has them. */
export function send(c: Context, body: CachedBody): Response {
  const headers = { etag: body.etag, 'cache-control': body.cacheControl, 'content-type': body.contentType };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === body.etag || tag.trim() === `W/${body.etag}`)) {
    return c.body(null, 304, headers);
  }
  return c.body(body.bytes as Uint8Array<ArrayBuffer>, 200, headers);
}

/** A bounded in-memory map of serialized responses (least recently used goes first). */
export class ResponseCache {
  private readonly entries = new Map<string, { body: CachedBody; expiresAt: number }>();
  private bytes = 0;
  constructor(
    private readonly maxEntries = 5_000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.bytes.byteLength;
    this.entries.delete(key);
  }

  get(key: string): CachedBody | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.remove(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, body: CachedBody, ttlMs = Number.POSITIVE_INFINITY): void {
    this.remove(key);
    this.entries.set(key, { body, expiresAt: Date.now() + ttlMs });
    this.bytes += body.bytes.byteLength;
    while (this.entries.size > 1 && (this.entries.size > this.maxEntries || this.bytes > this.maxBytes)) this.remove(this.entries.keys().next().value!);
  }

  /** Returns the cached body for the key, or builds, stores and returns it. */
  async through(key: string, build: () => Promise<CachedBody>, ttlMs?: number): Promise<CachedBody> {
    const hit = this.get(key);
    if (hit) return hit;
    const body = await build();
    this.set(key, body, ttlMs);
    return body;
  }
}
