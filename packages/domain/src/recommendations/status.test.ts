import { describe, expect, it } from 'vitest';
import { canMoveRecommendation, RECOMMENDATION_TRANSITIONS, recommendationActions, recommendationMoveRefusal, RECOMMENDATION_STATUSES } from './status';

describe('recommendation loop', () => {
  it('lets the agency acknowledge a new or sent recommendation, and nothing after that', () => {
    expect(recommendationActions('new', 'agency')).toEqual(['acknowledged']);
    expect(recommendationActions('sent', 'agency')).toEqual(['acknowledged']);
    for (const status of ['acknowledged', 'resolved', 'not_resolved'] as const) expect(recommendationActions(status, 'agency')).toEqual([]);
  });

  it('lets a monitor only mark a new recommendation sent', () => {
    expect(canMoveRecommendation('new', 'sent', 'monitor')).toBe(true);
    expect(canMoveRecommendation('sent', 'acknowledged', 'monitor')).toBe(false);
  });

  it('offers only transitions the database accepts', () => {
    for (const from of RECOMMENDATION_STATUSES)
      for (const actor of ['agency', 'monitor'] as const) for (const to of recommendationActions(from, actor)) expect(RECOMMENDATION_TRANSITIONS[from]).toContain(to);
  });

  it('explains a refusal in Russian', () => {
    expect(recommendationMoveRefusal('new', 'acknowledged', 'agency')).toBeNull();
    expect(recommendationMoveRefusal('resolved', 'acknowledged', 'agency')).toBe('Рекомендацию в статусе «Выполнена» нельзя перевести в «Принята к сведению»');
    expect(recommendationMoveRefusal('acknowledged', 'acknowledged', 'agency')).toBe('Рекомендация уже в статусе «Принята к сведению»');
  });
});
