import type { Queryable } from '../client';
import { appendAudit } from '../audit';
import { toIso, type BulletinActor } from './common';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface BulletinDelivery {
  id: number;
  issueId: number;
  contactId: number;
  organizationId: number;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  transport: 'smtp' | 'outbox' | null;
  sentAt: string | null;
  updatedAt: string;
}

interface DeliveryRow {
  id: number;
  issue_id: number;
  contact_id: number;
  organization_id: number;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  transport: 'smtp' | 'outbox' | null;
  sent_at: Date | null;
  updated_at: Date;
}

const COLUMNS = 'id, issue_id, contact_id, organization_id, email, status, attempts, last_error, message_id, transport, sent_at, updated_at';
const toDelivery = (row: DeliveryRow): BulletinDelivery => ({
  id: row.id,
  issueId: row.issue_id,
  contactId: row.contact_id,
  organizationId: row.organization_id,
  email: row.email,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  messageId: row.message_id,
  transport: row.transport,
  sentAt: toIso(row.sent_at),
  updatedAt: toIso(row.updated_at)!,
});

/**
 * Creates one delivery per contact of every agency with a section in a published issue. Opted-out
 * contacts are recorded as skipped. Idempotent; returns the deliveries still to send.
 */
export async function planBulletinDeliveries(sql: Queryable, issueId: number): Promise<BulletinDelivery[]> {
  await sql`
    INSERT INTO bulletin_deliveries (issue_id, contact_id, organization_id, email, status)
    SELECT s.issue_id, c.id, c.organization_id, c.email, CASE WHEN c.unsubscribed_at IS NULL THEN 'pending' ELSE 'skipped' END
    FROM bulletin_sections s
    JOIN bulletin_issues i ON i.id = s.issue_id AND i.state = 'published'
    JOIN bulletin_contacts c ON c.organization_id = s.organization_id
    WHERE s.issue_id = ${issueId} AND s.audience = 'agency'
    ON CONFLICT (issue_id, contact_id) DO NOTHING`;
  const rows = await sql<DeliveryRow[]>`
    SELECT ${sql.unsafe(COLUMNS)} FROM bulletin_deliveries WHERE issue_id = ${issueId} AND status IN ('pending', 'retrying') ORDER BY id`;
  return rows.map(toDelivery);
}

export async function listBulletinDeliveries(sql: Queryable, issueId: number): Promise<BulletinDelivery[]> {
  const rows = await sql<DeliveryRow[]>`SELECT ${sql.unsafe(COLUMNS)} FROM bulletin_deliveries WHERE issue_id = ${issueId} ORDER BY organization_id, email`;
  return rows.map(toDelivery);
}

export interface DeliveryToSend {
  delivery: BulletinDelivery;
  contactName: string;
  unsubscribeToken: string;
  unsubscribed: boolean;
  acknowledgeToken: string | null;
  issueSlug: string;
}

/** A delivery with what its e-mail needs: the contact's opt-out token and the agency's acknowledgement token. */
export async function getDeliveryToSend(sql: Queryable, deliveryId: number): Promise<DeliveryToSend | null> {
  const [row] = await sql<(DeliveryRow & { name: string; unsubscribe_token: string; unsubscribed_at: Date | null; ack_token: string | null; slug: string })[]>`
    SELECT d.id, d.issue_id, d.contact_id, d.organization_id, d.email, d.status, d.attempts, d.last_error, d.message_id, d.transport, d.sent_at, d.updated_at,
           c.name, c.unsubscribe_token, c.unsubscribed_at, a.token AS ack_token, i.slug
    FROM bulletin_deliveries d
    JOIN bulletin_contacts c ON c.id = d.contact_id
    JOIN bulletin_issues i ON i.id = d.issue_id
    LEFT JOIN bulletin_acknowledgements a ON a.issue_id = d.issue_id AND a.organization_id = d.organization_id
    WHERE d.id = ${deliveryId}`;
  if (!row) return null;
  return {
    delivery: toDelivery(row),
    contactName: row.name,
    unsubscribeToken: row.unsubscribe_token,
    unsubscribed: row.unsubscribed_at !== null,
    acknowledgeToken: row.ack_token,
    issueSlug: row.slug,
  };
}

/**
 * Records one sending attempt. A failure that will be retried leaves the delivery "retrying";
 * the last allowed failure makes it "failed". A sent delivery is never downgraded.
 */
export async function recordDeliveryAttempt(
  sql: Queryable,
  input: { deliveryId: number; outcome: 'sent' | 'retrying' | 'failed' | 'skipped'; error?: string; messageId?: string; transport?: 'smtp' | 'outbox' },
): Promise<BulletinDelivery> {
  const error = input.error ? input.error.slice(0, 2_000) : null;
  const counts = input.outcome !== 'skipped';
  const [row] = await sql<DeliveryRow[]>`
    UPDATE bulletin_deliveries SET
      status = ${input.outcome},
      attempts = attempts + ${counts ? 1 : 0},
      last_error = ${input.outcome === 'sent' ? sql`last_error` : sql`${error}`},
      message_id = ${input.messageId ?? null},
      transport = ${input.transport ?? null},
      sent_at = ${input.outcome === 'sent' ? sql`now()` : sql`NULL`},
      updated_at = now()
    WHERE id = ${input.deliveryId} AND status <> 'sent'
    RETURNING ${sql.unsafe(COLUMNS)}`;
  if (!row) {
    const [current] = await sql<DeliveryRow[]>`SELECT ${sql.unsafe(COLUMNS)} FROM bulletin_deliveries WHERE id = ${input.deliveryId}`;
    if (!current) throw new Error(`Delivery ${input.deliveryId} does not exist`);
    return toDelivery(current);
  }
  return toDelivery(row);
}

/**
 * Puts an issue's failed deliveries (or one of them) back to pending; the worker's sweep sends them
 * again. Only failed deliveries qualify, so no earlier job for them can still be running.
 */
export async function resendFailedDeliveries(sql: Queryable, input: { issueId: number; deliveryId?: number; actor: BulletinActor }): Promise<number> {
  const rows = await sql<{ id: number }[]>`
    UPDATE bulletin_deliveries SET status = 'pending', updated_at = now()
    WHERE issue_id = ${input.issueId} AND status = 'failed' ${input.deliveryId === undefined ? sql`` : sql`AND id = ${input.deliveryId}`}
    RETURNING id`;
  if (rows.length > 0) {
    await appendAudit(sql, {
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: 'bulletin.deliveries.resend',
      entityType: 'bulletin_issue',
      entityId: String(input.issueId),
      details: { deliveries: rows.map((r) => r.id) },
    });
  }
  return rows.length;
}

/** Deliveries put back to pending after a failure, with the attempts made so far (part of the new job id). */
export async function listResentDeliveries(sql: Queryable): Promise<{ id: number; attempts: number }[]> {
  return sql<{ id: number; attempts: number }[]>`SELECT id, attempts FROM bulletin_deliveries WHERE status = 'pending' AND attempts > 0 ORDER BY id LIMIT 1000`;
}
