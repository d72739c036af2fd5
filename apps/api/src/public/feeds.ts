import type { EditionSummary } from '@most/services';
import { escapeHtml } from './escape';
import { formatPeriod } from './labels';

const FEED_TITLE = 'Цифровой мост — рейтинги официальных страниц';

const editionUrl = (base: string, slug: string) => `${base}/rankings/${encodeURIComponent(slug)}`;

/** RSS 2.0 feed of published editions. */
export function editionsRss(base: string, editions: EditionSummary[]): string {
  const items = editions
    .map((e) => {
      const url = editionUrl(base, e.slug);
      return `    <item>
      <title>${escapeHtml(e.title)}</title>
      <link>${escapeHtml(url)}</link>
      <guid isPermaLink="true">${escapeHtml(url)}</guid>
      <pubDate>${(e.publishedAt ?? e.createdAt).toUTCString()}</pubDate>
      <description>${escapeHtml(`Период: ${formatPeriod(e.periodStart, e.periodEnd)}. Методика, версия ${e.methodologyVersion}.`)}</description>
      <enclosure url="${escapeHtml(`${base}/api/public/v1/editions/${encodeURIComponent(e.slug)}?format=csv`)}" type="text/csv" length="0"/>
    </item>`;
    })
    .join('\n');
  const updated = editions[0]?.publishedAt ?? new Date(0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeHtml(FEED_TITLE)}</title>
    <link>${escapeHtml(`${base}/rankings`)}</link>
    <atom:link href="${escapeHtml(`${base}/api/public/v1/feeds/editions.rss`)}" rel="self" type="application/rss+xml"/>
    <description>Выпуски рейтингов официальных страниц органов власти и учреждений</description>
    <language>ru</language>
    <lastBuildDate>${updated.toUTCString()}</lastBuildDate>
${items}
  </channel>
</rss>
`;
}

/** Atom 1.0 feed of published editions. */
export function editionsAtom(base: string, editions: EditionSummary[]): string {
  const updated = (editions[0]?.publishedAt ?? new Date(0)).toISOString();
  const entries = editions
    .map((e) => {
      const url = editionUrl(base, e.slug);
      return `  <entry>
    <title>${escapeHtml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeHtml(url)}"/>
    <link rel="alternate" type="application/json" href="${escapeHtml(`${base}/api/public/v1/editions/${encodeURIComponent(e.slug)}`)}"/>
    <id>${escapeHtml(url)}</id>
    <updated>${(e.publishedAt ?? e.createdAt).toISOString()}</updated>
    <summary>${escapeHtml(`Период: ${formatPeriod(e.periodStart, e.periodEnd)}. Методика, версия ${e.methodologyVersion}.`)}</summary>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>${escapeHtml(FEED_TITLE)}</title>
  <id>${escapeHtml(`${base}/api/public/v1/feeds/editions.atom`)}</id>
  <link rel="self" type="application/atom+xml" href="${escapeHtml(`${base}/api/public/v1/feeds/editions.atom`)}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(`${base}/rankings`)}"/>
  <updated>${updated}</updated>
  <author><name>Цифровой мост</name></author>
${entries}
</feed>
`;
}
