import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Handler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { IMMUTABLE, makeBody, send, type CachedBody } from '../public/http-cache';

/** The page shell changes with each deploy: the browser revalidates it every time (ETag → 304). */
export const REVALIDATE = 'no-cache';

/**
 * The built dashboard's index.html, re-read only when the file changes. `render` may rewrite it per
 * request (title, link-preview tags); the ETag follows the bytes, so repeat visits get a 304.
 */
export function pageShell(webDist: string, render: (html: string, c: Context) => Promise<string> | string = (html) => html) {
  const file = join(webDist, 'index.html');
  let loaded: { mtimeMs: number; html: string } | null = null;
  const template = async () => {
    const { mtimeMs } = await stat(file);
    if (!loaded || loaded.mtimeMs !== mtimeMs) loaded = { mtimeMs, html: await readFile(file, 'utf8') };
    return loaded.html;
  };
  let last: { html: string; body: CachedBody } | null = null;
  return async (c: Context): Promise<Response> => {
    const html = await render(await template(), c);
    // Most requests render the same bytes as the last one: skip re-hashing them.
    if (!last || last.html !== html) last = { html, body: makeBody(html, 'text/html; charset=utf-8', REVALIDATE) };
    return send(c, last.body);
  };
}

/** Vite's hashed build files (/assets/*): prebuilt .br/.gz when the client takes them, cached for a year. */
export function hashedAssets(webDist: string): Handler {
  const files = serveStatic({ root: webDist, precompressed: true });
  return async (c) => {
    // A missing build file is a 404, never the page shell (a browser would run HTML as a script).
    const found = await files(c, async () => undefined);
    if (!found) return c.notFound();
    if (found.status === 200 || found.status === 206) found.headers.set('cache-control', IMMUTABLE);
    return found;
  };
}
