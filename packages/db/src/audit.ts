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
