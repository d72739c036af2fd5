import { buildEdition, publishEdition, type Sql } from '@most/db';
import { METHODOLOGY_V1 } from '@most/domain';

export interface SeededEditions {
  latestSlug: string;
  previousSlug: string;
  /** Organization codes with enough data in the latest edition. */
  rankedCodes: string[];
}

/**
 * Builds and publishes two monthly editions through the platform's own ranking functions, from
 * per-criterion results derived from each organization's id (deterministic, no randomness).
 * Every fifth organization lacks data, so "not enough data" rows appear too.
 */
async function demoScores(sql: Sql) {
  const organizations = await sql<{ id: number; code: string }[]>`SELECT id, code FROM organizations ORDER BY id`;
  const criteria = METHODOLOGY_V1.criteria.map((c) => ({ code: c.code, name: c.title.ru, weight: c.weight }));
  const scoresFor = (month: number) =>
    organizations.map((org) => {
      const results = criteria.map((c, index) => ({ code: c.code, weight: c.weight, score: [0, 50, 100][(org.id * 7 + index * 3 + month) % 3]! }));
      const total = results.reduce((sum, r) => sum + r.score * r.weight, 0) / results.reduce((sum, r) => sum + r.weight, 0);
      const enoughData = org.id % 5 !== 0;
      return {
        organizationId: org.id,
        score: enoughData ? Math.round(total * 10) / 10 : null,
        enoughData,
        criteria: results,
        accountsScored: enoughData ? 2 : 0,
        accountsTotal: 2,
        sampleSize: enoughData ? 10 + (org.id % 40) : 1,
      };
    });
  return { organizations, criteria, scoresFor };
}

/** A draft edition for November 2026, left for a monitor to preview and publish. */
export async function buildDraftEdition(sql: Sql, actor: { id: number; label: string }): Promise<{ id: number; slug: string; title: string }> {
  const { criteria, scoresFor } = await demoScores(sql);
  const draft = await buildEdition(
    sql,
    { title: 'Рейтинг за ноябрь 2026', periodStart: '2026-11-01', periodEnd: '2026-11-30', methodologyVersion: '1', criteria, slug: 'rating-2026-11' },
    scoresFor(3),
    actor,
  );
  return { id: draft.id, slug: draft.slug, title: draft.title };
}

export async function publishDemoEditions(sql: Sql, actor: { id: number; label: string }): Promise<SeededEditions> {
  const { organizations, criteria, scoresFor } = await demoScores(sql);
  const previous = await buildEdition(
    sql,
    { title: 'Рейтинг за сентябрь 2026', periodStart: '2026-09-01', periodEnd: '2026-09-30', methodologyVersion: '1', criteria, slug: 'rating-2026-09' },
    scoresFor(1),
    actor,
  );
  await publishEdition(sql, previous.id, actor);
  const latest = await buildEdition(
    sql,
    { title: 'Рейтинг за октябрь 2026', periodStart: '2026-10-01', periodEnd: '2026-10-31', methodologyVersion: '1', criteria, slug: 'rating-2026-10' },
    scoresFor(2),
    actor,
  );
  await publishEdition(sql, latest.id, actor);
  return { latestSlug: latest.slug, previousSlug: previous.slug, rankedCodes: organizations.filter((o) => o.id % 5 !== 0).map((o) => o.code) };
}
