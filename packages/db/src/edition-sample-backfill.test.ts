import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate';
import { makeAccount } from './scoring/fixture';
import { useTestDatabase } from './testing';

// Migration 0047 fills the sample size that editions published before scoring stored it kept at 0.
const db = useTestDatabase({ migrate: false });

const BACKFILL = 47;

interface Source {
  organizationId: number;
  score: number | null;
  sampleSize: number;
  accountsScored?: number;
}

async function storeScore(source: Source): Promise<void> {
  await db.sql`
    INSERT INTO organization_scores (organization_id, period_kind, period_start, period_end, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria, computed_at)
    VALUES (${source.organizationId}, 'month', '2026-03-01', '2026-04-01', 1, ${source.score}, ${source.score !== null},
            ${source.accountsScored ?? 1}, 1, ${source.sampleSize}, '[]'::jsonb, now())`;
}

async function storeRow(editionId: number, organizationId: number, published: { score: number | null; sampleSize: number }): Promise<void> {
  await db.sql`
    INSERT INTO ranking_edition_rows (edition_id, organization_id, organization_code, organization_name, kind, sector, score, enough_data, rank, accounts_scored, accounts_total, sample_size)
    VALUES (${editionId}, ${organizationId}, ${`org-${organizationId}`}, ${`Орг ${organizationId}`}, 'local_government', 'other',
            ${published.score}, ${published.score !== null}, ${published.score === null ? null : 1}, 1, 1, ${published.sampleSize})`;
}

describe('edition sample size backfill (migration 0047)', () => {
  it('fills a published row kept at 0 from its unchanged source score, and leaves every other row and figure as published', async () => {
    const all = await loadMigrations();
    const earlier = all.filter((m) => m.version < BACKFILL);
    await migrate(db.sql, earlier);
    const below = (await makeAccount(db.sql)).organizationId; // below the minimum sample: 3 decided questions
    const rescored = (await makeAccount(db.sql)).organizationId; // rescored since with other results
    const counted = (await makeAccount(db.sql)).organizationId; // published with its sample already
    const unscored = (await makeAccount(db.sql)).organizationId; // no source row at all
    await storeScore({ organizationId: below, score: null, sampleSize: 3 });
    await storeScore({ organizationId: rescored, score: null, sampleSize: 4, accountsScored: 0 });
    await storeScore({ organizationId: counted, score: 71.5, sampleSize: 40 });

    const [edition] = await db.sql<{ id: number }[]>`
      INSERT INTO ranking_editions (slug, title, period_start, period_end, methodology_version)
      VALUES ('2026-03-01-2026-03-31-v1', 'Рейтинг за март 2026', '2026-03-01', '2026-03-31', 'v1') RETURNING id`;
    await storeRow(edition!.id, below, { score: null, sampleSize: 0 });
    await storeRow(edition!.id, rescored, { score: null, sampleSize: 0 });
    await storeRow(edition!.id, counted, { score: 71.5, sampleSize: 35 });
    await storeRow(edition!.id, unscored, { score: null, sampleSize: 0 });
    await db.sql`UPDATE ranking_editions SET status = 'published', published_at = now() WHERE id = ${edition!.id}`;
    const before = await db.sql`SELECT organization_id, score, enough_data, rank, accounts_scored, accounts_total FROM ranking_edition_rows ORDER BY organization_id`;

    await migrate(db.sql, all);

    const samples = await db.sql<{ organization_id: number; sample_size: number }[]>`SELECT organization_id, sample_size FROM ranking_edition_rows ORDER BY organization_id`;
    expect(new Map(samples.map((r) => [r.organization_id, r.sample_size]))).toEqual(
      new Map([
        [below, 3],
        [rescored, 0],
        [counted, 35],
        [unscored, 0],
      ]),
    );
    expect(await db.sql`SELECT organization_id, score, enough_data, rank, accounts_scored, accounts_total FROM ranking_edition_rows ORDER BY organization_id`).toEqual(before);
    // The published edition is frozen again.
    await expect(db.sql`UPDATE ranking_edition_rows SET sample_size = 1 WHERE organization_id = ${below}`).rejects.toThrow(/cannot change/);
  });
});
