import { NETWORKS, type Network } from '@most/shared';
import type { CriterionReason } from '../criteria/reasons';
import type { ScoringInputs } from '../criteria/types';
import type { CriterionDefinition } from './types';

/**
 * What a network's public page cannot show, and the reason a criterion needing it is "not applicable"
 * there (never "failed"). A fact about the network, not a methodology choice: it holds for every
 * methodology version. A new network states its limits here.
 */
export const PAGE_FEATURES = ['comments', 'reactions', 'workingHours', 'postalAddress', 'cover'] as const;
export type PageFeature = (typeof PAGE_FEATURES)[number];

export const NETWORK_LIMITS: Record<Network, Partial<Record<PageFeature, CriterionReason>>> = {
  vk: {},
  ok: {},
  // The t.me/s/ preview shows a channel's title, description, links, avatar and posts with views only:
  // comments live in a linked discussion group, and a channel has no reactions, contact fields or cover.
  telegram: {
    comments: 'network_has_no_comments',
    reactions: 'network_has_no_reactions',
    workingHours: 'network_has_no_field',
    postalAddress: 'network_has_no_field',
    cover: 'network_has_no_field',
  },
};

/** What of a page an automatic criterion reads beside its posts and profile text. */
export function featuresNeeded(criterion: CriterionDefinition): PageFeature[] {
  const evaluation = criterion.evaluation;
  if (evaluation.kind === 'manual') return [];
  switch (evaluation.metric) {
    case 'comments_open':
    case 'response_rate':
    case 'share_within_sla':
    case 'median_first_response_hours':
      return ['comments'];
    case 'er_post_vs_peers':
    case 'er_view_vs_peers':
      return ['reactions'];
    case 'profile_field': {
      const field = String(evaluation.parameters.field);
      if (field === 'workingHours' || field === 'postalAddress') return [field];
      return field === 'avatarAndCover' ? ['cover'] : [];
    }
    default:
      return [];
  }
}

/** Why the criterion does not apply to the account (the network's limit first, then the methodology's scope), or null. */
export function notApplicableReason(criterion: CriterionDefinition, account: ScoringInputs['account']): CriterionReason | null {
  const limits = NETWORK_LIMITS[account.network];
  for (const feature of featuresNeeded(criterion)) {
    const reason = limits[feature];
    if (reason) return reason;
  }
  const a = criterion.applicability;
  const inScope =
    (a.networks.length === 0 || a.networks.includes(account.network)) &&
    (a.organizationKinds.length === 0 || a.organizationKinds.includes(account.organizationKind)) &&
    (a.sectors.length === 0 || a.sectors.includes(account.sector));
  return inScope ? null : 'criterion_scope';
}

/** Per network the methodology lists (empty = all) that cannot show what the criterion reads, the reason. */
export function networkLimitReasons(criterion: CriterionDefinition): { network: Network; reason: CriterionReason }[] {
  const listed = criterion.applicability.networks.length === 0 ? NETWORKS : criterion.applicability.networks;
  return listed.flatMap((network) => {
    const reason = featuresNeeded(criterion).map((feature) => NETWORK_LIMITS[network][feature]).find((r) => r !== undefined);
    return reason ? [{ network, reason }] : [];
  });
}

/** The networks a criterion is scored on: its methodology's list less the networks that cannot show what it reads. */
export function applicableNetworks(criterion: CriterionDefinition): Network[] {
  const limited = new Set(networkLimitReasons(criterion).map((limit) => limit.network));
  return (criterion.applicability.networks.length === 0 ? NETWORKS : criterion.applicability.networks).filter((network) => !limited.has(network));
}
