import { escapeBulletinHtml as escapeHtml } from '@most/domain';
import type { Context } from 'hono';

/** The token of a link from an e-mail (unsubscribe, acknowledge): URL-safe, 16–64 characters. */
export const EMAIL_LINK_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

/** A small standalone page with a title and an HTML body (already escaped), kept out of search engines. */
export function messagePage(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** Answers an HTML page that is never cached. */
export const sendHtml = (c: Context, body: string, status: 200 | 400 | 401 | 403 | 404 = 200) => c.body(body, status, HTML_HEADERS);
