/** Enrolment states and the moves between them: plain data, safe in the browser (`@most/domain/browser`). */
export const ENROLMENT_STATES = ['applied', 'enrolled', 'active', 'completed', 'failed', 'withdrawn', 'suspended'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

/**
 * Allowed transitions. Completed, failed and withdrawn are final; a suspended trainee
 * may come back (suspended → active) or leave.
 */
export const ENROLMENT_TRANSITIONS: Record<EnrolmentState, readonly EnrolmentState[]> = {
  applied: ['enrolled', 'withdrawn'],
  enrolled: ['active', 'withdrawn', 'suspended'],
  active: ['completed', 'failed', 'withdrawn', 'suspended'],
  suspended: ['active', 'withdrawn'],
  completed: [],
  failed: [],
  withdrawn: [],
};

/** Moves that must say why (shown to the trainee and kept in the audit log). */
export const REASON_REQUIRED: ReadonlySet<EnrolmentState> = new Set(['failed', 'withdrawn', 'suspended']);

export const ENROLMENT_STATE_LABELS: Record<EnrolmentState, string> = {
  applied: 'Заявка подана',
  enrolled: 'Зачислен',
  active: 'Обучается',
  completed: 'Завершил обучение',
  failed: 'Не завершил обучение',
  withdrawn: 'Отчислен / отозвал заявку',
  suspended: 'Обучение приостановлено',
};

export const isFinalState = (state: EnrolmentState) => ENROLMENT_TRANSITIONS[state].length === 0;
export const canTransition = (from: EnrolmentState, to: EnrolmentState) => ENROLMENT_TRANSITIONS[from].includes(to);
