import type { CriterionDefinition, Methodology, Thresholds } from '../methodology/types';
import { notApplicableReason } from '../methodology/network-limits';
import { measureCriterion } from './measure';
import { NOT_MEASURED_REASONS, PAGE_READ, pageNotMeasuredReason, type CriterionReason, type PageReadState } from './reasons';
import type { CriterionScore, CriterionStatus, ScoreResult, ScoringInputs } from './types';

export function isApplicable(criterion: CriterionDefinition, account: ScoringInputs['account']): boolean {
  return notApplicableReason(criterion, account) === null;
}

export function statusFor(value: number, thresholds: Thresholds): 'pass' | 'partial' | 'fail' {
  if (thresholds.direction === 'higher') {
    if (value >= thresholds.pass) return 'pass';
    return value >= thresholds.partial ? 'partial' : 'fail';
  }
  if (value <= thresholds.pass) return 'pass';
  return value <= thresholds.partial ? 'partial' : 'fail';
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The reason a criterion cannot be measured because the page (or the part it needs) was never read. */
function unreadReason(criterion: CriterionDefinition, page: PageReadState): CriterionReason | null {
  if (criterion.evaluation.kind === 'manual') return null;
  const metric = criterion.evaluation.metric;
  // The website check reads the organization's site, not the page.
  if (metric === 'website_backlink') return null;
  const whole = pageNotMeasuredReason(page);
  if (whole) return whole;
  switch (metric) {
    case 'profile_field':
    case 'comments_open':
      return page.profileRead ? null : 'profile_not_read';
    case 'posting_regularity':
    case 'er_post_vs_peers':
    case 'er_view_vs_peers':
      return page.postsRead ? null : 'posts_not_read';
    case 'response_rate':
    case 'share_within_sla':
    case 'median_first_response_hours':
      return page.commentsRead ? null : 'comments_not_read';
  }
}

/**
 * Scores one account (or organization) for one period under a methodology. Criteria that do
 * not apply or cannot be measured leave the denominator; the total is 0–100 over the rest and
 * is withheld when less than `minimumCoverage` of the applicable weight was measured.
 */
export function scoreAccount(methodology: Methodology, inputs: ScoringInputs): ScoreResult {
  const criteria: CriterionScore[] = [];
  const page = inputs.page ?? PAGE_READ;
  for (const criterion of methodology.criteria) {
    const base = { code: criterion.code, group: criterion.group, weight: criterion.weight };
    const outOfScope = notApplicableReason(criterion, inputs.account);
    if (outOfScope) {
      criteria.push({ ...base, status: 'not_applicable', value: null, points: 0, maxPoints: 0, evidence: [], reason: outOfScope });
      continue;
    }
    const manual = criterion.evaluation.kind === 'manual' ? inputs.manual[criterion.code] : undefined;
    if (manual && manual.score === null) {
      // A monitor's judgement that the criterion does not apply to this page, with the reason as evidence.
      const evidence = [{ kind: 'manual' as const, id: manual.assessmentId, value: null, ...(manual.note ? { note: manual.note.slice(0, 500) } : {}) }];
      criteria.push({ ...base, status: 'not_applicable', value: null, points: 0, maxPoints: 0, evidence, reason: 'monitor_judgement' });
      continue;
    }
    // Never a verdict from data that was never read: no zero posts for a page nobody opened.
    const unread = unreadReason(criterion, page);
    if (unread) {
      criteria.push({ ...base, status: 'not_measured', value: null, points: 0, maxPoints: 0, evidence: [], reason: unread });
      continue;
    }
    const { value, evidence, reason } = measureCriterion(criterion, inputs);
    if (value === null) {
      const status = reason && NOT_MEASURED_REASONS.has(reason) ? 'not_measured' : 'not_enough_data';
      criteria.push({ ...base, status, value: null, points: 0, maxPoints: 0, evidence, reason: reason ?? null });
      continue;
    }
    const status: CriterionStatus = statusFor(value, criterion.thresholds);
    criteria.push({ ...base, status, value, points: pointsFor(status, criterion.weight, methodology.partialShare), maxPoints: criterion.weight, evidence });
  }
  return summarise(methodology, criteria, pageNotMeasuredReason(page));
}

/** Points a verdict earns: the weight for a pass, its partial share for a partial, else nothing (two decimals). */
export function pointsFor(status: CriterionStatus, weight: number, partialShare: number): number {
  const points = status === 'pass' ? weight : status === 'partial' ? weight * partialShare : 0;
  return Math.round(points * 100) / 100;
}

/**
 * The total over criterion verdicts: earned / possible over the evaluated weight; withheld when
 * less than `minimumCoverage` of the applicable weight (all but not_applicable) was evaluated.
 */
function summarise(methodology: Methodology, criteria: CriterionScore[], reasonWhenWithheld: CriterionReason | null | undefined): ScoreResult {
  let earned = 0;
  let possible = 0;
  let applicableWeight = 0;
  for (const c of criteria) {
    if (c.status !== 'not_applicable') applicableWeight += c.weight;
    earned += c.points;
    possible += c.maxPoints;
  }
  const coverage = applicableWeight === 0 ? 0 : possible / applicableWeight;
  const enough = possible > 0 && coverage >= methodology.minimumCoverage;
  return {
    methodologyVersion: methodology.version,
    status: enough ? 'ok' : 'not_enough_data',
    total: enough ? round1((earned / possible) * 100) : null,
    earned: Math.round(earned * 1000) / 1000,
    possible,
    coverage: Math.round(coverage * 1000) / 1000,
    criteria,
    reason: enough ? null : (reasonWhenWithheld ?? null),
  };
}

/** A verdict fixed by an accepted dispute (DOMAIN: disputes). */
export interface CriterionOverride {
  status: 'pass' | 'partial' | 'fail' | 'not_applicable';
  disputeId: number | null;
}

/** Accepted disputes fix a criterion's status; its points and the total follow by the same rules as scoring. */
export function applyOverrides(methodology: Methodology, result: ScoreResult, overrides?: ReadonlyMap<string, CriterionOverride>): ScoreResult {
  if (!overrides || overrides.size === 0) return result;
  const criteria = result.criteria.map((c): CriterionScore => {
    const override = overrides.get(c.code);
    if (!override) return c;
    const dispute = { kind: 'manual' as const, id: override.disputeId === null ? undefined : `dispute-${override.disputeId}`, note: 'dispute_accepted' };
    return {
      ...c,
      status: override.status,
      points: pointsFor(override.status, c.weight, methodology.partialShare),
      maxPoints: override.status === 'not_applicable' ? 0 : c.weight,
      evidence: [...c.evidence, dispute],
      overridden: true,
      reason: override.status === 'not_applicable' ? 'monitor_judgement' : null,
    };
  });
  return summarise(methodology, criteria, result.reason);
}
