export type Decision = 'question' | 'not_question' | 'answered_elsewhere';

/** What each decision tells the API: whether the comment needs an answer, its category, and the recorded reason. */
export function decisionInput(decision: Decision, reasons: { question: string; notQuestion: string; answeredElsewhere: string }, note: string) {
  const withNote = (text: string) => (note.trim() ? `${text}: ${note.trim()}` : text);
  switch (decision) {
    case 'question':
      return { needsAnswer: true, category: 'question' as const, reason: withNote(reasons.question) };
    case 'not_question':
      return { needsAnswer: false, category: 'other' as const, reason: withNote(reasons.notQuestion) };
    case 'answered_elsewhere':
      return { needsAnswer: false, category: 'question' as const, reason: withNote(reasons.answeredElsewhere) };
  }
}
