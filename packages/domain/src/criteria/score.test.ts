import { describe, expect, it } from 'vitest';
import { METHODOLOGY_V1 } from '../methodology/v1';
import { methodologySchema } from '../methodology/types';
import { aggregateSla } from '../sla/aggregate';
import type { QuestionOutcome } from '../sla/evaluate';
import { applyOverrides, scoreAccount, statusFor } from './score';
import type { PostInput, ScoringInputs } from './types';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const from = new Date('2025-03-01T00:00:00+04:00');
const to = new Date('2025-04-01T00:00:00+04:00');

function posts(everyDays: number, interactions = 30, views = 1_000): PostInput[] {
  const list: PostInput[] = [];
  for (let at = from.getTime() + 3_600_000, i = 0; at < to.getTime(); at += everyDays * DAY, i += 1) {
    list.push({ id: `p${i}`, url: `https://vk.com/wall-1_${i}`, publishedAt: new Date(at), likes: interactions, reposts: 0, comments: 0, views });
  }
  return list;
}

function outcomes(answeredHours: Array<number | null>): QuestionOutcome[] {
  return answeredHours.map((h, i) => ({
    questionId: `q${i}`,
    postId: 'p0',
    askedAt: new Date(from.getTime() + i * HOUR),
    deadline: null,
    state: h === null ? 'breached' : h <= 24 ? 'answered_in_time' : 'answered_late',
    firstReplyId: h === null ? null : `r${i}`,
    firstReplyAt: null,
    firstResponseMs: h === null ? null : h * HOUR,
    substantive: null,
  }));
}

function inputs(overrides: Partial<ScoringInputs> = {}): ScoringInputs {
  const sample = outcomes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  return {
    account: { network: 'vk', organizationKind: 'local_government', sector: 'other' },
    period: { from, to },
    evaluatedAt: new Date('2025-04-05T00:00:00Z'),
    profile: {
      id: 's1', takenAt: from, description: 'Администрация района', website: 'https://adm.example.ru', phone: '+7 845 000-00-00', email: 'adm@example.ru',
      workingHours: 'пн–пт 9–18', postalAddress: 'ул. Ленина, 1', headAccountUrl: 'https://vk.com/head', hasAvatar: true, hasCover: true, commentsOpen: true, followers: 1_000,
    },
    posts: posts(1),
    sla: aggregateSla(sample, { minimumSample: 10 }),
    questions: sample.map((o) => ({ questionId: o.questionId, url: `https://vk.com/wall-1_0?reply=${o.questionId}`, state: o.state, firstResponseMs: o.firstResponseMs, askedAt: o.askedAt })),
    peers: { erPostMedian: 3, erViewMedian: 3 },
    manual: Object.fromEntries(['OPERATIONAL_INFO', 'SUBSTANTIVE_ANSWERS', 'LITERACY_STYLE'].map((c) => [c, { assessmentId: `m-${c}`, score: 2 }]).concat([['GOV_BADGE', { assessmentId: 'm-b', score: 1 }], ['POS_WIDGET', { assessmentId: 'm-p', score: 1 }]])),
    backlink: { checkedAt: from, pageUrl: 'https://adm.example.ru', found: true, matchedHref: 'https://vk.com/adm' },
    ...overrides,
  };
}

describe('methodology v1', () => {
  it('is valid data whose weights sum to 100 and covers DOMAIN §2', () => {
    // It is stored as JSON: the round trip must give back the same methodology.
    expect(methodologySchema.parse(JSON.parse(JSON.stringify(METHODOLOGY_V1)))).toEqual(METHODOLOGY_V1);
    // What the schema cannot see: "pass" is never worse than "partial", manual scales are ranges.
    const inverted = METHODOLOGY_V1.criteria.filter(({ thresholds: t }) => (t.direction === 'higher' ? t.pass < t.partial : t.pass > t.partial));
    expect(inverted.map((c) => c.code)).toEqual([]);
    const flatScales = METHODOLOGY_V1.criteria.filter((c) => c.evaluation.kind === 'manual' && c.evaluation.scale.min >= c.evaluation.scale.max);
    expect(flatScales.map((c) => c.code)).toEqual([]);
    expect(METHODOLOGY_V1.criteria.reduce((s, c) => s + c.weight, 0)).toBe(100);
    const codes = METHODOLOGY_V1.criteria.map((c) => c.code);
    for (const code of ['PROFILE_HEAD_LINK', 'WEBSITE_BACKLINK', 'COMMENTS_OPEN', 'POSTING_REGULARITY', 'ER_POST', 'ER_VIEW', 'RESPONSE_RATE', 'SLA_WITHIN_24H', 'MEDIAN_FIRST_RESPONSE', 'GOV_BADGE', 'POS_WIDGET']) {
      expect(codes).toContain(code);
    }
  });

  it('rejects duplicate criterion codes', () => {
    const broken = { ...METHODOLOGY_V1, criteria: [...METHODOLOGY_V1.criteria, METHODOLOGY_V1.criteria[0]!] };
    expect(methodologySchema.safeParse(broken).success).toBe(false);
  });
});

describe('scoreAccount', () => {
  it('gives 100 when every criterion passes, deterministically', () => {
    const first = scoreAccount(METHODOLOGY_V1, inputs());
    expect(first.criteria.filter((c) => c.status !== 'pass').map((c) => c.code)).toEqual([]);
    expect(first.total).toBe(100);
    expect(scoreAccount(METHODOLOGY_V1, inputs())).toEqual(first);
  });

  it('leaves a manual criterion a monitor judged not applicable out of the denominator, with the reason as evidence', () => {
    const base = inputs();
    const withBadgeFailed = scoreAccount(METHODOLOGY_V1, inputs({ manual: { ...base.manual, GOV_BADGE: { assessmentId: 'm-b', score: 0 } } }));
    expect(withBadgeFailed.criteria.find((c) => c.code === 'GOV_BADGE')).toMatchObject({ status: 'fail', points: 0 });
    expect(withBadgeFailed.total).toBeLessThan(100);
    const notApplicable = scoreAccount(METHODOLOGY_V1, inputs({ manual: { ...base.manual, GOV_BADGE: { assessmentId: 'm-b', score: null, note: 'Подведомственное учреждение без отметки по правилам Госуслуг' } } }));
    expect(notApplicable.criteria.find((c) => c.code === 'GOV_BADGE')).toEqual({
      code: 'GOV_BADGE', group: expect.any(String), weight: expect.any(Number), status: 'not_applicable', value: null, points: 0, maxPoints: 0,
      evidence: [{ kind: 'manual', id: 'm-b', value: null, note: 'Подведомственное учреждение без отметки по правилам Госуслуг' }], reason: 'monitor_judgement',
    });
    expect(notApplicable.total).toBe(100);
    expect(notApplicable.possible).toBe(scoreAccount(METHODOLOGY_V1, base).possible - METHODOLOGY_V1.criteria.find((c) => c.code === 'GOV_BADGE')!.weight);
  });

  it('marks feedback criteria not_enough_data below the minimum sample and renormalises', () => {
    const small = outcomes([1, 30, null]);
    const result = scoreAccount(METHODOLOGY_V1, inputs({ sla: aggregateSla(small, { minimumSample: 10 }) }));
    const feedback = result.criteria.filter((c) => ['RESPONSE_RATE', 'SLA_WITHIN_24H', 'MEDIAN_FIRST_RESPONSE'].includes(c.code));
    expect(feedback.every((c) => c.status === 'not_enough_data' && c.points === 0 && c.maxPoints === 0)).toBe(true);
    expect(result.possible).toBe(100 - 12 - 14 - 6);
    expect(result.total).toBe(100);
  });

  it('scores the SLA share with partial points and cites late and breached questions', () => {
    const sample = outcomes([1, 2, 3, 4, 5, 6, 7, 30, 40, null]); // 7/10 in time → partial
    const result = scoreAccount(METHODOLOGY_V1, inputs({
      sla: aggregateSla(sample, { minimumSample: 10 }),
      questions: sample.map((o) => ({ questionId: o.questionId, url: null, state: o.state, firstResponseMs: o.firstResponseMs, askedAt: o.askedAt })),
    }));
    const sla = result.criteria.find((c) => c.code === 'SLA_WITHIN_24H')!;
    expect(sla).toMatchObject({ status: 'partial', value: 0.7, points: 7, maxPoints: 14 });
    expect(sla.evidence.filter((e) => e.kind === 'comment').map((e) => e.id)).toEqual(['q7', 'q8', 'q9']);
    const rate = result.criteria.find((c) => c.code === 'RESPONSE_RATE')!;
    expect(rate).toMatchObject({ status: 'pass', value: 0.9 });
    expect(result.total).toBe(93);
  });

  it('judges posting regularity by posts per week and the longest gap', () => {
    const sparse = scoreAccount(METHODOLOGY_V1, inputs({ posts: posts(3) })).criteria.find((c) => c.code === 'POSTING_REGULARITY')!;
    expect(sparse).toMatchObject({ status: 'partial', value: 1 }); // ~2.3/week, gaps of 3 days
    const gappy = [...posts(1).slice(0, 5), ...posts(1).slice(20)];
    const withGap = scoreAccount(METHODOLOGY_V1, inputs({ posts: gappy })).criteria.find((c) => c.code === 'POSTING_REGULARITY')!;
    expect(withGap.status).toBe('partial');
    expect(withGap.evidence).toContainEqual({ kind: 'post', id: 'p4', url: 'https://vk.com/wall-1_4', note: 'gap_start' });
    const silent = scoreAccount(METHODOLOGY_V1, inputs({ posts: [] })).criteria.find((c) => c.code === 'POSTING_REGULARITY')!;
    expect(silent).toMatchObject({ status: 'fail', value: 0 });
  });

  it('compares engagement with the sector median', () => {
    const weak = scoreAccount(METHODOLOGY_V1, inputs({ posts: posts(1, 10, 1000) })); // ERpost 1% vs 3% → 0.333 fail; ERview 1% → fail
    expect(weak.criteria.find((c) => c.code === 'ER_POST')).toMatchObject({ status: 'fail', value: 0.333 });
    const noPeers = scoreAccount(METHODOLOGY_V1, inputs({ peers: { erPostMedian: null, erViewMedian: 2 } }));
    expect(noPeers.criteria.find((c) => c.code === 'ER_POST')!.status).toBe('not_enough_data');
    expect(noPeers.criteria.find((c) => c.code === 'ER_VIEW')).toMatchObject({ status: 'pass', value: 1.5 });
  });

  it('applies criteria by network and organization kind', () => {
    const telegram = scoreAccount(METHODOLOGY_V1, inputs({ account: { network: 'telegram', organizationKind: 'subordinate_institution', sector: 'education' } }));
    const na = telegram.criteria.filter((c) => c.status === 'not_applicable').map((c) => c.code);
    expect(na).toEqual(expect.arrayContaining(['PROFILE_HEAD_LINK', 'COMMENTS_OPEN', 'RESPONSE_RATE', 'POS_WIDGET', 'GOV_BADGE', 'ER_POST', 'ER_VIEW']));
    expect(na).not.toContain('POSTING_REGULARITY');
  });

  it('states why a Telegram channel is not scored on what its preview cannot show, and never fails it there', () => {
    const telegram = scoreAccount(METHODOLOGY_V1, inputs({ account: { network: 'telegram', organizationKind: 'regional_executive', sector: 'education' } }));
    const byCode = new Map(telegram.criteria.map((c) => [c.code, c]));
    for (const code of ['COMMENTS_OPEN', 'RESPONSE_RATE', 'SLA_WITHIN_24H']) expect(byCode.get(code)).toMatchObject({ status: 'not_applicable', reason: 'network_has_no_comments', maxPoints: 0 });
    for (const code of ['ER_POST', 'ER_VIEW']) expect(byCode.get(code)).toMatchObject({ status: 'not_applicable', reason: 'network_has_no_reactions' });
    for (const code of ['PROFILE_WORKING_HOURS', 'PROFILE_POSTAL_ADDRESS', 'PROFILE_AVATAR_COVER']) expect(byCode.get(code)).toMatchObject({ status: 'not_applicable', reason: 'network_has_no_field' });
    // A methodology choice, not a limit of the network: the Gosuslugi widget exists on VK only.
    expect(byCode.get('POS_WIDGET')).toMatchObject({ status: 'not_applicable', reason: 'criterion_scope' });
    // What the preview shows is scored as on any network.
    expect(byCode.get('PROFILE_PHONE')!.status).not.toBe('not_applicable');
    expect(byCode.get('PROFILE_HEAD_LINK')!.status).not.toBe('not_applicable');
    const vk = scoreAccount(METHODOLOGY_V1, inputs({ account: { network: 'vk', organizationKind: 'regional_executive', sector: 'education' } }));
    expect(vk.criteria.find((c) => c.code === 'PROFILE_WORKING_HOURS')!.status).not.toBe('not_applicable');
  });

  it('measures nothing from a page that was never read: not measured with the reason, never a failure', () => {
    const page = { availability: 'available' as const, profileRead: false, postsRead: false, commentsRead: false };
    const result = scoreAccount(METHODOLOGY_V1, inputs({ profile: null, posts: [], manual: {}, backlink: null, sla: aggregateSla([], { minimumSample: 10 }), page }));
    expect(result.criteria.filter((c) => ['pass', 'partial', 'fail'].includes(c.status))).toEqual([]);
    expect(result.criteria.find((c) => c.code === 'POSTING_REGULARITY')).toMatchObject({ status: 'not_measured', reason: 'page_not_read', points: 0, maxPoints: 0 });
    expect(result.criteria.find((c) => c.code === 'PROFILE_PHONE')).toMatchObject({ status: 'not_measured', reason: 'page_not_read' });
    expect(result.criteria.find((c) => c.code === 'LITERACY_STYLE')).toMatchObject({ status: 'not_measured', reason: 'not_assessed' });
    expect(result.criteria.find((c) => c.code === 'WEBSITE_BACKLINK')).toMatchObject({ status: 'not_measured', reason: 'website_not_checked' });
    expect(result).toMatchObject({ status: 'not_enough_data', total: null, possible: 0, reason: 'page_not_read' });

    const missing = scoreAccount(METHODOLOGY_V1, inputs({ page: { ...page, availability: 'not_found' } }));
    expect(missing.criteria.find((c) => c.code === 'SLA_WITHIN_24H')).toMatchObject({ status: 'not_measured', reason: 'page_not_found' });
    expect(missing.reason).toBe('page_not_found');
  });

  it('measures the parts of a page that were read and only those', () => {
    const page = { availability: 'available' as const, profileRead: true, postsRead: true, commentsRead: false };
    const result = scoreAccount(METHODOLOGY_V1, inputs({ page }));
    expect(result.criteria.find((c) => c.code === 'POSTING_REGULARITY')!.status).toBe('pass');
    expect(result.criteria.find((c) => c.code === 'RESPONSE_RATE')).toMatchObject({ status: 'not_measured', reason: 'comments_not_read' });
    const noPosts = scoreAccount(METHODOLOGY_V1, inputs({ posts: [], page: { ...page, postsRead: false } }));
    expect(noPosts.criteria.find((c) => c.code === 'POSTING_REGULARITY')).toMatchObject({ status: 'not_measured', reason: 'posts_not_read' });
  });

  it('withholds the total when too little was measured', () => {
    const result = scoreAccount(METHODOLOGY_V1, inputs({ profile: null, posts: [], manual: {}, backlink: null, sla: aggregateSla([], { minimumSample: 10 }), peers: { erPostMedian: null, erViewMedian: null } }));
    expect(result.status).toBe('not_enough_data');
    expect(result.total).toBeNull();
  });

  it('fails missing profile fields with snapshot evidence', () => {
    const base = inputs();
    const result = scoreAccount(METHODOLOGY_V1, inputs({ profile: { ...base.profile!, email: ' ', hasCover: false } }));
    expect(result.criteria.find((c) => c.code === 'PROFILE_EMAIL')).toMatchObject({ status: 'fail', evidence: [{ kind: 'snapshot', id: 's1', field: 'email', value: ' ' }] });
    expect(result.criteria.find((c) => c.code === 'PROFILE_AVATAR_COVER')!.status).toBe('fail');
    expect(result.total).toBe(96);
  });

  it('lets an accepted dispute fix a verdict, with points and total by the same rules as scoring', () => {
    const base = inputs();
    const failed = scoreAccount(METHODOLOGY_V1, inputs({ profile: { ...base.profile!, email: ' ', hasCover: false } }));
    const fixed = applyOverrides(METHODOLOGY_V1, failed, new Map([['PROFILE_EMAIL', { status: 'pass' as const, disputeId: 7 }], ['PROFILE_AVATAR_COVER', { status: 'pass' as const, disputeId: null }]]));
    const passing = scoreAccount(METHODOLOGY_V1, base);
    expect({ total: fixed.total, earned: fixed.earned, possible: fixed.possible, coverage: fixed.coverage }).toEqual({ total: passing.total, earned: passing.earned, possible: passing.possible, coverage: passing.coverage });
    expect(fixed.criteria.find((c) => c.code === 'PROFILE_EMAIL')).toMatchObject({ status: 'pass', overridden: true, evidence: expect.arrayContaining([{ kind: 'manual', id: 'dispute-7', note: 'dispute_accepted' }]) });
    const email = METHODOLOGY_V1.criteria.find((c) => c.code === 'PROFILE_EMAIL')!;
    const dropped = applyOverrides(METHODOLOGY_V1, failed, new Map([['PROFILE_EMAIL', { status: 'not_applicable' as const, disputeId: 8 }]]));
    expect(dropped.possible).toBe(failed.possible - email.weight);
    expect(dropped.criteria.find((c) => c.code === 'PROFILE_EMAIL')).toMatchObject({ status: 'not_applicable', points: 0, maxPoints: 0, reason: 'monitor_judgement' });
    expect(applyOverrides(METHODOLOGY_V1, failed, new Map())).toBe(failed);
  });

  it('applies thresholds in both directions', () => {
    expect(statusFor(8, { direction: 'lower', pass: 8, partial: 24 })).toBe('pass');
    expect(statusFor(24, { direction: 'lower', pass: 8, partial: 24 })).toBe('partial');
    expect(statusFor(24.01, { direction: 'lower', pass: 8, partial: 24 })).toBe('fail');
  });
});
