import type { Network } from '@most/shared';
import type { Queryable } from '../client';
import { likePattern } from './queries';

export interface OfficialPagesMatch {
  code: string;
  shortName: string;
  fullName: string;
  municipalityName: string | null;
  pages: { network: Network; url: string }[];
}

/**
 * "Is this official?" by name: organizations whose full or short name contains the words
 * (case-insensitive), names that start with them first, each with its official pages.
 */
export async function searchOfficialPages(sql: Queryable, query: string, limit = 10): Promise<OfficialPagesMatch[]> {
  const text = query.trim().toLowerCase();
  if (text.length === 0) return [];
  const contains = likePattern(text);
  const prefix = `${contains.slice(1)}`;
  const rows = await sql<{ code: string; short_name: string; full_name: string; municipality_name: string | null; pages: { network: Network; url: string }[] }[]>`
    SELECT o.code, o.short_name, o.full_name, m.name AS municipality_name,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('network', a.network, 'url', a.canonical_url) ORDER BY a.network, a.canonical_url)
                     FROM accounts a WHERE a.organization_id = o.id AND a.is_official AND a.removed_at IS NULL), '[]'::jsonb) AS pages
    FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id
    WHERE lower(o.full_name) LIKE ${contains} OR lower(o.short_name) LIKE ${contains}
    ORDER BY (lower(o.short_name) LIKE ${prefix} OR lower(o.full_name) LIKE ${prefix}) DESC, length(o.short_name), o.short_name, o.id
    LIMIT ${Math.min(Math.max(limit, 1), 50)}`;
  return rows.map((r) => ({ code: r.code, shortName: r.short_name, fullName: r.full_name, municipalityName: r.municipality_name, pages: r.pages }));
}
