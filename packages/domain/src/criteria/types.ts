import type { Network, OrganizationKind, Sector } from '@most/shared';
import type { SlaAggregate } from '../sla/aggregate';
import type { SlaState } from '../sla/evaluate';
import type { CriterionGroup } from '../methodology/types';
import type { CriterionReason, PageReadState } from './reasons';

/** A pointer to what a finding rests on. Never carries a citizen's identity. */
export interface EvidenceRef {
  kind: 'post' | 'comment' | 'snapshot' | 'website' | 'manual' | 'figure';
  /** Post/comment/snapshot/assessment id. */
  id?: string;
  url?: string | null;
  field?: string;
  value?: string | number | boolean | null;
  note?: string;
}

export interface ProfileSnapshotInput {
  id: string;
  takenAt: Date;
  description: string | null;
  website: string | null;
  phone: string | null;
  email: string | null;
  workingHours: string | null;
  postalAddress: string | null;
  headAccountUrl: string | null;
  hasAvatar: boolean;
  hasCover: boolean;
  /** null when the network does not say. */
  commentsOpen: boolean | null;
  followers: number | null;
}

export interface PostInput {
  id: string;
  url: string | null;
  publishedAt: Date;
  likes: number;
  reposts: number;
  comments: number;
  views: number | null;
}

/** A question's SLA outcome as evidence: the comment and its post, never its author. */
export interface QuestionEvidence {
  questionId: string;
  url: string | null;
  state: SlaState;
  firstResponseMs: number | null;
  askedAt: Date;
}

export interface ManualScore {
  assessmentId: string;
  /** null: the monitor judged that the criterion does not apply to this page (the note says why). */
  score: number | null;
  note?: string | null;
}

export interface BacklinkCheck {
  checkedAt: Date;
  pageUrl: string;
  found: boolean;
  matchedHref: string | null;
}

export interface ScoringInputs {
  account: { network: Network; organizationKind: OrganizationKind; sector: Sector };
  period: { from: Date; to: Date };
  /** The evaluation instant; gaps in posting are measured up to min(period end, this). */
  evaluatedAt: Date;
  profile: ProfileSnapshotInput | null;
  posts: readonly PostInput[];
  sla: SlaAggregate;
  /** Late and breached questions for evidence (others may be omitted). */
  questions: readonly QuestionEvidence[];
  /** Median ERpost / ERview (in %) of the same sector's pages for the period. */
  peers: { erPostMedian: number | null; erViewMedian: number | null };
  manual: Readonly<Record<string, ManualScore>>;
  backlink: BacklinkCheck | null;
  /** Which parts of the page were ever read; absent = everything was read. */
  page?: PageReadState;
}

/**
 * pass / partial / fail: a verdict from measured data. not_measured: the data was never read (or a
 * manual criterion was never scored); not_applicable: the criterion does not concern the page;
 * not_enough_data: read, but too little to judge. The last three carry a reason code.
 */
export const CRITERION_STATUSES = ['pass', 'partial', 'fail', 'not_applicable', 'not_enough_data', 'not_measured'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export interface CriterionScore {
  code: string;
  group: CriterionGroup;
  weight: number;
  status: CriterionStatus;
  /** The measured value (see the criterion's description for its unit). */
  value: number | null;
  points: number;
  /** Weight counted in the denominator: the weight when evaluated, 0 otherwise. */
  maxPoints: number;
  evidence: EvidenceRef[];
  /** Why there is no verdict (set for not_measured, not_applicable and not_enough_data). */
  reason?: CriterionReason | null;
  /** Set when an accepted dispute fixed the status. */
  overridden?: boolean;
}

export interface ScoreResult {
  methodologyVersion: number;
  status: 'ok' | 'not_enough_data';
  /** 0–100, one decimal, normalised over evaluated criteria; null when coverage is too low. */
  total: number | null;
  earned: number;
  possible: number;
  /** Evaluated weight / applicable weight. */
  coverage: number;
  criteria: CriterionScore[];
  /** Set when the page as a whole could not be measured (never read, not found…). */
  reason?: CriterionReason | null;
}
