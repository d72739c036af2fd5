import { evaluateSla, METHODOLOGY_V1, slaPolicy, type SlaComment } from '@most/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyPendingComments, listRecommendations, loadMethodology, lockMethodology, measureQuestions, saveMethodology } from '@most/db/scoring';
import { useTestDatabase } from '@most/db/testing';
import { makeAccount, makeComment, makeFullProfileSnapshot, makeMarchQuestions, makePost, pseudonym } from '@most/db/testing/scoring';
import { decideDispute } from './decide-dispute';
import { markResponse } from './mark-response';
import { overrideClassification } from './override-classification';
import { purgeCommentText } from './purge-comment-text';
import { raiseDispute } from './raise-dispute';
import { recordManualAssessment } from './record-manual-assessment';
import { rescoreAffected } from './rescore-affected';
import { scorePeriod } from './score-period';
import { setRecommendationStatus } from './set-recommendation-status';

const HOUR = 3_600_000;
const monitor = { id: null, label: 'monitor-test' };
const saratov = (local: string) => new Date(`${local}+04:00`);

const db = useTestDatabase();

describe('methodology versions', () => {
  it('seeds v1 exactly as the domain defines it', async () => {
    const stored = await loadMethodology(db.sql, 1);
    expect(stored.methodology).toEqual(METHODOLOGY_V1);
    expect(stored.locked).toBe(false);
  });

  it('freezes a version used by a published ranking or locked, and accepts a new version', async () => {
    const draft = { ...METHODOLOGY_V1, version: 2, partialShare: 0.4 };
    await saveMethodology(db.sql, draft, monitor);
    await saveMethodology(db.sql, { ...draft, partialShare: 0.3 }, monitor);
    expect((await loadMethodology(db.sql, 2)).methodology.partialShare).toBe(0.3);
    await lockMethodology(db.sql, 2, 'published', monitor);
    await expect(saveMethodology(db.sql, { ...draft, partialShare: 0.2 }, monitor)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(db.sql`DELETE FROM methodology_versions WHERE version = 2`).rejects.toThrow(/published ranking/);

    await saveMethodology(db.sql, { ...METHODOLOGY_V1, version: 3 }, monitor);
    await db.sql`INSERT INTO ranking_editions (slug, title, period_start, period_end, methodology_version, status, published_at)
                 VALUES ('test-edition-v3', 'Рейтинг', '2025-01-01', '2025-01-31', '3', 'published', now())`;
    expect((await loadMethodology(db.sql, 3)).locked).toBe(true);
    await expect(db.sql`UPDATE methodology_versions SET title = 'x' WHERE version = 3`).rejects.toThrow(/cannot change/);
    expect((await loadMethodology(db.sql)).methodology.version).toBe(3);
  });
});

describe('SLA measurement in SQL agrees with the domain engine', () => {
  it.each(['calendar', 'working_hours'] as const)('on a random world of threads (%s clock)', async (clock) => {
    const policy = slaPolicy({ clock, durationMinutes: clock === 'calendar' ? 24 * 60 : 9 * 60, holidays: ['2025-03-10'] });
    const { accountId } = await makeAccount(db.sql);
    let seed = clock === 'calendar' ? 7 : 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const start = saratov('2025-03-01T00:00:00').getTime();
    const domain: SlaComment[] = [];
    const questionIds = new Set<string>();
    const meTooIds: number[] = [];
    for (let p = 0; p < 12; p += 1) {
      const postId = await makePost(db.sql, accountId, new Date(start + p * 12 * HOUR));
      const citizens: { id: number; author: string; at: Date; root: number | null }[] = [];
      for (let k = 0; k < 14; k += 1) {
        let at = new Date(start + p * 12 * HOUR + Math.floor(rand() * 200) * HOUR + Math.floor(rand() * 3600) * 1000);
        const isPage = rand() < 0.45 && citizens.length > 0;
        if (!isPage) {
          const author = `citizen-${Math.floor(rand() * 5)}`;
          const parent = rand() < 0.3 && citizens.length > 0 ? citizens[Math.floor(rand() * citizens.length)]! : null;
          const root = parent ? (parent.root ?? parent.id) : null;
          const deleted = rand() < 0.05;
          // "Me too" replies («тоже интересует»), mostly inside threads, some at the top level.
          const meToo = rand() < (parent ? 0.6 : 0.1);
          // Joining follows the question it joins, within ten hours.
          if (meToo && parent && at <= parent.at) at = new Date(parent.at.getTime() + (1 + Math.floor(rand() * 600)) * 60_000);
          const id = await makeComment(db.sql, { postId, accountId, author, at, threadRootId: root, replyToCommentId: parent?.id ?? null, replyToUser: parent ? parent.author : null, deleted });
          citizens.push({ id, author, at, root });
          domain.push({
            id: String(id),
            postId: String(postId),
            fromPage: false,
            authorKey: pseudonym(author),
            createdAt: at,
            threadRootId: root === null ? null : String(root),
            replyToCommentId: parent ? String(parent.id) : null,
            replyToUserKey: parent ? pseudonym(parent.author) : null,
            deleted,
            meToo,
          });
          if (meToo) meTooIds.push(id);
          if (rand() < 0.8) questionIds.add(String(id));
        } else {
          const target = citizens[Math.floor(rand() * citizens.length)]!;
          const mode = rand();
          const spec =
            mode < 0.4
              ? { threadRootId: target.root ?? target.id, replyToCommentId: target.id, replyToUser: target.author }
              : mode < 0.6
                ? { threadRootId: target.root ?? target.id, replyToCommentId: null, replyToUser: null }
                : mode < 0.8
                  ? { threadRootId: null, replyToCommentId: null, replyToUser: target.author }
                  : { threadRootId: null, replyToCommentId: null, replyToUser: null };
          const deleted = rand() < 0.05;
          const id = await makeComment(db.sql, { postId, accountId, author: 'page', fromPage: true, at, deleted, ...spec });
          domain.push({
            id: String(id),
            postId: String(postId),
            fromPage: true,
            authorKey: null,
            createdAt: at,
            threadRootId: spec.threadRootId === null ? null : String(spec.threadRootId),
            replyToCommentId: spec.replyToCommentId === null ? null : String(spec.replyToCommentId),
            replyToUserKey: spec.replyToUser ? pseudonym(spec.replyToUser) : null,
            deleted,
          });
        }
      }
    }
    await db.sql`
      INSERT INTO comment_classifications (comment_id, account_id, category, needs_answer, confidence, reasons, classifier_version, classified_at)
      SELECT c.id, c.account_id, 'question', c.id = ANY(${[...questionIds].map(Number)}::bigint[]), 1,
             CASE WHEN c.id = ANY(${meTooIds}::bigint[]) THEN ARRAY['me_too'] ELSE '{}'::text[] END, 'test', now() FROM comments c
      WHERE c.account_id = ${accountId} AND NOT c.from_page`;
    const now = saratov('2025-03-12T12:00:00');
    await measureQuestions(db.sql, policy, { from: new Date(start), to: new Date(start + 40 * 86_400_000), accountIds: [accountId] }, now);
    const rows = await db.sql<{ id: number; state: string; replyId: number | null; seconds: number | null }[]>`
      SELECT question_id AS id, state, first_reply_id AS "replyId", first_response_seconds AS seconds FROM question_measurements WHERE account_id = ${accountId} ORDER BY question_id`;

    const expected = new Map<string, { state: string; seconds: number | null }>();
    let joined = 0;
    for (const id of questionIds) {
      const q = domain.find((c) => c.id === id)!;
      const evaluatedAt = new Date(Math.min(now.getTime(), q.createdAt.getTime() + 7 * 86_400_000));
      const result = evaluateSla({ comments: domain, questionIds, policy, evaluatedAt });
      const outcome = result.outcomes.find((o) => o.questionId === id);
      if (result.joined.some((j) => j.questionId === id)) joined += 1;
      else if (result.excluded.some((x) => x.questionId === id)) expected.set(id, { state: 'excluded', seconds: null });
      else if (outcome) expected.set(id, { state: outcome.state, seconds: outcome.firstResponseMs === null ? null : outcome.firstResponseMs / 1000 });
    }
    expect(rows.length).toBe(expected.size);
    expect(joined).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.state)).size).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect({ id: row.id, state: row.state, seconds: row.seconds }).toEqual({ id: row.id, ...expected.get(String(row.id))! });
  });
});

describe('scoring a period end to end', () => {
  let accountId: number;
  let organizationId: number;
  let unreadId: number;
  const questions: number[] = [];

  beforeAll(async () => {
    ({ accountId, organizationId } = await makeAccount(db.sql, { sector: 'health' }));
    ({ accountId: unreadId } = await makeAccount(db.sql, { organizationId, network: 'telegram' }));
    await makeFullProfileSnapshot(db.sql, accountId, saratov('2025-02-20T10:00:00'), '2025-02-20');
    questions.push(...(await makeMarchQuestions(db.sql, accountId, { thanks: true })));
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 1, validFrom: '2025-01-01' }, monitor);
  });

  const now = saratov('2025-04-15T00:00:00');
  const snapshot = async () => ({
    scores:
      await db.sql`SELECT account_id, period_kind, period_start::text, methodology_version, status, total, earned, possible, coverage, questions, decided_questions FROM account_scores ORDER BY 1, 2, 3, 4`,
    criteria: await db.sql`SELECT * FROM account_criterion_scores ORDER BY account_id, period_kind, period_start, methodology_version, criterion_code`,
    organizations:
      await db.sql`SELECT organization_id, period_kind, period_start::text, methodology_version, score, enough_data, accounts_scored, accounts_total, sample_size, criteria FROM organization_scores ORDER BY 1, 2, 3, 4`,
    recommendations: await db.sql`SELECT account_id, criterion_code, generated_text, evidence, status FROM recommendations ORDER BY id`,
    measurements: await db.sql`SELECT question_id, state, first_reply_id, first_response_seconds FROM question_measurements ORDER BY question_id`,
  });

  it('classifies, measures and scores accounts and organizations with evidence, idempotently', async () => {
    const result = await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    expect(result).toMatchObject({ accounts: 2, organizations: 1, questionsMeasured: 12 });
    expect(result.commentsClassified).toBeGreaterThanOrEqual(24);

    const [score] = await db.sql`SELECT * FROM account_scores WHERE account_id = ${accountId} AND period_kind = 'month'`;
    expect(score).toMatchObject({ status: 'ok', reason: null, questions: 12, decided_questions: 12, methodology_version: 1 });
    const criteria = await db.sql<{ criterion_code: string; status: string; value: number | null; reason: string | null; evidence: { kind: string; id?: string; url?: string }[] }[]>`
      SELECT criterion_code, status, value, reason, evidence FROM account_criterion_scores WHERE account_id = ${accountId} AND period_kind = 'month'`;
    const byCode = new Map(criteria.map((c) => [c.criterion_code, c]));
    expect(byCode.get('RESPONSE_RATE')).toMatchObject({ status: 'partial', value: 0.8333 });
    expect(byCode.get('SLA_WITHIN_24H')).toMatchObject({ status: 'fail', value: 0.6667 });
    expect(
      byCode
        .get('SLA_WITHIN_24H')!
        .evidence.filter((e) => e.kind === 'comment')
        .map((e) => Number(e.id)),
    ).toEqual(questions.slice(8, 12));
    expect(byCode.get('PROFILE_EMAIL')!.status).toBe('fail');
    expect(byCode.get('PROFILE_HEAD_LINK')!.status).toBe('pass');
    expect(byCode.get('POSTING_REGULARITY')!.status).toBe('pass');
    expect(byCode.get('LITERACY_STYLE')).toMatchObject({ status: 'partial', value: 1 });
    expect(byCode.get('GOV_BADGE')).toMatchObject({ status: 'not_measured', reason: 'not_assessed' });

    // The Telegram page was never read: nothing about it is measured, failed or recommended.
    const unread = await db.sql<{ criterion_code: string; status: string; reason: string | null }[]>`
      SELECT criterion_code, status, reason FROM account_criterion_scores WHERE account_id = ${unreadId} AND period_kind = 'month'`;
    expect(unread.filter((c) => ['pass', 'partial', 'fail'].includes(c.status))).toEqual([]);
    expect(unread.find((c) => c.criterion_code === 'POSTING_REGULARITY')).toMatchObject({ status: 'not_measured', reason: 'page_not_read' });
    const [unreadScore] = await db.sql`SELECT status, total, reason FROM account_scores WHERE account_id = ${unreadId} AND period_kind = 'month'`;
    expect(unreadScore).toMatchObject({ status: 'not_enough_data', total: null, reason: 'page_not_read' });
    expect(await listRecommendations(db.sql, { accountId: unreadId })).toEqual([]);

    const [org] = await db.sql`SELECT * FROM organization_scores WHERE organization_id = ${organizationId} AND period_kind = 'month'`;
    expect(org).toMatchObject({ accounts_total: 2, sample_size: 12 });

    const recs = await listRecommendations(db.sql, { accountId });
    const sla = recs.find((r) => r.criterionCode === 'SLA_WITHIN_24H')!;
    expect(sla.text).toMatch(/^4 вопроса остались без ответа более 24 часов: «Когда включат воду на Рабочей 8\? звоните \[телефон скрыт\]»/);
    expect(recs.map((r) => r.text).join(' ')).not.toMatch(/89171234567/);

    const first = await snapshot();
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    expect(await snapshot()).toEqual(first);
  });

  it('withdraws a standing recommendation about a page that was never read, even one already sent', async () => {
    const [stale] = await db.sql<{ id: number }[]>`
      INSERT INTO recommendations (account_id, period_kind, period_start, methodology_version, criterion_code, generated_text)
      VALUES (${unreadId}, 'month', '2025-03-01', 1, 'POSTING_REGULARITY', '0 публикаций за период') RETURNING id`;
    await db.sql`UPDATE recommendations SET status = 'sent' WHERE id = ${stale!.id}`;
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    expect((await listRecommendations(db.sql, { accountId: unreadId })).map((r) => [r.criterionCode, r.status])).toEqual([['POSTING_REGULARITY', 'withdrawn']]);
    // Withdrawn is final.
    await expect(db.sql`UPDATE recommendations SET status = 'acknowledged' WHERE id = ${stale!.id}`).rejects.toThrow(/cannot go from withdrawn to acknowledged/);
    await db.sql`DELETE FROM recommendations WHERE id = ${stale!.id}`;
  });

  it('separates first and substantive response where a monitor marked replies', async () => {
    const q = questions[0]!;
    const [first] = await db.sql<{ id: number; postId: number }[]>`SELECT id, post_id AS "postId" FROM comments WHERE reply_to_comment_id = ${q} AND from_page`;
    const askedAt = saratov('2025-03-01T10:00:00');
    const real = await makeComment(db.sql, {
      postId: first!.postId,
      accountId,
      author: 'page',
      fromPage: true,
      at: new Date(askedAt.getTime() + 26 * HOUR),
      threadRootId: q,
      replyToCommentId: q,
      replyToUser: 'c0',
    });
    await markResponse(db.sql, { commentId: first!.id, kind: 'intermediate' }, monitor);
    const affected = await markResponse(db.sql, { commentId: real, kind: 'substantive' }, monitor);
    await rescoreAffected(db.sql, { accountId: affected.accountId, at: askedAt }, now);
    const [m] = await db.sql`SELECT state, first_reply_id, substantive_reply_id, substantive_state, substantive_seconds FROM question_measurements WHERE question_id = ${q}`;
    expect(m).toMatchObject({ state: 'answered_in_time', first_reply_id: first!.id, substantive_reply_id: real, substantive_state: 'answered_late', substantive_seconds: 26 * 3600 });
    await expect(markResponse(db.sql, { commentId: q, kind: 'substantive' }, monitor)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lets a monitor override a classification: audited, wins on rescore', async () => {
    const target = questions[10]!;
    const affected = await overrideClassification(db.sql, { commentId: target, needsAnswer: false, category: 'opinion', reason: 'риторический вопрос' }, monitor);
    await rescoreAffected(db.sql, { accountId: affected.accountId, at: affected.publishedAt }, now);
    expect(await db.sql`SELECT 1 FROM question_measurements WHERE question_id = ${target}`).toHaveLength(0);
    const [score] = await db.sql`SELECT questions FROM account_scores WHERE account_id = ${accountId} AND period_kind = 'month' AND period_start = '2025-03-01'`;
    expect(score!.questions).toBe(11);
    const [audit] = await db.sql`SELECT details FROM audit_log WHERE action = 'classification.override' AND entity_id = ${String(target)}`;
    expect(audit!.details).toMatchObject({ after: { needsAnswer: false }, reason: 'риторический вопрос' });
    // The classifier never overwrites the monitor's decision.
    await classifyPendingComments(db.sql, { accountIds: [accountId] });
    const [row] = await db.sql`SELECT effective_needs_answer FROM comment_classifications WHERE comment_id = ${target}`;
    expect(row!.effective_needs_answer).toBe(false);
  });

  it('handles disputes: rejection keeps the finding, acceptance changes evidence and rescores', async () => {
    const rejected = await raiseDispute(db.sql, { accountId, commentId: questions[9]!, reason: 'answered_elsewhere', text: 'Ответили по телефону' }, monitor);
    await decideDispute(db.sql, { disputeId: rejected, accept: false, reason: 'Нет подтверждения' }, monitor);
    const accepted = await raiseDispute(db.sql, { accountId, commentId: questions[11]!, reason: 'answered_elsewhere', text: 'Ответили по телефону, есть запись' }, monitor);
    const affected = await decideDispute(db.sql, { disputeId: accepted, accept: true, reason: 'Подтверждено записью звонка' }, monitor);
    await expect(decideDispute(db.sql, { disputeId: accepted, accept: false, reason: 'again' }, monitor)).rejects.toMatchObject({ code: 'CONFLICT' });
    await rescoreAffected(db.sql, affected, now);
    const [m] = await db.sql`SELECT state, excluded_reason FROM question_measurements WHERE question_id = ${questions[11]!}`;
    expect(m).toMatchObject({ state: 'excluded', excluded_reason: 'answered_elsewhere' });
    const [score] = await db.sql`SELECT questions FROM account_scores WHERE account_id = ${accountId} AND period_kind = 'month' AND period_start = '2025-03-01'`;
    expect(score!.questions).toBe(10);

    const criterionDispute = await raiseDispute(
      db.sql,
      { accountId, criterion: { code: 'PROFILE_EMAIL', periodKind: 'month', periodStart: '2025-03-01' }, reason: 'criterion_wrong', text: 'Почта указана в разделе контактов' },
      monitor,
    );
    await rescoreAffected(db.sql, await decideDispute(db.sql, { disputeId: criterionDispute, accept: true, reason: 'Проверено', correctedStatus: 'pass' }, monitor), now);
    const [email] = await db.sql`SELECT status, overridden FROM account_criterion_scores WHERE account_id = ${accountId} AND period_kind = 'month' AND criterion_code = 'PROFILE_EMAIL'`;
    expect(email).toMatchObject({ status: 'pass', overridden: true });
    const actions = await db.sql`SELECT action FROM audit_log WHERE entity_type = 'dispute' ORDER BY id`;
    expect(actions.map((a) => a.action)).toEqual(['dispute.raise', 'dispute.reject', 'dispute.raise', 'dispute.accept', 'dispute.raise', 'dispute.accept']);
  });

  it('moves recommendations new → sent → acknowledged and settles them after the next period', async () => {
    const march = (r: { periodKind: string; periodStart: string; methodologyVersion: number }) => r.periodKind === 'month' && r.periodStart === '2025-03-01' && r.methodologyVersion === 1;
    const [rec] = (await listRecommendations(db.sql, { accountId })).filter((r) => march(r) && r.criterionCode === 'SLA_WITHIN_24H');
    await setRecommendationStatus(db.sql, rec!.id, 'sent', monitor);
    await setRecommendationStatus(db.sql, rec!.id, 'acknowledged', monitor);
    await expect(setRecommendationStatus(db.sql, rec!.id, 'sent', monitor)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Рекомендацию в статусе «Принята к сведению» нельзя перевести в «Отправлена»',
    });
    // The agency may acknowledge what it sees on its dashboard before a bulletin carried it.
    const [unsent] = (await listRecommendations(db.sql, { accountId, status: 'new' })).filter((r) => !(march(r) && r.criterionCode === 'LITERACY_STYLE'));
    await setRecommendationStatus(db.sql, unsent!.id, 'acknowledged', monitor);
    await expect(db.sql`UPDATE recommendations SET status = 'new' WHERE id = ${rec!.id}`).rejects.toThrow(/cannot go from acknowledged to new/);
    // April: no questions at all → SLA not measurable → stays acknowledged; the e-mail recommendation from March settles.
    const [emailRec] = (await listRecommendations(db.sql, { accountId, status: 'new' })).filter((r) => march(r) && r.criterionCode === 'LITERACY_STYLE');
    await setRecommendationStatus(db.sql, emailRec!.id, 'sent', monitor);
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'LITERACY_STYLE', score: 2, validFrom: '2025-04-01' }, monitor);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-04-10', methodologyVersion: 1, accountIds: [accountId], now: saratov('2025-05-05T00:00:00') });
    const after = new Map((await listRecommendations(db.sql, { accountId })).map((r) => [r.id, r.status]));
    expect(after.get(rec!.id)).toBe('acknowledged');
    expect(after.get(emailRec!.id)).toBe('resolved');
  });

  it("purges citizens' text after the retention period, keeping measurements and logging it", async () => {
    const before = await db.sql`SELECT count(*)::int AS n FROM question_measurements`;
    const result = await purgeCommentText(db.sql, { retentionDays: 90, now: saratov('2025-06-05T00:00:00') });
    expect(result.commentsPurged).toBeGreaterThan(0);
    const texts = await db.sql`SELECT from_page, text FROM comments WHERE account_id = ${accountId} AND published_at < ${result.cutoff}`;
    expect(texts.filter((t) => !t.from_page).every((t) => t.text === '')).toBe(true);
    expect(texts.filter((t) => t.from_page).every((t) => t.text !== '')).toBe(true);
    expect(await db.sql`SELECT count(*)::int AS n FROM question_measurements`).toEqual(before);
    const [log] = await db.sql`SELECT retention_days, comments_purged FROM comment_purges ORDER BY id DESC LIMIT 1`;
    expect(log).toMatchObject({ retention_days: 90, comments_purged: result.commentsPurged });
    expect((await purgeCommentText(db.sql, { retentionDays: 90, now: saratov('2025-06-05T00:00:00') })).commentsPurged).toBe(0);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    const [score] = await db.sql`SELECT questions FROM account_scores WHERE account_id = ${accountId} AND period_kind = 'month' AND period_start = '2025-03-01'`;
    expect(score!.questions).toBe(10);
  });

  it('records that a manual criterion does not apply to a page, only with a reason, and leaves it out of the score', async () => {
    await expect(recordManualAssessment(db.sql, { accountId, criterionCode: 'GOV_BADGE', score: null, validFrom: '2025-01-01' }, monitor)).rejects.toThrow(/не применим/);
    await expect(db.sql`INSERT INTO manual_assessments (account_id, criterion_code, score, valid_from) VALUES (${accountId}, 'GOV_BADGE', NULL, '2025-01-01')`).rejects.toThrow(
      /not_applicable_has_note/,
    );
    await recordManualAssessment(db.sql, { accountId, criterionCode: 'GOV_BADGE', score: 0, validFrom: '2025-01-01' }, monitor);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    const before = await db.sql<{ status: string; possible: number }[]>`
      SELECT c.status, s.possible FROM account_criterion_scores c JOIN account_scores s USING (account_id, period_kind, period_start, methodology_version)
      WHERE c.account_id = ${accountId} AND c.period_kind = 'month' AND c.period_start = '2025-03-01' AND c.criterion_code = 'GOV_BADGE'`;
    expect(before[0]?.status).toBe('fail');

    await recordManualAssessment(db.sql, { accountId, criterionCode: 'GOV_BADGE', score: null, validFrom: '2025-02-01', note: 'Учреждение не может получить отметку' }, monitor);
    await scorePeriod(db.sql, { periodKind: 'month', date: '2025-03-10', methodologyVersion: 1, accountIds: [accountId], now });
    const [after] = await db.sql<{ status: string; possible: number; evidence: { kind: string; note?: string }[] }[]>`
      SELECT c.status, s.possible, c.evidence FROM account_criterion_scores c JOIN account_scores s USING (account_id, period_kind, period_start, methodology_version)
      WHERE c.account_id = ${accountId} AND c.period_kind = 'month' AND c.period_start = '2025-03-01' AND c.criterion_code = 'GOV_BADGE'`;
    expect(after?.status).toBe('not_applicable');
    expect(after?.evidence).toEqual([expect.objectContaining({ kind: 'manual', note: 'Учреждение не может получить отметку' })]);
    expect(after!.possible).toBeLessThan(before[0]!.possible);
  });
});
