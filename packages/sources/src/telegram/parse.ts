import { parse, type HTMLElement } from 'node-html-parser';

/** Parsing of the public channel preview page t.me/s/<channel>. */

export interface TelegramChannelPage {
  title: string;
  description: string;
  /** Links of the description (href and text). */
  links: { url: string; name: string }[];
  subscribers: number | null;
  hasAvatar: boolean;
  posts: TelegramPost[];
}

export interface TelegramPost {
  id: number;
  text: string;
  views: number | null;
  publishedAt: Date;
  edited: boolean;
}

/** "4.5K" → 4500, "1.2M" → 1200000, "812" → 812, "12 345" → 12345. */
export function parseCount(value: string): number | null {
  const match = /^([\d\s.,]+)\s*([KMB])?$/i.exec(value.trim());
  if (!match?.[1]) return null;
  const multiplier = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  const digits = match[1].replace(/\s/g, '');
  const number = multiplier === 1 ? Number(digits.replace(/[.,]/g, '')) : Number(digits.replace(',', '.'));
  return Number.isFinite(number) ? Math.round(number * multiplier) : null;
}

/** Text of a message body with line breaks kept and HTML entities decoded. */
function messageText(element: HTMLElement | null): string {
  if (!element) return '';
  const withBreaks = parse(element.innerHTML.replace(/<br\s*\/?>/gi, '\n'));
  return withBreaks.textContent.trim();
}

export function parseChannelPage(html: string, channel: string): TelegramChannelPage | null {
  const root = parse(html);
  const info = root.querySelector('.tgme_channel_info');
  const messages = root.querySelectorAll('.tgme_widget_message[data-post]');
  if (!info && messages.length === 0) return null;
  let subscribers: number | null = null;
  for (const counter of root.querySelectorAll('.tgme_channel_info_counter')) {
    const type = counter.querySelector('.counter_type')?.textContent.trim().toLowerCase() ?? '';
    if (type.startsWith('subscriber') || type.startsWith('подписчик') || type.startsWith('member')) {
      subscribers = parseCount(counter.querySelector('.counter_value')?.textContent ?? '');
    }
  }
  const posts: TelegramPost[] = [];
  for (const message of messages) {
    const [owner, id] = (message.getAttribute('data-post') ?? '').split('/');
    if (!owner || owner.toLowerCase() !== channel.toLowerCase() || !id || !/^\d+$/.test(id)) continue;
    const datetime = message.querySelector('.tgme_widget_message_date time[datetime]') ?? message.querySelector('time[datetime]');
    const publishedAt = new Date(datetime?.getAttribute('datetime') ?? '');
    if (Number.isNaN(publishedAt.getTime())) continue;
    const views = message.querySelector('.tgme_widget_message_views')?.textContent;
    posts.push({
      id: Number(id),
      text: messageText(message.querySelector('.tgme_widget_message_text')),
      views: views ? parseCount(views) : null,
      publishedAt,
      edited: /edited|изменено/i.test(message.querySelector('.tgme_widget_message_meta')?.textContent ?? ''),
    });
  }
  const descriptionElement = root.querySelector('.tgme_channel_info_description');
  const links = (descriptionElement?.querySelectorAll('a[href]') ?? [])
    .map((a) => ({ url: a.getAttribute('href') ?? '', name: a.textContent.trim() }))
    .filter((link) => /^https?:\/\//i.test(link.url));
  return {
    title: root.querySelector('.tgme_channel_info_header_title')?.textContent.trim() ?? channel,
    description: messageText(descriptionElement),
    links,
    subscribers,
    hasAvatar: Boolean(root.querySelector('.tgme_channel_info_header .tgme_page_photo_image img, .tgme_page_photo_image img')),
    posts,
  };
}
