import { localDayStart, slaDeadline } from '../sla/clock';
import type { SlaPolicy } from '../sla/policy';
import type { AlertChannel, AlertKind, QuietHours } from './rules';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How far back a missed alert is still worth sending, so a first start over a month of data floods no one with stale alerts. */
export const ALERT_CATCH_UP_MS = 6 * HOUR;
/** How often the sweep plans and sends alerts: deadlines are hours long, so a minute's delay is noise and keeps the load flat. */
export const ALERT_SWEEP_EVERY_MS = MINUTE;
/** A send claimed longer ago than this belongs to a sender that died mid-send. */
export const ALERT_SEND_LEASE_MS = 5 * MINUTE;

/** An open question as the alert rules see it. */
export interface AlertQuestion {
  questionId: number;
  organizationId: number;
  askedAt: number;
}

/** An alert a rule made due at `dueAt` about `subject` (the same subject never alerts twice per rule and recipient). */
export interface DueAlert {
  kind: AlertKind;
  subject: string;
  dueAt: number;
}

export interface QuestionRules {
  warning: { enabled: boolean; afterHours: number };
  breach: { enabled: boolean };
}

/**
 * The warning instant: `afterHours` of the policy's own clock after the question (so under a
 * working-hours methodology nights and weekends do not count), never after the deadline.
 */
export function warningAt(policy: SlaPolicy, askedAt: number, afterHours: number): number {
  const deadline = slaDeadline(policy, askedAt);
  return Math.min(deadline, slaDeadline({ ...policy, durationMinutes: Math.round(afterHours * 60) }, askedAt));
}

/**
 * Which question alerts are due at `now` for still-open questions. A warning is only useful before
 * the deadline; a breach only shortly after it. Both look back at most `catchUpMs`, so a first start
 * over a month of data does not flood anyone with stale alerts.
 */
export function dueQuestionAlerts(policy: SlaPolicy, rules: QuestionRules, question: AlertQuestion, now: number, catchUpMs = ALERT_CATCH_UP_MS): DueAlert[] {
  const due: DueAlert[] = [];
  const deadline = slaDeadline(policy, question.askedAt);
  const subject = `q${question.questionId}`;
  if (rules.warning.enabled) {
    const at = warningAt(policy, question.askedAt, rules.warning.afterHours);
    if (at <= now && now < deadline && now - at <= catchUpMs) due.push({ kind: 'deadline_warning', subject, dueAt: at });
  }
  if (rules.breach.enabled && deadline <= now && now - deadline <= catchUpMs) due.push({ kind: 'deadline_breach', subject, dueAt: deadline });
  return due;
}

/**
 * The morning digest due at `now`: today's local `hour` has passed (and at most `catchUpMs` ago).
 * Its subject is the local date, so a day has one digest.
 */
export function dueDigest(policy: SlaPolicy, hour: number, now: number, catchUpMs = ALERT_CATCH_UP_MS): DueAlert | null {
  const dayStart = localDayStart(now, policy.utcOffsetMinutes);
  const at = dayStart + hour * HOUR;
  if (at > now || now - at > catchUpMs) return null;
  const date = new Date(dayStart + policy.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
  return { kind: 'morning_digest', subject: `d${date}`, dueAt: at };
}

/**
 * When an alert may go out on a channel: quiet hours hold e-mail and Telegram until they end
 * (the in-app list is silent anyway, so it shows the alert at once).
 */
export function deliverAfter(dueAt: number, channel: AlertChannel, quiet: QuietHours | null, utcOffsetMinutes: number): number {
  if (!quiet || channel === 'in_app') return dueAt;
  const dayStart = localDayStart(dueAt, utcOffsetMinutes);
  const minute = Math.floor((dueAt - dayStart) / MINUTE);
  const wraps = quiet.startMinute > quiet.endMinute;
  const inside = wraps ? minute >= quiet.startMinute || minute < quiet.endMinute : minute >= quiet.startMinute && minute < quiet.endMinute;
  if (!inside) return dueAt;
  const endToday = dayStart + quiet.endMinute * MINUTE;
  return endToday > dueAt ? endToday : endToday + DAY;
}

/** The idempotency key of one alert: a rule, its subject, one recipient, one channel. */
export const alertKey = (alert: { kind: AlertKind; subject: string }, userId: number, channel: AlertChannel) => `${alert.kind}:${alert.subject}:u${userId}:${channel}`;

/** Retry delay after `attempts` failed sends: 1, 2, 4 … minutes, at most an hour. */
export const alertRetryDelayMs = (attempts: number) => Math.min(HOUR, MINUTE * 2 ** Math.max(0, attempts - 1));
