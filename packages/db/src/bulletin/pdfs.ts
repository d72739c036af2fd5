import type { Queryable } from '../client';

/** `public` for the public edition, `org-<id>` for an agency's section (with the public edition after it). */
export type PdfSectionKey = 'public' | `org-${number}`;

/** Stores a printed PDF of a published issue (rendering again replaces it). */
export async function saveIssuePdf(sql: Queryable, issueId: number, pdf: Uint8Array, sectionKey: PdfSectionKey = 'public'): Promise<void> {
  await sql`
    INSERT INTO bulletin_pdfs (issue_id, section_key, pdf) VALUES (${issueId}, ${sectionKey}, ${Buffer.from(pdf)})
    ON CONFLICT (issue_id, section_key) DO UPDATE SET pdf = EXCLUDED.pdf, created_at = now()`;
}

export async function getIssuePdf(sql: Queryable, issueId: number, sectionKey: PdfSectionKey = 'public'): Promise<Buffer | null> {
  const [row] = await sql<{ pdf: Buffer }[]>`SELECT pdf FROM bulletin_pdfs WHERE issue_id = ${issueId} AND section_key = ${sectionKey}`;
  return row?.pdf ?? null;
}
