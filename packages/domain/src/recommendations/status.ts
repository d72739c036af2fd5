/**
 * The recommendation loop: new → sent (a bulletin carried it) → acknowledged (the agency read it)
 * → re-measured by the next period's score → resolved / not_resolved. An agency may acknowledge a
 * recommendation it sees on its dashboard before any bulletin carried it. A recommendation resting on
 * data that was never read (the page, or the part of it the criterion needs) is withdrawn.
 */
export const RECOMMENDATION_STATUSES = ['new', 'sent', 'acknowledged', 'resolved', 'not_resolved', 'withdrawn'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** Who moves a recommendation by hand; re-measurement moves it to resolved / not_resolved. */
export type RecommendationActor = 'monitor' | 'agency';

const MANUAL: Record<RecommendationActor, Partial<Record<RecommendationStatus, readonly RecommendationStatus[]>>> = {
  monitor: { new: ['sent'] },
  agency: { new: ['acknowledged'], sent: ['acknowledged'] },
};

/** Every transition the database accepts (manual ones and re-measurement's). Mirrored by migration 0017's trigger. */
export const RECOMMENDATION_TRANSITIONS: Readonly<Record<RecommendationStatus, readonly RecommendationStatus[]>> = {
  new: ['sent', 'acknowledged', 'resolved', 'withdrawn'],
  sent: ['acknowledged', 'resolved', 'not_resolved', 'withdrawn'],
  acknowledged: ['resolved', 'not_resolved', 'withdrawn'],
  resolved: [],
  not_resolved: [],
  withdrawn: [],
};

export const RECOMMENDATION_STATUS_RU: Readonly<Record<RecommendationStatus, string>> = {
  new: 'Новая',
  sent: 'Отправлена',
  acknowledged: 'Принята к сведению',
  resolved: 'Выполнена',
  not_resolved: 'Не выполнена',
  withdrawn: 'Отозвана: данные страницы не читались',
};

/** The statuses this actor may move a recommendation to from `status` (empty: nothing to offer). */
export function recommendationActions(status: RecommendationStatus, actor: RecommendationActor): readonly RecommendationStatus[] {
  return MANUAL[actor][status] ?? [];
}

export function canMoveRecommendation(from: RecommendationStatus, to: RecommendationStatus, actor: RecommendationActor): boolean {
  return recommendationActions(from, actor).includes(to);
}

/** Why a manual move is refused, in Russian, or null when it is allowed. */
export function recommendationMoveRefusal(from: RecommendationStatus, to: RecommendationStatus, actor: RecommendationActor): string | null {
  if (canMoveRecommendation(from, to, actor)) return null;
  if (from === to) return `Рекомендация уже в статусе «${RECOMMENDATION_STATUS_RU[from]}»`;
  return `Рекомендацию в статусе «${RECOMMENDATION_STATUS_RU[from]}» нельзя перевести в «${RECOMMENDATION_STATUS_RU[to]}»`;
}
