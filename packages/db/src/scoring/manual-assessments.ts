import type { Queryable } from '../client';

/** Stores a monitor's score of a manual criterion (null: not applicable, the note says why); returns its id. */
export async function insertManualAssessment(
  sql: Queryable,
  input: { accountId: number; criterionCode: string; score: number | null; validFrom: string; note: string | null; assessedBy: number | null },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO manual_assessments (account_id, criterion_code, score, note, valid_from, assessed_by)
    VALUES (${input.accountId}, ${input.criterionCode}, ${input.score}, ${input.note}, ${input.validFrom}::date, ${input.assessedBy})
    RETURNING id`;
  return row!.id;
}
