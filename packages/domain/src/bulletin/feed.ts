import { escapeHtml } from './markdown';

export interface FeedEntry {
  slug: string;
  title: string;
  /** Absolute URL of the page. */
  url: string;
  publishedAt: string;
  summary: string;
}

export interface FeedChannel {
  title: string;
  /** Absolute URL of the archive page. */
  siteUrl: string;
  /** Absolute URL of this feed document. */
  selfUrl: string;
  description: string;
}

// XML 1.0 forbids most control characters even when escaped.
// eslint-disable-next-line no-control-regex
const xml = (text: string) => escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));

/** RSS 2.0 of published issues, newest first (entries are given in that order). */
export function renderRss(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const lastBuild = entries[0]?.publishedAt ?? '1970-01-01T00:00:00Z';
  const items = entries.map(
    (e) =>
      `    <item>\n      <title>${xml(e.title)}</title>\n      <link>${xml(e.url)}</link>\n      <guid isPermaLink="true">${xml(e.url)}</guid>\n` +
      `      <pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate>\n      <description>${xml(e.summary)}</description>\n    </item>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xml(channel.title)}</title>`,
    `    <link>${xml(channel.siteUrl)}</link>`,
    `    <description>${xml(channel.description)}</description>`,
    '    <language>ru</language>',
    `    <lastBuildDate>${new Date(lastBuild).toUTCString()}</lastBuildDate>`,
    `    <atom:link href="${xml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** Atom 1.0 of published issues, newest first. */
export function renderAtom(channel: FeedChannel, entries: readonly FeedEntry[]): string {
  const updated = new Date(entries[0]?.publishedAt ?? '1970-01-01T00:00:00Z').toISOString();
  const items = entries.map(
    (e) =>
      `  <entry>\n    <title>${xml(e.title)}</title>\n    <link rel="alternate" type="text/html" href="${xml(e.url)}"/>\n    <id>${xml(e.url)}</id>\n` +
      `    <published>${new Date(e.publishedAt).toISOString()}</published>\n    <updated>${new Date(e.publishedAt).toISOString()}</updated>\n` +
      `    <summary>${xml(e.summary)}</summary>\n  </entry>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">',
    `  <title>${xml(channel.title)}</title>`,
    `  <subtitle>${xml(channel.description)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${xml(channel.siteUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(channel.selfUrl)}"/>`,
    `  <id>${xml(channel.selfUrl)}</id>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>«Цифровой мост»</name></author>',
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
