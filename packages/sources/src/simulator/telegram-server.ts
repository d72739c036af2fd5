import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerHttpFault, RequestLedger, sendRaw, serveWithLedger, simulatedRegion, type NetworkSimulatorStats, type SimulatorControls, type SimulatorOptions } from './http';
import type { SimCommunity, SimPost } from './world';

export interface TelegramSimulatorOptions extends Omit<SimulatorOptions, 'commentsPerPost'> {
  /** Pages per second per client address (default 2); HTTP 429 beyond it. null turns limiting off. */
  requestsPerSecond?: number | null;
}

export interface TelegramSimulator extends SimulatorControls {
  stats(): NetworkSimulatorStats;
  /** A `fetch` answered straight from the model (ground truth for tests): outside the budget, the faults and the stats. */
  readDirect(input: string | URL | Request): Promise<Response>;
}

interface PreviewAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Messages per preview page, as t.me shows. */
export const TELEGRAM_PREVIEW_PAGE = 20;
const METHOD = 'preview';
const CHANNEL_PATH = /^\/s\/([A-Za-z0-9_]{1,64})\/?$/;
const NOT_FOUND: PreviewAnswer = { status: 404, contentType: 'text/html', body: '<html><body>Not found</body></html>' };

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** "4.5K" style, as the preview shows view counts. */
export function compactCount(value: number): string {
  if (value >= 1_000_000) return `${(Math.floor(value / 100_000) / 10).toString()}M`;
  if (value >= 1_000) return `${(Math.floor(value / 100) / 10).toString()}K`;
  return String(value);
}

function channelInfo(community: SimCommunity, channel: string): string {
  const description = [
    escapeText(community.description),
    community.site ? `Сайт: <a href="${escapeText(community.site)}" target="_blank" rel="noopener">${escapeText(community.site.replace(/^https?:\/\//, ''))}</a>` : '',
    community.address?.phone ? `Телефон: ${escapeText(community.address.phone)}` : '',
  ]
    .filter(Boolean)
    .join('<br/>');
  return `<div class="tgme_channel_info">
  <div class="tgme_channel_info_header">
    ${community.hasAvatar ? `<i class="tgme_page_photo_image bgcolor1"><img src="https://cdn4.cdn-telegram.org/file/${community.id}.jpg"></i>` : '<i class="tgme_page_photo_image bgcolor1" data-content="К"></i>'}
    <div class="tgme_channel_info_header_title"><span dir="auto">${escapeText(community.name)}</span></div>
    <div class="tgme_channel_info_header_username"><a href="https://t.me/${channel}">@${channel}</a></div>
  </div>
  <div class="tgme_channel_info_description">${description}</div>
  <div class="tgme_channel_info_counters">
    <div class="tgme_channel_info_counter"><span class="counter_value">${compactCount(community.membersCount)}</span> <span class="counter_type">subscribers</span></div>
  </div>
</div>`;
}

function message(channel: string, post: SimPost, now: number): string {
  const growth = 1 - Math.exp(-Math.max(0, now - post.date) / 3600 / 6);
  const datetime = new Date(post.date * 1000).toISOString().replace('.000Z', '+00:00');
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="${channel}/${post.id}">
  <div class="tgme_widget_message_bubble">
    <div class="tgme_widget_message_text js-message_text" dir="auto">${escapeText(post.text).replace(/\n/g, '<br/>')}</div>
    <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
      <span class="tgme_widget_message_views">${compactCount(Math.round(post.views * growth))}</span><span class="copyonly"> views</span>
      <span class="tgme_widget_message_meta">${post.editedAt !== null && post.editedAt <= now ? '<span class="tgme_widget_message_edited">edited</span> ' : ''}<a class="tgme_widget_message_date" href="https://t.me/${channel}/${post.id}"><time datetime="${datetime}" class="time">${datetime.slice(11, 16)}</time></a></span>
    </div></div>
  </div>
</div></div>`;
}

/**
 * The public channel preview of t.me (GET /s/<channel>, older posts with ?before=<id>): the 20 newest
 * messages before the given id, oldest first, beside the channel's title, description and counters.
 * A name with no public channel redirects to /<name>; the budget per client is answered with 429.
 */
export async function startTelegramSimulator(options: TelegramSimulatorOptions = {}): Promise<TelegramSimulator> {
  const seed = `${options.seed ?? 'most'}|telegram`;
  // Comments live in a linked discussion group the preview does not show.
  const { clock, world, plan, faults } = simulatedRegion(seed, { ...options, commentsPerPost: 0 }, { closed: 0, private: 0.03, deleted: 0.02, banned: 0.01, notFound: 0.02 });
  const ledger = new RequestLedger();
  const limit = options.requestsPerSecond === undefined ? 2 : options.requestsPerSecond;

  /** The page t.me answers for a path, straight from the model: no budget, no fault, not counted. */
  const preview = (url: URL): PreviewAnswer => {
    const match = CHANNEL_PATH.exec(url.pathname);
    if (!match?.[1]) return NOT_FOUND;
    const channel = match[1];
    const community = world.resolve(channel);
    if (community?.state !== 'active') return { status: 302, contentType: 'text/html', body: '', headers: { location: `/${channel}` } };
    const now = clock.unix();
    const before = url.searchParams.get('before');
    const beforeId = before && /^\d+$/.test(before) ? Number(before) : Number.POSITIVE_INFINITY;
    const posts = world
      .postsUpTo(community, now)
      .filter((p) => p.id < beforeId)
      .slice(-TELEGRAM_PREVIEW_PAGE);
    const more =
      posts[0] && posts[0].id > 1
        ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${channel}?before=${posts[0].id}" class="tme_messages_more js-messages_more" data-before="${posts[0].id}"></a></div>`
        : '';
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeText(community.name)} – Telegram</title></head>
<body class="widget_frame_base tgme_webpreview_body"><main class="tgme_main"><section class="tgme_channel_history js-message_history">${more}
${posts.map((post) => message(channel, post, now)).join('\n')}
</section></main><section class="tgme_right_column">${channelInfo(community, channel)}</section></body></html>`;
    return { status: 200, contentType: 'text/html; charset=utf-8', body: html };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method !== 'GET') return sendRaw(res, 405, 'text/plain', 'Method not allowed');
    if (!CHANNEL_PATH.test(url.pathname)) return sendRaw(res, NOT_FOUND.status, NOT_FOUND.contentType, NOT_FOUND.body);
    if (!ledger.admit(req.socket.remoteAddress ?? 'client', METHOD, limit)) {
      ledger.error('http429');
      return sendRaw(res, 429, 'text/html', '<html><body>Too Many Requests</body></html>', { 'retry-after': '1' });
    }
    const fault = plan.next(METHOD);
    if (fault) {
      ledger.error(fault);
      if (fault === 'malformed_json' || fault === 'bad_shape') return sendRaw(res, 200, 'text/html; charset=utf-8', '<html><body><div class="tgme_page">Something else</div></body></html>');
      if ((await answerHttpFault(fault, req, res, server.hold, plan.slowMs)) === 'answered') return;
      if (fault.startsWith('error')) return sendRaw(res, 503, 'text/html', '<html><body>Service Unavailable</body></html>');
    }
    const answer = preview(url);
    if (answer.status === 302) ledger.error('redirect');
    sendRaw(res, answer.status, answer.contentType, answer.body, answer.headers);
  };

  const server = await serveWithLedger(handle, options, { clock, faults, ledger });
  return {
    ...server,
    readDirect: (input) => {
      const answer = preview(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url));
      return Promise.resolve(new Response(answer.status === 302 ? null : answer.body, { status: answer.status, headers: { 'content-type': answer.contentType, ...answer.headers } }));
    },
  };
}
