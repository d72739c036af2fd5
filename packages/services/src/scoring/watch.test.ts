import { METHODOLOGY_V1 } from '@most/domain';
import { describe, expect, it } from 'vitest';
import { classifyPendingComments, listAccountManualAssessments, listManualScoringAccounts, listOpenQuestions, measureQuestions, organizationSlaDistribution } from '@most/db/scoring';
import { useTestDatabase } from '@most/db/testing';
import { makeAccount, makeComment, makePost } from '@most/db/testing/scoring';
import { overrideClassification } from './override-classification';
import { recordManualAssessment } from './record-manual-assessment';
import { rescoreAffected } from './rescore-affected';
import { scorePeriod } from './score-period';

const HOUR = 3_600_000;
const monitor = { id: null, label: 'monitor-test' };
const now = new Date('2026-11-20T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * HOUR);

const db = useTestDatabase();

describe('SLA watch: open questions of one organization', () => {
  it('lists unanswered questions with their deadline, most urgent first, redacted and pseudonymous', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const other = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, ago(40));
    const overdue = await makeComment(db.sql, { postId, accountId, author: 'citizen-1', at: ago(30), text: 'Когда починят отопление? Звоните мне +7 917 123-45-67' });
    const fresh = await makeComment(db.sql, { postId, accountId, author: 'citizen-2', at: ago(2), text: 'Подскажите, где получить справку?' });
    const answered = await makeComment(db.sql, { postId, accountId, author: 'citizen-3', at: ago(5), text: 'Когда будет вывоз мусора?' });
    await makeComment(db.sql, { postId, accountId, author: 'page', fromPage: true, at: ago(4), replyToCommentId: answered, threadRootId: answered, replyToUser: 'citizen-3', text: 'Завтра утром' });
    const deleted = await makeComment(db.sql, { postId, accountId, author: 'citizen-4', at: ago(3), text: 'Почему не работает лифт?', deleted: true });
    const thanks = await makeComment(db.sql, { postId, accountId, author: 'citizen-5', at: ago(1), text: 'Спасибо за работу!' });
    const old = await makeComment(db.sql, { postId, accountId, author: 'citizen-6', at: ago(24 * 9), text: 'Когда откроют каток?' });
    const otherPost = await makePost(db.sql, other.accountId, ago(10));
    const foreign = await makeComment(db.sql, { postId: otherPost, accountId: other.accountId, author: 'citizen-7', at: ago(6), text: 'Когда починят дорогу?' });
    await classifyPendingComments(db.sql, { accountIds: [accountId, other.accountId] }, now);
    await overrideClassification(db.sql, { commentId: fresh, needsAnswer: true, category: 'question', reason: 'Вопрос' }, monitor);

    const open = await listOpenQuestions(db.sql, organizationId, { now });
    expect(open.map((q) => q.questionId)).toEqual([overdue, fresh]);
    const ids = open.map((q) => q.questionId);
    for (const hidden of [answered, deleted, thanks, old, foreign]) expect(ids).not.toContain(hidden);

    const [first, second] = open;
    expect(first!.deadlineAt.toISOString()).toBe(new Date(ago(30).getTime() + 24 * HOUR).toISOString());
    expect(first!.deadlineAt.getTime()).toBeLessThan(now.getTime());
    expect(first!.text).toContain('[телефон скрыт]');
    expect(first!.text).not.toContain('917');
    expect(first!.citizen).toMatch(/^[0-9A-F]{6}$/);
    expect(first!.citizen).not.toBe(second!.citizen);
    expect(first!.postUrl).toMatch(/^https:\/\/vk\.com\/wall-1_/);
    expect(first!.commentUrl).toContain('?reply=');
    expect(second).toMatchObject({ confirmed: true, accountId });
    expect(second!.deadlineAt.getTime()).toBeGreaterThan(now.getTime());

    // A page reply to the citizen closes the question.
    await makeComment(db.sql, { postId, accountId, author: 'page', fromPage: true, at: ago(1), replyToUser: 'citizen-1', text: 'Отопление включат сегодня' });
    expect((await listOpenQuestions(db.sql, organizationId, { now })).map((q) => q.questionId)).toEqual([fresh]);
  });
});

describe('SLA distribution of an organization', () => {
  it('buckets measured questions and computes response-time percentiles', async () => {
    const { accountId, organizationId } = await makeAccount(db.sql);
    const postId = await makePost(db.sql, accountId, ago(24 * 6));
    const answeredAfter = [0.5, 2, 10, 30];
    for (const [index, hours] of answeredAfter.entries()) {
      const author = `dist-${index}`;
      const q = await makeComment(db.sql, { postId, accountId, author, at: ago(24 * 5), text: 'Когда починят дорогу?' });
      await makeComment(db.sql, {
        postId,
        accountId,
        author: 'page',
        fromPage: true,
        at: new Date(ago(24 * 5).getTime() + hours * HOUR),
        replyToCommentId: q,
        threadRootId: q,
        replyToUser: author,
        text: 'Ответ',
      });
    }
    await makeComment(db.sql, { postId, accountId, author: 'dist-breached', at: ago(48), text: 'Когда включат свет?' });
    await makeComment(db.sql, { postId, accountId, author: 'dist-open', at: ago(3), text: 'Когда включат воду?' });
    await classifyPendingComments(db.sql, { accountIds: [accountId] }, now);
    await measureQuestions(db.sql, METHODOLOGY_V1.sla, { from: ago(24 * 30), to: now, accountIds: [accountId] }, now);

    const result = await organizationSlaDistribution(db.sql, organizationId, { from: ago(24 * 30), to: now });
    expect(result.counts).toEqual({ under1h: 1, from1to4h: 1, from4to24h: 1, over24h: 1, unanswered: 1 });
    expect(result.decided).toBe(5);
    expect(result.pending).toBe(1);
    expect(result.shares.unanswered).toBeCloseTo(0.2);
    // Even sample 0.5, 2, 10, 30 h: the median is 6 h (nearest rank said 2 h), as the score computes it.
    expect(result.percentiles.p50).toBe(6 * 3600);
    expect(result.percentiles.p90).toBeCloseTo(24 * 3600, 6);
    expect(result.percentiles.p95).toBeCloseTo(27 * 3600, 6);

    const empty = await organizationSlaDistribution(db.sql, organizationId, { from: ago(24 * 90), to: ago(24 * 60) });
    expect(empty.decided).toBe(0);
  });
});

describe('manual criteria scoring', () => {
  it('lists accounts awaiting manual scores, records one and the rescore shows it', async () => {
    const { accountId } = await makeAccount(db.sql, { network: 'vk' });
    const [org] = await db.sql<{ short_name: string }[]>`SELECT o.short_name FROM organizations o JOIN accounts a ON a.organization_id = o.id WHERE a.id = ${accountId}`;
    const applicable = METHODOLOGY_V1.criteria.filter((c) => c.evaluation.kind === 'manual').length;

    const before = await listManualScoringAccounts(db.sql, { search: org!.short_name });
    expect(before.find((a) => a.accountId === accountId)).toMatchObject({ applicable, assessed: 0, lastAssessedAt: null });

    await scorePeriod(db.sql, { periodKind: 'month', date: '2026-11-10', methodologyVersion: 1, accountIds: [accountId], now });
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'GOV_BADGE', score: 1, validFrom: '2026-11-01', note: 'Отметка есть' }, monitor);
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 0, validFrom: '2026-11-01' }, monitor);
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 2, validFrom: '2026-11-05' }, monitor);
    expect(await rescoreAffected(db.sql, { accountId, at: new Date('2026-11-05T08:00:00Z') }, now)).toBeGreaterThan(0);

    const after = await listManualScoringAccounts(db.sql, { search: org!.short_name });
    expect(after.find((a) => a.accountId === accountId)).toMatchObject({ applicable, assessed: 2 });
    const latest = await listAccountManualAssessments(db.sql, accountId);
    expect(latest.map((a) => [a.criterionCode, a.score, a.validFrom])).toEqual([
      ['GOV_BADGE', 1, '2026-11-01'],
      ['LITERACY_STYLE', 2, '2026-11-05'],
    ]);
    const criteria = await db.sql<{ criterion_code: string; status: string }[]>`
      SELECT criterion_code, status FROM account_criterion_scores
      WHERE account_id = ${accountId} AND period_kind = 'month' AND period_start = '2026-11-01' AND criterion_code IN ('GOV_BADGE', 'LITERACY_STYLE')
      ORDER BY criterion_code`;
    expect(criteria).toEqual([
      { criterion_code: 'GOV_BADGE', status: 'pass' },
      { criterion_code: 'LITERACY_STYLE', status: 'pass' },
    ]);
  });
});
