import type { EnrolmentState } from './enrolment-state';

/**
 * Enrolment lifecycle (Moodle-like): a trainee enrolled in a cohort starts studying on the
 * cohort's first day without anyone touching the record. Enrolment into a cohort that is
 * already running starts it at once; the hourly training job starts the rest on the day.
 */
export function startsOnEnrolment(cohort: { startsOn: string; endsOn: string }, today: string): boolean {
  return cohort.startsOn <= today && today <= cohort.endsOn;
}

export type CourseworkClosedReason = 'awaiting_enrolment' | 'not_started' | 'cohort_ended' | 'suspended' | 'finished';

export type CourseworkAccess = { open: true; reason: null } | { open: false; reason: CourseworkClosedReason };

/**
 * Whether a trainee may submit answers and mark lessons now. One rule for the server that
 * refuses and for the page that decides whether to offer the form. An enrolled trainee of a
 * running cohort is open: the first action starts the enrolment.
 */
export function courseworkAccess(state: EnrolmentState, cohort: { startsOn: string; endsOn: string }, today: string): CourseworkAccess {
  switch (state) {
    case 'active':
      return { open: true, reason: null };
    case 'enrolled':
      if (today < cohort.startsOn) return { open: false, reason: 'not_started' };
      if (today > cohort.endsOn) return { open: false, reason: 'cohort_ended' };
      return { open: true, reason: null };
    case 'applied':
      return { open: false, reason: 'awaiting_enrolment' };
    case 'suspended':
      return { open: false, reason: 'suspended' };
    case 'completed':
    case 'failed':
    case 'withdrawn':
      return { open: false, reason: 'finished' };
  }
}

/** What the trainee reads when the form is not offered (and what the server answers). */
export const COURSEWORK_CLOSED_MESSAGES: Record<CourseworkClosedReason, string> = {
  awaiting_enrolment: 'Заявка ещё не рассмотрена: задания откроются после зачисления, когда начнётся обучение.',
  not_started: 'Обучение ещё не началось: задания откроются в первый день потока.',
  cohort_ended: 'Поток закончился: сдавать задания больше нельзя. Если это ошибка, напишите организаторам обучения.',
  suspended: 'Обучение приостановлено: сдавать задания нельзя, пока организаторы его не возобновят.',
  finished: 'Обучение по этому потоку закончено: сдача заданий закрыта.',
};

/** A calendar date in the region (Europe/Saratov) as YYYY-MM-DD. */
export function regionDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Saratov', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Days between two YYYY-MM-DD dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new assignment is due a week after the cohort starts unless the author says otherwise. */
export const DEFAULT_DUE_DAY = 7;

/**
 * Assignment deadlines are days after the cohort start (one course, many cohorts). Returns a
 * Russian problem for each assignment whose deadline falls after the cohort's last day.
 */
export function deadlineProblems(cohort: { startsOn: string; endsOn: string }, assignments: { title: string; dueDay: number }[]): string[] {
  const length = daysBetween(cohort.startsOn, cohort.endsOn);
  return assignments
    .filter((a) => a.dueDay > length)
    .map(
      (a) =>
        `Срок задания «${a.title}» (${a.dueDay}-й день от начала, ${ruDay(addDays(cohort.startsOn, a.dueDay))}) позже окончания потока (${ruDay(cohort.endsOn)}): продлите поток или сократите срок задания`,
    );
}

const ruDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
