import type { PageReadState } from '../criteria/reasons';
import { applicableNetworks } from '../methodology/network-limits';
import type { Methodology } from '../methodology/types';
import type { Network } from '@most/shared';

/**
 * What the SLA watch may say about an organization, decided only from what was read: a page whose
 * comments were never read proves nothing, so "all answered" needs questions that were seen and
 * answered, and "no questions" needs at least one page whose comments were read.
 */
export const SLA_WATCH_STATES = ['no_pages', 'not_measured', 'not_read', 'no_questions', 'open', 'all_answered'] as const;
export type SlaWatchState = (typeof SLA_WATCH_STATES)[number];

/**
 * A page's reading for the watch window: its network's comments are not measured by the
 * methodology (Telegram channels show none), never read, posts read but some comments not yet, or read.
 */
export const PAGE_READ_STATES = ['not_measured', 'not_read', 'comments_pending', 'read'] as const;
export type SlaPageReading = (typeof PAGE_READ_STATES)[number];

export interface SlaWatchFacts {
  pages: readonly { read: SlaPageReading }[];
  /** Questions asked in the window on the organization's pages (excluded and joined ones left out). */
  questions: number;
  /** Of them, still without a page reply. */
  open: number;
}

export function slaWatchState(facts: SlaWatchFacts): SlaWatchState {
  if (facts.pages.length === 0) return 'no_pages';
  if (facts.open > 0) return 'open';
  if (facts.pages.every((p) => p.read === 'not_measured')) return 'not_measured';
  if (facts.questions === 0) return facts.pages.some((p) => p.read === 'read') ? 'no_questions' : 'not_read';
  return 'all_answered';
}

/** Does the methodology measure response times on this network (its 24-hour criterion applies there)? */
export function measuresResponsesOn(methodology: Methodology, network: string): boolean {
  return methodology.criteria.some((c) => c.evaluation.kind === 'automatic' && c.evaluation.metric === 'share_within_sla' && applicableNetworks(c).includes(network as Network));
}

/**
 * The watch's reading of a page, from the one definition of what was read (`PageReadState`, as scoring
 * uses it): posts never read → not read; some comments of the window's posts still to read → pending.
 */
export function slaPageReading(page: PageReadState, responsesMeasured: boolean, commentsPending: boolean): SlaPageReading {
  if (!responsesMeasured) return 'not_measured';
  if (!page.postsRead) return 'not_read';
  return commentsPending ? 'comments_pending' : 'read';
}
