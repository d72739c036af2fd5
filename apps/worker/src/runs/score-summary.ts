/** The one line a finished scoring run leaves in the log. */
export interface ScoreRunSummary {
  periods: string[];
  periodKind: string;
  accounts: number;
  organizations: number;
  questions: number;
  durationMs: number;
}

export function buildScoreRunSummary(
  result: { periodKind: string; periods: string[]; accounts: number; organizations: number; questions: number },
  startedAt: Date,
  finishedAt: Date,
): ScoreRunSummary {
  return { ...result, durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()) };
}
