import { createHash, randomBytes } from 'node:crypto';
import { ALERT_CHANNELS, ALERT_KINDS, alertKindsFor, alertRuleProblem, type AlertChannel, type AlertKind, type AlertRule, type QuietHours } from '@most/domain';
import type { Role } from '@most/shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import type { UserActor } from '../actor';

const TELEGRAM_CODE_TTL_MS = 15 * 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function listAlertRules(sql: Queryable): Promise<(AlertRule & { updatedAt: Date })[]> {
  const rows = await sql<(AlertRule & { updatedAt: Date })[]>`SELECT kind, enabled, threshold, updated_at AS "updatedAt" FROM alert_rules`;
  return ALERT_KINDS.map((kind) => rows.find((r) => r.kind === kind)).filter((r) => r !== undefined);
}

/** A monitor's change of a rule; out-of-range thresholds are refused with a Russian reason (returned, not thrown). */
export async function updateAlertRule(sql: Queryable, rule: AlertRule, actor: UserActor): Promise<{ problem: string | null }> {
  const problem = alertRuleProblem(rule);
  if (problem) return { problem };
  await sql`UPDATE alert_rules SET enabled = ${rule.enabled}, threshold = ${rule.threshold}, updated_at = now(), updated_by = ${actor.id} WHERE kind = ${rule.kind}`;
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'alerts.rule.update',
    entityType: 'alert_rule',
    entityId: rule.kind,
    details: { enabled: rule.enabled, threshold: rule.threshold },
  });
  return { problem: null };
}

export interface AlertSettings {
  unsubscribeToken: string;
  emailUnsubscribed: boolean;
  quietHours: QuietHours | null;
  telegramLinked: boolean;
  /** Kinds this user's role receives, each with its channels' state (default on). */
  subscriptions: { kind: AlertKind; channels: Record<AlertChannel, boolean> }[];
}

/** The user's settings row, created with a fresh unsubscribe token on first use. */
export async function ensureAlertSettings(sql: Queryable, userId: number): Promise<{ unsubscribe_token: string }> {
  await sql`INSERT INTO alert_settings (user_id, unsubscribe_token) VALUES (${userId}, ${randomBytes(24).toString('base64url')}) ON CONFLICT (user_id) DO NOTHING`;
  const [row] = await sql<{ unsubscribe_token: string }[]>`SELECT unsubscribe_token FROM alert_settings WHERE user_id = ${userId}`;
  return row!;
}

export async function getAlertSettings(sql: Queryable, user: { id: number; role: Role }): Promise<AlertSettings> {
  await ensureAlertSettings(sql, user.id);
  const [row] = await sql<{ unsubscribe_token: string; email_unsubscribed_at: Date | null; quiet_start_minute: number | null; quiet_end_minute: number | null; telegram_chat_id: string | null }[]>`
    SELECT unsubscribe_token, email_unsubscribed_at, quiet_start_minute, quiet_end_minute, telegram_chat_id FROM alert_settings WHERE user_id = ${user.id}`;
  const choices = await sql<{ kind: AlertKind; channel: AlertChannel; enabled: boolean }[]>`SELECT kind, channel, enabled FROM alert_subscriptions WHERE user_id = ${user.id}`;
  const chosen = (kind: AlertKind, channel: AlertChannel) => choices.find((c) => c.kind === kind && c.channel === channel)?.enabled ?? true;
  return {
    unsubscribeToken: row!.unsubscribe_token,
    emailUnsubscribed: row!.email_unsubscribed_at !== null,
    quietHours: row!.quiet_start_minute === null || row!.quiet_end_minute === null ? null : { startMinute: row!.quiet_start_minute, endMinute: row!.quiet_end_minute },
    telegramLinked: row!.telegram_chat_id !== null,
    subscriptions: alertKindsFor(user.role).map((kind) => ({ kind, channels: Object.fromEntries(ALERT_CHANNELS.map((c) => [c, chosen(kind, c)])) as Record<AlertChannel, boolean> })),
  };
}

export async function setAlertSubscription(sql: Queryable, userId: number, input: { kind: AlertKind; channel: AlertChannel; enabled: boolean }): Promise<void> {
  await sql`
    INSERT INTO alert_subscriptions (user_id, kind, channel, enabled) VALUES (${userId}, ${input.kind}, ${input.channel}, ${input.enabled})
    ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled`;
}

/** Quiet hours (null clears them); turning e-mail back on after an unsubscribe link. */
export async function updateAlertSettings(sql: Queryable, userId: number, input: { quietHours?: QuietHours | null; emailEnabled?: boolean }): Promise<void> {
  await ensureAlertSettings(sql, userId);
  if (input.quietHours !== undefined) {
    await sql`UPDATE alert_settings SET quiet_start_minute = ${input.quietHours?.startMinute ?? null}, quiet_end_minute = ${input.quietHours?.endMinute ?? null}, updated_at = now() WHERE user_id = ${userId}`;
  }
  if (input.emailEnabled !== undefined) {
    await sql`UPDATE alert_settings SET email_unsubscribed_at = ${input.emailEnabled ? null : sql`now()`}, updated_at = now() WHERE user_id = ${userId}`;
  }
}

export async function alertUnsubscribeTokenExists(sql: Queryable, token: string): Promise<boolean> {
  return (await sql`SELECT 1 FROM alert_settings WHERE unsubscribe_token = ${token}`).length > 0;
}

/** The one-click opt-out from every alert e-mail; pending e-mails of that user are skipped. */
export async function unsubscribeAlertEmails(sql: Queryable, token: string): Promise<{ email: string } | null> {
  const [row] = await sql<{ user_id: number; email: string }[]>`
    UPDATE alert_settings s SET email_unsubscribed_at = COALESCE(s.email_unsubscribed_at, now()), updated_at = now()
    FROM users u WHERE u.id = s.user_id AND s.unsubscribe_token = ${token}
    RETURNING s.user_id, u.email`;
  if (!row) return null;
  await sql`UPDATE alerts SET status = 'skipped', last_error = 'Отписка от писем' WHERE user_id = ${row.user_id} AND channel = 'email' AND status IN ('pending', 'retrying')`;
  await appendAudit(sql, { actorId: row.user_id, actorLabel: 'unsubscribe-link', action: 'alerts.email.unsubscribe', entityType: 'user', entityId: String(row.user_id) });
  return { email: row.email };
}

/** A one-time code for the deep link https://t.me/<bot>?start=<code>; only its hash is kept, for 15 minutes. */
export async function createTelegramLinkCode(sql: Queryable, userId: number, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  await ensureAlertSettings(sql, userId);
  const code = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + TELEGRAM_CODE_TTL_MS);
  await sql`UPDATE alert_settings SET telegram_code_hash = ${sha256(code)}, telegram_code_expires_at = ${expiresAt}, updated_at = now() WHERE user_id = ${userId}`;
  return { code, expiresAt };
}

/** Binds the chat that sent `/start <code>`; an unknown, used or expired code binds nothing. */
export async function linkTelegramChat(sql: Queryable, code: string, chatId: string, now = new Date()): Promise<{ userId: number } | null> {
  const [row] = await sql<{ user_id: number }[]>`
    UPDATE alert_settings SET telegram_chat_id = ${chatId}, telegram_linked_at = ${now}, telegram_code_hash = NULL, telegram_code_expires_at = NULL, updated_at = now()
    WHERE telegram_code_hash = ${sha256(code)} AND telegram_code_expires_at > ${now}
    RETURNING user_id`;
  return row ? { userId: row.user_id } : null;
}

export async function unlinkTelegram(sql: Queryable, userId: number): Promise<void> {
  await sql`UPDATE alert_settings SET telegram_chat_id = NULL, telegram_linked_at = NULL, updated_at = now() WHERE user_id = ${userId}`;
}

export async function telegramUpdateOffset(sql: Queryable): Promise<number> {
  const [row] = await sql<{ update_offset: string }[]>`SELECT update_offset FROM alert_telegram_state`;
  return Number(row?.update_offset ?? 0);
}

export async function saveTelegramUpdateOffset(sql: Queryable, offset: number): Promise<void> {
  await sql`UPDATE alert_telegram_state SET update_offset = GREATEST(update_offset, ${offset})`;
}
