import { createHash } from 'node:crypto';
import type { Sql } from '@most/db';
import { buildEdition, publishEdition } from '@most/services';
import { classifyPendingComments, measureQuestions } from '@most/db/scoring';
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

export async function publishDemoEditions(sql: Sql, actor: { id: number | null; label: string }): Promise<SeededEditions> {
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

const pseudonym = (n: number) => n.toString(16).padStart(64, 'a');

/**
 * A post with citizens' comments on one account, classified by the platform's own classifier,
 * so the monitors' review queue has real detections to decide.
 */
export async function seedCommentsForReview(sql: Sql, accountId: number): Promise<number[]> {
  const now = new Date('2026-11-10T09:00:00Z');
  const [post] = await sql<{ id: number }[]>`
    INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
    VALUES (${accountId}, 'review-post-1', 'https://vk.com/wall-1_1', ${now}, 'График приёма граждан на ноябрь', ${now}, ${now})
    RETURNING id`;
  const texts = ['Когда починят отопление в доме на улице Мира?', 'Спасибо за работу!', 'Подскажите, где можно получить справку?', 'Хорошая новость'];
  for (const [index, text] of texts.entries()) {
    const at = new Date(now.getTime() + (index + 1) * 60_000);
    await sql`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${accountId}, ${`c${index + 1}`}, ${`https://vk.com/wall-1_1?reply=${index + 1}`}, ${pseudonym(index + 1)}, false, ${at}, ${text}, ${at}, ${at})`;
  }
  await classifyPendingComments(sql, { accountIds: [accountId] });
  const rows = await sql<{ comment_id: number }[]>`SELECT comment_id FROM comment_classifications WHERE account_id = ${accountId} ORDER BY comment_id`;
  return rows.map((r) => r.comment_id);
}

export const SCORED_PERIOD = { periodKind: 'month', periodStart: '2026-10-01', periodEnd: '2026-10-31', methodologyVersion: 1 } as const;

/**
 * One scored month for an account with a failed 24-hour criterion and its evidence, and the
 * recommendation the platform sent about it (the rows the scoring job writes).
 */
export async function seedScoredAccount(sql: Sql, accountId: number): Promise<{ recommendationId: number }> {
  const p = SCORED_PERIOD;
  await sql`
    INSERT INTO account_scores (account_id, period_kind, period_start, period_end, methodology_version, status, total, earned, possible, coverage, questions, decided_questions, computed_at)
    VALUES (${accountId}, ${p.periodKind}, ${p.periodStart}, ${p.periodEnd}::date + 1, ${p.methodologyVersion}, 'ok', 46, 46, 100, 1, 12, 12, now())`;
  await sql`
    INSERT INTO account_criterion_scores (account_id, period_kind, period_start, methodology_version, criterion_code, status, value, points, max_points, evidence)
    VALUES
      (${accountId}, ${p.periodKind}, ${p.periodStart}, ${p.methodologyVersion}, 'SLA_WITHIN_24H', 'fail', 0.4, 0, 14,
       ${sql.json([{ kind: 'comment', id: '101', url: 'https://vk.com/wall-1_1?reply=7', note: 'answered_late' }] as never)}),
      (${accountId}, ${p.periodKind}, ${p.periodStart}, ${p.methodologyVersion}, 'PROFILE_PHONE', 'pass', 1, 2, 2,
       ${sql.json([{ kind: 'snapshot', id: '5', field: 'phone', value: true }] as never)})`;
  const [rec] = await sql<{ id: number }[]>`
    INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text, potential_points, status)
    VALUES (${accountId}, ${p.periodKind}, ${p.periodStart}, ${p.methodologyVersion}, 'SLA_WITHIN_24H', 'Отвечайте на вопросы жителей в течение 24 часов', 14, 'sent')
    RETURNING id`;
  return { recommendationId: rec!.id };
}

/**
 * Citizens' questions on one account relative to the real clock (the SLA watch counts down from
 * now): one asked 30 h ago and still unanswered (overdue), one asked 2 h ago (22 h left, with a
 * phone number to redact), one answered by the page; and earlier answered questions and one
 * never answered (older than the watch's 7 days), measured by the platform, for the response-speed charts.
 */
export async function seedOpenQuestions(sql: Sql, accountId: number): Promise<{ overdueId: number; freshId: number; answeredId: number }> {
  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000);
  const [post] = await sql<{ id: number }[]>`
    INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
    VALUES (${accountId}, 'sla-post-1', 'https://vk.com/wall-1_900', ${hoursAgo(24 * 8)}, 'Плановые работы на сетях', ${hoursAgo(24 * 8)}, ${hoursAgo(24 * 8)})
    RETURNING id`;
  // Real pseudonyms are sha-256 digests; the page shows their first hex digits.
  const author = (k: number) => createHash('sha256').update(`sla-citizen-${k}`).digest('hex');
  let n = 0;
  const comment = async (spec: { author: number; at: Date; text: string; fromPage?: boolean; replyTo?: number }) => {
    n += 1;
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, reply_to_comment_id, thread_root_id, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${accountId}, ${`sla-${n}`}, ${`https://vk.com/wall-1_900?reply=${n}`}, ${author(spec.fromPage ? 999 : spec.author)}, ${spec.fromPage ?? false},
              ${spec.at}, ${spec.text}, ${spec.replyTo ?? null}, ${spec.replyTo ?? null}, ${spec.at}, ${spec.at})
      RETURNING id`;
    return row!.id;
  };
  // Answered earlier in the week: after 30 min, 2 h, 6 h and 30 h; one never answered.
  for (const [index, hours] of [0.5, 2, 6, 30].entries()) {
    const q = await comment({ author: 100 + index, at: hoursAgo(24 * 6), text: 'Когда отремонтируют дорогу на Садовой?' });
    await comment({ author: 0, fromPage: true, at: new Date(hoursAgo(24 * 6).getTime() + hours * 3_600_000), text: 'Ремонт запланирован на весну', replyTo: q });
  }
  await comment({ author: 110, at: hoursAgo(24 * 7.5), text: 'Когда вывезут мусор с площадки?' });
  const overdueId = await comment({ author: 201, at: hoursAgo(30), text: 'Когда включат отопление в доме на улице Мира?' });
  const freshId = await comment({ author: 202, at: hoursAgo(2), text: 'Подскажите, где получить справку? Мой телефон 8 917 123-45-67' });
  const answeredId = await comment({ author: 203, at: hoursAgo(5), text: 'Когда откроют каток в парке?' });
  await comment({ author: 0, fromPage: true, at: hoursAgo(4), text: 'Каток откроем в субботу', replyTo: answeredId });
  await classifyPendingComments(sql, { accountIds: [accountId] });
  await measureQuestions(sql, METHODOLOGY_V1.sla, { from: hoursAgo(24 * 30), to: new Date(now + 60_000), accountIds: [accountId] });
  return { overdueId, freshId, answeredId };
}
