import type { CriterionDefinition, ProfileField } from '../methodology/types';
import type { CriterionReason } from './reasons';
import type { EvidenceRef, PostInput, ScoringInputs } from './types';
import { engagementRates } from './engagement';

/** A measurement before thresholds: a value (null = cannot be measured, with the reason) and its evidence. */
export interface Measurement {
  value: number | null;
  evidence: EvidenceRef[];
  reason?: CriterionReason;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MAX_QUESTION_EVIDENCE = 20;

const present = (value: string | null | undefined) => value !== null && value !== undefined && value.trim() !== '';
const none = (reason: CriterionReason, evidence: EvidenceRef[] = []): Measurement => ({ value: null, evidence, reason });

function profileField(inputs: ScoringInputs, field: ProfileField): Measurement {
  const profile = inputs.profile;
  if (!profile) return none('profile_not_read');
  if (field === 'avatarAndCover') {
    return {
      value: profile.hasAvatar && profile.hasCover ? 1 : 0,
      evidence: [
        { kind: 'snapshot', id: profile.id, field: 'hasAvatar', value: profile.hasAvatar },
        { kind: 'snapshot', id: profile.id, field: 'hasCover', value: profile.hasCover },
      ],
    };
  }
  const raw = profile[field];
  return { value: present(raw) ? 1 : 0, evidence: [{ kind: 'snapshot', id: profile.id, field, value: raw === null ? null : raw.slice(0, 200) }] };
}

function postsInPeriod(inputs: ScoringInputs): PostInput[] {
  const from = inputs.period.from.getTime();
  const to = inputs.period.to.getTime();
  return inputs.posts.filter((p) => p.publishedAt.getTime() >= from && p.publishedAt.getTime() < to).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** Value = number of the two conditions met: average posts per week, and no gap over the limit. */
function postingRegularity(inputs: ScoringInputs, postsPerWeek: number, maxGapDays: number): Measurement {
  const from = inputs.period.from.getTime();
  const end = Math.min(inputs.period.to.getTime(), inputs.evaluatedAt.getTime());
  if (end <= from) return none('period_not_started');
  const posts = postsInPeriod(inputs);
  const weeks = (end - from) / (7 * DAY);
  const perWeek = posts.length / weeks;
  let longest = { ms: 0, after: null as PostInput | null, before: null as PostInput | null };
  let previousAt = from;
  let previous: PostInput | null = null;
  for (const post of [...posts, null]) {
    const at = post ? post.publishedAt.getTime() : end;
    if (at - previousAt > longest.ms) longest = { ms: at - previousAt, after: previous, before: post };
    if (post) {
      previousAt = at;
      previous = post;
    }
  }
  const gapDays = longest.ms / DAY;
  const met = (perWeek >= postsPerWeek ? 1 : 0) + (gapDays <= maxGapDays ? 1 : 0);
  const evidence: EvidenceRef[] = [
    { kind: 'figure', field: 'posts', value: posts.length },
    { kind: 'figure', field: 'postsPerWeek', value: Math.round(perWeek * 100) / 100 },
    { kind: 'figure', field: 'longestGapDays', value: Math.round(gapDays * 10) / 10 },
  ];
  if (longest.after) evidence.push({ kind: 'post', id: longest.after.id, url: longest.after.url, note: 'gap_start' });
  if (longest.before) evidence.push({ kind: 'post', id: longest.before.id, url: longest.before.url, note: 'gap_end' });
  return { value: met, evidence };
}

/** Average ER over posts relative to the sector median (1 = at the median). */
function engagement(inputs: ScoringInputs, kind: 'post' | 'view'): Measurement {
  const median = kind === 'post' ? inputs.peers.erPostMedian : inputs.peers.erViewMedian;
  const rates = engagementRates(postsInPeriod(inputs), kind, inputs.profile?.followers ?? null);
  const name = kind === 'post' ? 'erPost' : 'erView';
  if (rates.length === 0) return none('no_posts', [{ kind: 'figure', field: `${name}Posts`, value: 0 }]);
  const average = rates.reduce((sum, r) => sum + r, 0) / rates.length;
  const evidence: EvidenceRef[] = [
    { kind: 'figure', field: name, value: Math.round(average * 1000) / 1000 },
    { kind: 'figure', field: `${name}SectorMedian`, value: median },
    { kind: 'figure', field: `${name}Posts`, value: rates.length },
  ];
  if (median === null || median <= 0) return none('no_peer_median', evidence);
  return { value: Math.round((average / median) * 1000) / 1000, evidence };
}

function questionEvidence(inputs: ScoringInputs, states: ReadonlySet<string>): EvidenceRef[] {
  return inputs.questions
    .filter((q) => states.has(q.state))
    .sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || (a.questionId < b.questionId ? -1 : 1))
    .slice(0, MAX_QUESTION_EVIDENCE)
    .map((q) => ({ kind: 'comment', id: q.questionId, url: q.url, note: q.state }));
}

function feedback(inputs: ScoringInputs, metric: 'response_rate' | 'share_within_sla' | 'median_first_response_hours'): Measurement {
  const sla = inputs.sla;
  const sample: EvidenceRef[] = [
    { kind: 'figure', field: 'questions', value: sla.questions },
    { kind: 'figure', field: 'minimumSample', value: sla.minimumSample },
  ];
  if (sla.status === 'not_enough_data') return none('small_sample', sample);
  const f = sla.figures;
  if (metric === 'response_rate') {
    return {
      value: round4(f.responseRate),
      evidence: [...sample, { kind: 'figure', field: 'answered', value: f.answered }, { kind: 'figure', field: 'decided', value: f.decided }, ...questionEvidence(inputs, new Set(['breached']))],
    };
  }
  if (metric === 'share_within_sla') {
    return {
      value: round4(f.shareWithinSla),
      evidence: [
        ...sample,
        { kind: 'figure', field: 'answeredInTime', value: f.answeredInTime },
        { kind: 'figure', field: 'decided', value: f.decided },
        ...questionEvidence(inputs, new Set(['breached', 'answered_late'])),
      ],
    };
  }
  if (f.medianFirstResponseMs === null) return none('no_answers', sample);
  return {
    value: Math.round((f.medianFirstResponseMs / HOUR) * 100) / 100,
    evidence: [...sample, { kind: 'figure', field: 'p90FirstResponseHours', value: f.p90FirstResponseMs === null ? null : Math.round((f.p90FirstResponseMs / HOUR) * 100) / 100 }],
  };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Measures one criterion from the inputs; pure and deterministic. */
export function measureCriterion(criterion: CriterionDefinition, inputs: ScoringInputs): Measurement {
  const evaluation = criterion.evaluation;
  if (evaluation.kind === 'manual') {
    const manual = inputs.manual[criterion.code];
    if (!manual || manual.score === null) return none('not_assessed');
    const score = Math.min(evaluation.scale.max, Math.max(evaluation.scale.min, manual.score));
    return { value: score, evidence: [{ kind: 'manual', id: manual.assessmentId, value: score, ...(manual.note ? { note: manual.note.slice(0, 500) } : {}) }] };
  }
  const p = evaluation.parameters;
  switch (evaluation.metric) {
    case 'profile_field':
      return profileField(inputs, String(p.field) as ProfileField);
    case 'website_backlink': {
      const check = inputs.backlink;
      if (!check) return none('website_not_checked');
      return { value: check.found ? 1 : 0, evidence: [{ kind: 'website', url: check.pageUrl, value: check.found, ...(check.matchedHref ? { note: check.matchedHref } : {}) }] };
    }
    case 'comments_open': {
      if (!inputs.profile) return none('profile_not_read');
      const open = inputs.profile.commentsOpen;
      if (open === null) return none('not_reported');
      return { value: open ? 1 : 0, evidence: [{ kind: 'snapshot', id: inputs.profile!.id, field: 'commentsOpen', value: open }] };
    }
    case 'posting_regularity':
      return postingRegularity(inputs, Number(p.postsPerWeek ?? 3), Number(p.maxGapDays ?? 7));
    case 'er_post_vs_peers':
      return engagement(inputs, 'post');
    case 'er_view_vs_peers':
      return engagement(inputs, 'view');
    case 'response_rate':
    case 'share_within_sla':
    case 'median_first_response_hours':
      return feedback(inputs, evaluation.metric);
  }
}
