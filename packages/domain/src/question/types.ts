export const COMMENT_CATEGORIES = ['question', 'request', 'complaint', 'gratitude', 'opinion', 'greeting', 'spam', 'other'] as const;
export type CommentCategory = (typeof COMMENT_CATEGORIES)[number];

/** Categories that oblige the page to answer. */
export const NEEDS_ANSWER_CATEGORIES: ReadonlySet<CommentCategory> = new Set(['question', 'request', 'complaint']);

export interface CommentClassification {
  needsAnswer: boolean;
  category: CommentCategory;
  /** 0..1, how sure the rules are; low values are good candidates for the monitors' review queue. */
  confidence: number;
  /** Machine-readable reason codes, e.g. "question_mark", "request:прошу", "rhetorical". */
  reasons: string[];
}
