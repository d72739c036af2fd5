import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, sendJson } from './http';

/**
 * A Bot API server speaking Telegram's wire format (https://core.telegram.org/bots/api):
 * `POST /bot<token>/<method>` with a JSON or form body, answers `{"ok":true,"result":…}` or
 * `{"ok":false,"error_code":N,"description":"…"}`. Implements getMe, sendMessage and getUpdates
 * (offset confirms earlier updates); tests push users' messages and inject failures.
 */
export interface TelegramBotServer {
  url: string;
  token: string;
  username: string;
  /** Messages the bot sent, in order. */
  readonly sent: { chatId: string; text: string; parseMode?: string }[];
  /** A user writes to the bot (e.g. `/start <code>` from a deep link). */
  userWrites(chatId: number, text: string): void;
  /** The next `count` sendMessage calls fail with this error (429 carries retry_after). */
  failSends(count: number, errorCode: 400 | 403 | 429 | 500, description?: string): void;
  close(): Promise<void>;
}

interface Update {
  update_id: number;
  message: { message_id: number; date: number; chat: { id: number; type: 'private' }; from: { id: number; is_bot: false; first_name: string }; text: string };
}

export async function startTelegramBotServer(options: { token?: string; username?: string; port?: number } = {}): Promise<TelegramBotServer> {
  const token = options.token ?? '123456:TEST-bot-token';
  const username = options.username ?? 'most_alerts_bot';
  const sent: TelegramBotServer['sent'] = [];
  const updates: Update[] = [];
  let nextUpdateId = 1;
  let failures: { count: number; code: number; description: string } = { count: 0, code: 500, description: '' };

  const params = async (req: IncomingMessage, url: URL): Promise<Record<string, unknown>> => {
    const body = req.method === 'POST' ? await readBody(req) : '';
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json') && body) return JSON.parse(body) as Record<string, unknown>;
    const form = new URLSearchParams(body || url.search);
    return Object.fromEntries(form);
  };
  const fail = (res: ServerResponse, code: number, description: string, extra: Record<string, unknown> = {}) => sendJson(res, code, { ok: false, error_code: code, description, ...extra });

  const server = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bot');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return fail(res, 404, 'Not Found');
    if (match[1] !== token) return fail(res, 401, 'Unauthorized');
    const input = await params(req, url).catch(() => null);
    if (!input) return fail(res, 400, "Bad Request: can't parse JSON object");
    switch (match[2]) {
      case 'getMe':
        return sendJson(res, 200, { ok: true, result: { id: 123456, is_bot: true, first_name: 'Цифровой мост', username } });
      case 'getUpdates': {
        const offset = Number(input.offset ?? 0);
        if (offset > 0) updates.splice(0, updates.filter((u) => u.update_id < offset).length);
        const limit = Math.min(Number(input.limit ?? 100), 100);
        return sendJson(res, 200, { ok: true, result: updates.slice(0, limit) });
      }
      case 'sendMessage': {
        const chatId = String(input.chat_id ?? '');
        const text = String(input.text ?? '');
        if (!chatId) return fail(res, 400, 'Bad Request: chat_id is empty');
        if (!text) return fail(res, 400, 'Bad Request: message text is empty');
        if (text.length > 4096) return fail(res, 400, 'Bad Request: message is too long');
        if (failures.count > 0) {
          failures.count -= 1;
          return fail(res, failures.code, failures.description, failures.code === 429 ? { parameters: { retry_after: 1 } } : {});
        }
        sent.push({ chatId, text, ...(typeof input.parse_mode === 'string' ? { parseMode: input.parse_mode } : {}) });
        return sendJson(res, 200, { ok: true, result: { message_id: sent.length, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'private' }, text } });
      }
      default:
        return fail(res, 404, 'Not Found: method not found');
    }
  }, options.port ?? 0);

  return {
    url: server.url,
    token,
    username,
    sent,
    userWrites(chatId, text) {
      const id = nextUpdateId++;
      updates.push({
        update_id: id,
        message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Сотрудник' }, text },
      });
    },
    failSends(count, errorCode, description) {
      failures = {
        count,
        code: errorCode,
        description:
          description ??
          (errorCode === 429
            ? 'Too Many Requests: retry after 1'
            : errorCode === 403
              ? 'Forbidden: bot was blocked by the user'
              : errorCode === 400
                ? 'Bad Request: chat not found'
                : 'Internal Server Error'),
      };
    },
    close: () => server.close(),
  };
}
