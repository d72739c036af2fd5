import type { Queryable } from '../client';

/** Stores a website-backlink check (the HTML was fetched and judged by @most/domain findBacklink). */
export async function recordWebsiteCheck(
  sql: Queryable,
  input: { accountId: number; checkedAt: Date; pageUrl: string; found: boolean; matchedHref: string | null; socialLinks: number; error?: string | null },
): Promise<void> {
  await sql`
    INSERT INTO website_checks (account_id, checked_at, page_url, found, matched_href, social_links, error)
    VALUES (${input.accountId}, ${input.checkedAt}, ${input.pageUrl.slice(0, 2000)}, ${input.found}, ${input.matchedHref?.slice(0, 500) ?? null}, ${input.socialLinks}, ${input.error?.slice(0, 1000) ?? null})`;
}
