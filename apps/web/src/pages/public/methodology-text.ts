import type { MethodologyCriterion } from '../../api/public';
import { formatNumber } from '../../format';
import type { Locale } from '../../i18n';

/** "≥ 3 (partly ≥ 1)" or "yes / no" for a criterion's thresholds, in the reader's language. */
export function thresholdText(criterion: MethodologyCriterion, locale: Locale, words: { yesNo: string; partly: string }): string {
  const { direction, pass, partial } = criterion.thresholds;
  if (direction === 'higher' && pass === 1 && partial === 1) return words.yesNo;
  const sign = direction === 'higher' ? '≥' : '≤';
  const main = `${sign} ${formatNumber(pass, locale, 2)}`;
  return pass === partial ? main : `${main} (${words.partly} ${sign} ${formatNumber(partial, locale, 2)})`;
}

export type Verdict = 'pass' | 'partial' | 'fail';

/** A criterion score 0–100: 100 is met, anything above 0 is partly met, 0 is not met. */
export function verdictOf(score: number): Verdict {
  if (score >= 100) return 'pass';
  return score > 0 ? 'partial' : 'fail';
}
