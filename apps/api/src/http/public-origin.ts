import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The origin put into links (e-mails, open data, docs, feeds, certificates): PUBLIC_URL, or, when
 * it is unset (embedded single-machine mode), this server's own loopback address. Never the
 * request's Host header, which the caller chooses.
 */
export function publicBase(c: Context, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  const port = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.localPort;
  return port ? `http://localhost:${port}` : 'http://localhost';
}
