import { AppError } from '@most/shared';

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

export interface EnrolmentSnapshot {
  state: EnrolmentState;
  /** When the current state was entered. */
  stateSince: Date;
}

export interface TransitionRequest {
  to: EnrolmentState;
  at: Date;
  reason?: string | null;
}

export interface TransitionResult {
  from: EnrolmentState;
  to: EnrolmentState;
  at: Date;
  reason: string | null;
}

const MAX_REASON = 2000;

/** Validates one state change; throws AppError('CONFLICT'|'BAD_REQUEST') with a Russian message. */
export function applyTransition(current: EnrolmentSnapshot, request: TransitionRequest): TransitionResult {
  const { state: from } = current;
  const { to, at } = request;
  if (!canTransition(from, to)) {
    throw new AppError('CONFLICT', `Переход «${ENROLMENT_STATE_LABELS[from]}» → «${ENROLMENT_STATE_LABELS[to]}» не допускается`, {
      details: { from, to },
    });
  }
  if (Number.isNaN(at.getTime())) throw new AppError('BAD_REQUEST', 'Неверная дата перехода');
  if (at.getTime() < current.stateSince.getTime()) {
    throw new AppError('BAD_REQUEST', 'Дата перехода раньше даты текущего состояния', { details: { from, to } });
  }
  const reason = request.reason?.trim() || null;
  if (REASON_REQUIRED.has(to) && !reason) {
    throw new AppError('BAD_REQUEST', `Для перехода в состояние «${ENROLMENT_STATE_LABELS[to]}» нужна причина`);
  }
  if (reason && reason.length > MAX_REASON) throw new AppError('BAD_REQUEST', `Причина длиннее ${MAX_REASON} символов`);
  return { from, to, at, reason };
}
