import { alertRetryDelayMs, type AlertChannel, type AlertKind } from '@most/domain';
import type { Queryable } from '../client';

/** Sends that fail this many times are given up ("failed") and shown to monitors. */
export const ALERT_MAX_ATTEMPTS = 6;

export interface AlertToSend {
  id: number;
  userId: number;
  kind: AlertKind;
  channel: Exclude<AlertChannel, 'in_app'>;
  subject: string;
  title: string;
  body: string;
  link: string;
  attempts: number;
  /** For a warning: the deadline it warns about. */
  expiresAt: Date | null;
  email: string;
  telegramChatId: string | null;
  unsubscribeToken: string | null;
}

/**
 * Claims due e-mail and Telegram alerts for one sender. The claim ('sending') is committed before
 * anything is sent, and SKIP LOCKED lets parallel workers take disjoint rows.
 */
export async function claimDueAlerts(sql: Queryable, now: Date, limit = 50): Promise<AlertToSend[]> {
  await sql`
    UPDATE alerts SET status = 'skipped', last_error = 'Срок ответа истёк раньше, чем оповещение могло уйти'
    WHERE status IN ('pending', 'retrying') AND expires_at <= ${now}`;
  return sql<AlertToSend[]>`
    WITH due AS (
      SELECT id FROM alerts WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ${now}
      ORDER BY next_attempt_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE alerts a SET status = 'sending', claimed_at = ${now}, attempts = a.attempts + 1
    FROM due, users u LEFT JOIN alert_settings s ON s.user_id = u.id
    WHERE a.id = due.id AND u.id = a.user_id
    RETURNING a.id, a.user_id AS "userId", a.kind, a.channel, a.subject, a.title, a.body, a.link, a.attempts, a.expires_at AS "expiresAt",
              u.email, s.telegram_chat_id AS "telegramChatId", s.unsubscribe_token AS "unsubscribeToken"`;
}

export async function recordAlertSent(sql: Queryable, id: number, now = new Date()): Promise<void> {
  await sql`UPDATE alerts SET status = 'sent', sent_at = ${now}, last_error = NULL WHERE id = ${id} AND status = 'sending'`;
}

/**
 * A send that failed without being delivered: retried with a growing delay, or given up after
 * ALERT_MAX_ATTEMPTS or on a permanent refusal. Either way monitors see the error.
 */
export async function recordAlertFailure(sql: Queryable, alert: { id: number; attempts: number }, error: string, options: { permanent: boolean; now?: Date }): Promise<'retrying' | 'failed'> {
  const now = options.now ?? new Date();
  const status = options.permanent || alert.attempts >= ALERT_MAX_ATTEMPTS ? 'failed' : 'retrying';
  await sql`
    UPDATE alerts SET status = ${status}, last_error = ${error.slice(0, 1000)}, next_attempt_at = ${new Date(now.getTime() + alertRetryDelayMs(alert.attempts))}
    WHERE id = ${alert.id} AND status = 'sending'`;
  return status;
}

/** Skips a claimed alert that may no longer go out (unsubscribed, Telegram unlinked). */
export async function recordAlertSkipped(sql: Queryable, id: number, reason: string): Promise<void> {
  await sql`UPDATE alerts SET status = 'skipped', last_error = ${reason} WHERE id = ${id} AND status = 'sending'`;
}

/**
 * Claims older than the lease belong to a sender that died mid-send: whether the message left is
 * unknown, so it is never sent again (no duplicate) and monitors see it as "unknown".
 */
export async function expireStuckAlerts(sql: Queryable, now: Date, leaseMs: number): Promise<number> {
  const result = await sql`
    UPDATE alerts SET status = 'unknown', last_error = 'Отправка прервана (обработчик остановился); повторно не отправляется, чтобы не было дублей'
    WHERE status = 'sending' AND claimed_at < ${new Date(now.getTime() - leaseMs)}`;
  return result.count;
}
