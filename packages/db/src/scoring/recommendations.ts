import type { RecommendationStatus } from '@most/domain';
import type { Queryable } from '../client';

export type { RecommendationStatus };

export interface StoredRecommendation {
  id: number;
  accountId: number;
  periodKind: string;
  periodStart: string;
  methodologyVersion: number;
  criterionCode: string;
  /** The monitor's edit when present, else the generated text. */
  text: string;
  generatedText: string;
  edited: boolean;
  evidence: unknown[];
  potentialPoints: number;
  status: RecommendationStatus;
  statusChangedAt: Date;
}

export async function listRecommendations(sql: Queryable, filter: { accountId?: number; status?: RecommendationStatus; limit?: number }): Promise<StoredRecommendation[]> {
  return sql<StoredRecommendation[]>`
    SELECT id, account_id AS "accountId", period_kind AS "periodKind", period_start::text AS "periodStart", methodology_version AS "methodologyVersion",
           criterion_code AS "criterionCode", COALESCE(edited_text, generated_text) AS text, generated_text AS "generatedText", edited_text IS NOT NULL AS edited,
           evidence, potential_points AS "potentialPoints", status, status_changed_at AS "statusChangedAt"
    FROM recommendations
    WHERE true ${filter.accountId ? sql`AND account_id = ${filter.accountId}` : sql``} ${filter.status ? sql`AND status = ${filter.status}` : sql``}
    ORDER BY period_start DESC, account_id, potential_points DESC, criterion_code
    LIMIT ${Math.min(filter.limit ?? 200, 1000)}`;
}

/** Stores a monitor's text of a recommendation; returns false when there is no such recommendation. */
export async function writeRecommendationText(sql: Queryable, id: number, text: string, actorId: number | null): Promise<boolean> {
  const updated = await sql`UPDATE recommendations SET edited_text = ${text}, edited_by = ${actorId}, edited_at = now(), updated_at = now() WHERE id = ${id}`;
  return updated.count > 0;
}

export async function recommendationStatusOf(sql: Queryable, id: number): Promise<RecommendationStatus | undefined> {
  const [row] = await sql<{ status: RecommendationStatus }[]>`SELECT status FROM recommendations WHERE id = ${id}`;
  return row?.status;
}

/** Writes a status the caller checked against the domain's transitions (the database trigger checks again). */
export async function writeRecommendationStatus(sql: Queryable, id: number, status: RecommendationStatus): Promise<void> {
  await sql`UPDATE recommendations SET status = ${status}, updated_at = now() WHERE id = ${id}`;
}
