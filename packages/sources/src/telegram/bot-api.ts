import { z } from 'zod';

/**
 * The Telegram Bot API as the alerts use it: getMe (the bot's name for deep links), sendMessage,
 * getUpdates (the `/start <code>` a user sends from the deep link). `apiUrl` points at Telegram
 * or at a wire-compatible server (tests).
 */
export interface TelegramBot {
  username(): Promise<string>;
  sendMessage(chatId: string, text: string): Promise<void>;
  getUpdates(offset: number): Promise<{ updateId: number; chatId: string; text: string }[]>;
}

/** A refusal from the Bot API; `permanent` when retrying cannot help (blocked, chat not found, bad token). */
export class TelegramBotError extends Error {
  constructor(
    message: string,
    readonly errorCode: number,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'TelegramBotError';
  }
}

const answerSchema = z.union([z.object({ ok: z.literal(true), result: z.unknown() }), z.object({ ok: z.literal(false), error_code: z.number().int(), description: z.string().default('') })]);
const meSchema = z.object({ username: z.string().min(1) });
const updatesSchema = z.array(
  z.object({
    update_id: z.number().int(),
    message: z.object({ chat: z.object({ id: z.number() }), text: z.string().max(4096).optional() }).optional(),
  }),
);

export function createTelegramBot(options: { token: string; apiUrl?: string; timeoutMs?: number }): TelegramBot {
  const base = `${(options.apiUrl ?? 'https://api.telegram.org').replace(/\/+$/, '')}/bot${options.token}`;
  const call = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    const response = await fetch(`${base}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const parsed = answerSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new TelegramBotError(`Bot API ${method}: unexpected answer (HTTP ${response.status})`, response.status, false);
    if (!parsed.data.ok) {
      const code = parsed.data.error_code;
      // 400 (chat not found, bad request), 401 (token), 403 (blocked by the user) will fail again; 429 and 5xx may not.
      throw new TelegramBotError(`Bot API ${method}: ${code} ${parsed.data.description}`, code, code === 400 || code === 401 || code === 403 || code === 404);
    }
    return parsed.data.result;
  };
  let me: Promise<string> | undefined;
  return {
    username: () =>
      (me ??= call('getMe', {})
        .then((r) => meSchema.parse(r).username)
        .catch((error: unknown) => {
          me = undefined;
          throw error;
        })),
    async sendMessage(chatId, text) {
      await call('sendMessage', { chat_id: chatId, text: text.slice(0, 4096), link_preview_options: { is_disabled: true } });
    },
    async getUpdates(offset) {
      const result = updatesSchema.parse(await call('getUpdates', { offset, limit: 100, timeout: 0, allowed_updates: ['message'] }));
      return result.map((u) => ({ updateId: u.update_id, chatId: String(u.message?.chat.id ?? ''), text: u.message?.text ?? '' }));
    },
  };
}

/** The code of a `/start <code>` message (deep link https://t.me/<bot>?start=<code>), or null. */
export function startCode(text: string): string | null {
  const match = /^\/start(?:@\w+)?\s+([A-Za-z0-9_-]{8,64})\s*$/.exec(text.trim());
  return match ? match[1]! : null;
}
