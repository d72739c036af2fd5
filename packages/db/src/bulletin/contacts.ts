import { z } from 'zod';
import { AppError } from '@most/shared';
import type { Queryable } from '../client';
import { appendAudit } from '../audit';
import { newLinkToken, notFound, toIso, type BulletinActor } from './common';

export interface BulletinContact {
  id: number;
  organizationId: number;
  email: string;
  name: string;
  unsubscribedAt: string | null;
}

interface ContactRow {
  id: number;
  organization_id: number;
  email: string;
  name: string;
  unsubscribed_at: Date | null;
}

const toContact = (row: ContactRow): BulletinContact => ({
  id: row.id,
  organizationId: row.organization_id,
  email: row.email,
  name: row.name,
  unsubscribedAt: toIso(row.unsubscribed_at),
});

export const bulletinContactInputSchema = z.object({
  organizationId: z.number().int().positive(),
  email: z
    .email()
    .max(320)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().max(300).default(''),
});

/** Adds a recipient of an agency's bulletin, or renames an existing one (a re-added contact stays opted out). */
export async function upsertBulletinContact(sql: Queryable, input: z.input<typeof bulletinContactInputSchema>, actor: BulletinActor): Promise<BulletinContact> {
  const parsed = bulletinContactInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const { organizationId, email, name } = parsed.data;
  const [organization] = await sql`SELECT 1 FROM organizations WHERE id = ${organizationId}`;
  if (!organization) throw notFound('Организация');
  const [row] = await sql<ContactRow[]>`
    INSERT INTO bulletin_contacts (organization_id, email, name, unsubscribe_token)
    VALUES (${organizationId}, ${email}, ${name}, ${newLinkToken()})
    ON CONFLICT (organization_id, lower(email)) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
    RETURNING id, organization_id, email, name, unsubscribed_at`;
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'bulletin.contact.upsert',
    entityType: 'bulletin_contact',
    entityId: String(row!.id),
    details: { organizationId },
  });
  return toContact(row!);
}

export async function listBulletinContacts(sql: Queryable, organizationId?: number): Promise<BulletinContact[]> {
  const rows = await sql<ContactRow[]>`
    SELECT id, organization_id, email, name, unsubscribed_at FROM bulletin_contacts
    ${organizationId === undefined ? sql`` : sql`WHERE organization_id = ${organizationId}`}
    ORDER BY organization_id, lower(email)`;
  return rows.map(toContact);
}

export async function removeBulletinContact(sql: Queryable, contactId: number, actor: BulletinActor): Promise<void> {
  const removed = await sql`DELETE FROM bulletin_contacts WHERE id = ${contactId} RETURNING id`;
  if (removed.length === 0) throw notFound('Контакт');
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'bulletin.contact.remove', entityType: 'bulletin_contact', entityId: String(contactId) });
}

/** Opts a contact out through the link in its e-mail; repeating it is harmless. Null for an unknown token. */
export async function unsubscribeBulletinContact(sql: Queryable, token: string): Promise<{ email: string; alreadyUnsubscribed: boolean } | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await sql<{ id: number; email: string; unsubscribed_at: Date | null }[]>`
    SELECT id, email, unsubscribed_at FROM bulletin_contacts WHERE unsubscribe_token = ${token}`;
  if (!row) return null;
  if (row.unsubscribed_at) return { email: row.email, alreadyUnsubscribed: true };
  await sql`UPDATE bulletin_contacts SET unsubscribed_at = now(), updated_at = now() WHERE id = ${row.id}`;
  await appendAudit(sql, { actorId: null, actorLabel: 'unsubscribe-link', action: 'bulletin.contact.unsubscribe', entityType: 'bulletin_contact', entityId: String(row.id) });
  return { email: row.email, alreadyUnsubscribed: false };
}
