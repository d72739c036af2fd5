import type { Queryable } from '../client';

/** Stores the printed PDF of a published issue (rendering again replaces it). */
export async function saveIssuePdf(sql: Queryable, issueId: number, pdf: Uint8Array): Promise<void> {
  await sql`
    INSERT INTO bulletin_pdfs (issue_id, pdf) VALUES (${issueId}, ${Buffer.from(pdf)})
    ON CONFLICT (issue_id) DO UPDATE SET pdf = EXCLUDED.pdf, created_at = now()`;
}

export async function getIssuePdf(sql: Queryable, issueId: number): Promise<Buffer | null> {
  const [row] = await sql<{ pdf: Buffer }[]>`SELECT pdf FROM bulletin_pdfs WHERE issue_id = ${issueId}`;
  return row?.pdf ?? null;
}
