import { AppError } from '@most/shared';
import { canTransition, ENROLMENT_STATE_LABELS, REASON_REQUIRED, type EnrolmentState } from './enrolment-rules';

export * from './enrolment-rules';

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
