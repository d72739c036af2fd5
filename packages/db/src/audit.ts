import type { Actor } from './actor';
import type { Queryable } from './client';

export interface AuditEntry {
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

/** Appends one entry to the append-only audit log; runs inside the caller's transaction. */
export async function appendAudit(sql: Queryable, entry: AuditEntry): Promise<void> {
  await sql`
    INSERT INTO audit_log (actor_id, actor_label, action, entity_type, entity_id, details)
    VALUES (${entry.actorId}, ${entry.actorLabel}, ${entry.action}, ${entry.entityType}, ${entry.entityId}, ${sql.json((entry.details ?? {}) as never)})`;
}

/** What an actor did to one entity, as `auditBy` records it. */
export interface AuditedAction {
  action: string;
  entityType: string;
  entityId: number | string | null;
  details?: Record<string, unknown>;
}

/** Appends what `actor` did (appendAudit with the actor's id and label filled in). */
export async function auditBy(sql: Queryable, actor: Omit<Actor, 'id'> & { id?: Actor['id'] }, done: AuditedAction): Promise<void> {
  await appendAudit(sql, { actorId: actor.id ?? null, actorLabel: actor.label, ...done, entityId: done.entityId === null ? null : String(done.entityId) });
}
