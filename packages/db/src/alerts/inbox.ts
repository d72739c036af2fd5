import type { AlertChannel, AlertKind } from '@most/domain';
import type { Queryable } from '../client';

export interface Notification {
  id: number;
  kind: AlertKind;
  title: string;
  body: string;
  link: string;
  createdAt: Date;
  read: boolean;
}

/** The user's in-app notifications, newest first. */
export async function listNotifications(sql: Queryable, userId: number, limit = 100): Promise<Notification[]> {
  return sql<Notification[]>`
    SELECT id, kind, title, body, link, created_at AS "createdAt", read_at IS NOT NULL AS read
    FROM alerts WHERE user_id = ${userId} AND channel = 'in_app'
    ORDER BY created_at DESC, id DESC LIMIT ${Math.min(limit, 500)}`;
}

export async function unreadNotificationCount(sql: Queryable, userId: number): Promise<number> {
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM alerts WHERE user_id = ${userId} AND channel = 'in_app' AND read_at IS NULL`;
  return row?.count ?? 0;
}

/** Marks the given notifications (or all when `ids` is absent) read; only the user's own. */
export async function markNotificationsRead(sql: Queryable, userId: number, ids?: readonly number[]): Promise<number> {
  const result = await sql`
    UPDATE alerts SET read_at = now()
    WHERE user_id = ${userId} AND channel = 'in_app' AND read_at IS NULL ${ids ? sql`AND id = ANY(${ids as number[]}::bigint[])` : sql``}`;
  return result.count;
}

export interface AlertDeliveryProblem {
  id: number;
  kind: AlertKind;
  channel: AlertChannel;
  status: 'retrying' | 'failed' | 'unknown';
  recipient: string;
  title: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Deliveries that are being retried, were given up or were interrupted: the monitors' view. */
export async function listAlertDeliveryProblems(sql: Queryable, limit = 200): Promise<AlertDeliveryProblem[]> {
  return sql<AlertDeliveryProblem[]>`
    SELECT a.id, a.kind, a.channel, a.status, u.email AS recipient, a.title, a.attempts, a.last_error AS "lastError",
           a.next_attempt_at AS "nextAttemptAt", a.created_at AS "createdAt"
    FROM alerts a JOIN users u ON u.id = a.user_id
    WHERE a.status IN ('retrying', 'failed', 'unknown')
    ORDER BY a.created_at DESC LIMIT ${Math.min(limit, 1000)}`;
}

/** Counts by channel and status, for the monitors' summary line. */
export async function alertDeliveryCounts(sql: Queryable): Promise<{ channel: AlertChannel; status: string; count: number }[]> {
  return sql<{ channel: AlertChannel; status: string; count: number }[]>`
    SELECT channel, status, count(*)::int AS count FROM alerts WHERE created_at > now() - interval '7 days' GROUP BY channel, status ORDER BY channel, status`;
}
