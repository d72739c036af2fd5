export type Verdict = 'pass' | 'partial' | 'fail';

/** A criterion score 0–100: 100 is met, anything above 0 is partly met, 0 is not met. */
export function verdictOf(score: number): Verdict {
  if (score >= 100) return 'pass';
  return score > 0 ? 'partial' : 'fail';
}
