/** How a criterion's 0–100 score reads: met, partly met or not met. */
export type ScoreVerdict = 'pass' | 'partial' | 'fail';

/** A criterion score 0–100 (an organization's, over its pages): 100 is met, anything above 0 is partly met, 0 is not met. */
export function verdictOfScore(score: number): ScoreVerdict {
  if (score >= 100) return 'pass';
  return score > 0 ? 'partial' : 'fail';
}
