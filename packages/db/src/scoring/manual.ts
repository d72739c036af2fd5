import { AppError } from '@most/shared';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import type { ScoringActor } from './actor';
import { loadMethodology } from './methodology';

/**
 * A monitor scores a manual criterion for an account from a date on; a null score records that
 * the criterion does not apply to this page, which needs the reason in the note.
 */
export async function recordManualAssessment(
  sql: Queryable,
  input: { accountId: number; criterionCode: string; score: number | null; validFrom: string; note?: string },
  actor: ScoringActor,
): Promise<number> {
  const { methodology } = await loadMethodology(sql);
  const criterion = methodology.criteria.find((c) => c.code === input.criterionCode);
  if (criterion?.evaluation.kind !== 'manual') throw new AppError('BAD_REQUEST', `Критерий ${input.criterionCode} не оценивается вручную`);
  const { min, max } = criterion.evaluation.scale;
  if (input.score === null) {
    if (!input.note?.trim()) throw new AppError('BAD_REQUEST', 'Укажите, почему критерий не применим к этой странице', { details: { note: 'required when the criterion does not apply' } });
  } else if (!Number.isInteger(input.score) || input.score < min || input.score > max) {
    throw new AppError('BAD_REQUEST', `Оценка должна быть целым числом от ${min} до ${max}`);
  }
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO manual_assessments (account_id, criterion_code, score, note, valid_from, assessed_by)
    VALUES (${input.accountId}, ${input.criterionCode}, ${input.score}, ${input.note?.slice(0, 2000) ?? null}, ${input.validFrom}::date, ${actor.id})
    RETURNING id`;
  await appendAudit(sql, {
    actorId: actor.id,
    actorLabel: actor.label,
    action: 'manual_assessment.record',
    entityType: 'account',
    entityId: String(input.accountId),
    details: { criterion: input.criterionCode, score: input.score },
  });
  return row!.id;
}

/** Stores a website-backlink check (the HTML was fetched and judged by @most/domain findBacklink). */
export async function recordWebsiteCheck(
  sql: Queryable,
  input: { accountId: number; checkedAt: Date; pageUrl: string; found: boolean; matchedHref: string | null; socialLinks: number; error?: string | null },
): Promise<void> {
  await sql`
    INSERT INTO website_checks (account_id, checked_at, page_url, found, matched_href, social_links, error)
    VALUES (${input.accountId}, ${input.checkedAt}, ${input.pageUrl.slice(0, 2000)}, ${input.found}, ${input.matchedHref?.slice(0, 500) ?? null}, ${input.socialLinks}, ${input.error?.slice(0, 1000) ?? null})`;
}

/**
 * A monitor marks a page reply as the substantive answer or only an intermediate one
 * («передано специалистам»); the next measurement separates first and substantive response.
 */
export async function markResponse(sql: Queryable, input: { commentId: number; kind: 'substantive' | 'intermediate' }, actor: ScoringActor): Promise<{ accountId: number; publishedAt: Date }> {
  const [comment] = await sql<{ accountId: number; publishedAt: Date; fromPage: boolean }[]>`
    SELECT account_id AS "accountId", published_at AS "publishedAt", from_page AS "fromPage" FROM comments WHERE id = ${input.commentId}`;
  if (!comment?.fromPage) throw new AppError('BAD_REQUEST', 'Отметить можно только ответ страницы');
  await sql`
    INSERT INTO response_marks (comment_id, kind, marked_by) VALUES (${input.commentId}, ${input.kind}, ${actor.id})
    ON CONFLICT (comment_id) DO UPDATE SET kind = EXCLUDED.kind, marked_by = EXCLUDED.marked_by, marked_at = now()`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'response.mark', entityType: 'comment', entityId: String(input.commentId), details: { kind: input.kind } });
  return { accountId: comment.accountId, publishedAt: comment.publishedAt };
}
