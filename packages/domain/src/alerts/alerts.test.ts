import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, slaPolicy } from '../sla/policy';
import { alertKindsFor, alertRuleProblem, DEFAULT_ALERT_RULES } from './rules';
import { alertKey, alertRetryDelayMs, deliverAfter, dueDigest, dueQuestionAlerts, warningAt } from './schedule';
import { digestMessage, durationRu, localDateTimeRu, questionAlertMessage, timeLeftRu } from './message';

const H = 3_600_000;
const M = 60_000;
/** 2026-12-07 is a Monday; 10:00 Saratov = 06:00 UTC. */
const MONDAY_10_SARATOV = Date.UTC(2026, 11, 7, 6, 0);
const rules = { warning: { enabled: true, afterHours: 18 }, breach: { enabled: true } };
const question = { questionId: 7, organizationId: 1, askedAt: MONDAY_10_SARATOV };

describe('question alerts due at time T', () => {
  it('warns 18 hours after the question, while 6 hours are left, and only then', () => {
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 18 * H - 1)).toEqual([]);
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 18 * H)).toEqual([{ kind: 'deadline_warning', subject: 'q7', dueAt: question.askedAt + 18 * H }]);
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 23 * H).map((a) => a.kind)).toEqual(['deadline_warning']);
  });

  it('gives the breach at the deadline and no warning once the deadline passed', () => {
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 24 * H)).toEqual([{ kind: 'deadline_breach', subject: 'q7', dueAt: question.askedAt + 24 * H }]);
  });

  it('does not look back further than the catch-up window (no flood of stale alerts on a first start)', () => {
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 24 * H + 7 * H)).toEqual([]);
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, rules, question, question.askedAt + 24 * H + 7 * H, 8 * H)).toHaveLength(1);
  });

  it('respects disabled rules', () => {
    const off = { warning: { enabled: false, afterHours: 18 }, breach: { enabled: false } };
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, off, question, question.askedAt + 18 * H)).toEqual([]);
    expect(dueQuestionAlerts(DEFAULT_SLA_POLICY, off, question, question.askedAt + 24 * H)).toEqual([]);
  });

  it('counts working hours when the methodology uses them: nights do not bring the warning closer', () => {
    const working = slaPolicy({ clock: 'working_hours', durationMinutes: 9 * 60 });
    // Asked Monday 10:00; 6 working hours later is Monday 16:00; the 9-hour deadline is Tuesday 10:00.
    expect(warningAt(working, question.askedAt, 6)).toBe(question.askedAt + 6 * H);
    // 8 working hours: Monday 10–18 is 8 hours → Monday 18:00.
    expect(warningAt(working, question.askedAt, 8)).toBe(question.askedAt + 8 * H);
    // Never after the deadline even with a threshold longer than the policy.
    expect(warningAt(working, question.askedAt, 18)).toBe(question.askedAt + 24 * H);
  });
});

describe('morning digest', () => {
  it('is due from 09:00 Saratov, once per local date', () => {
    const nine = Date.UTC(2026, 11, 7, 5, 0);
    expect(dueDigest(DEFAULT_SLA_POLICY, 9, nine - 1)).toBeNull();
    expect(dueDigest(DEFAULT_SLA_POLICY, 9, nine)).toEqual({ kind: 'morning_digest', subject: 'd2026-12-07', dueAt: nine });
    expect(dueDigest(DEFAULT_SLA_POLICY, 9, nine + 3 * H)?.subject).toBe('d2026-12-07');
    expect(dueDigest(DEFAULT_SLA_POLICY, 9, nine + 7 * H)).toBeNull();
  });
});

describe('quiet hours', () => {
  const quiet = { startMinute: 22 * 60, endMinute: 7 * 60 };
  const offset = 240;
  it('holds e-mail and Telegram until the quiet hours end, across midnight', () => {
    const at23 = Date.UTC(2026, 11, 7, 19, 0); // 23:00 Saratov
    const at07Next = Date.UTC(2026, 11, 8, 3, 0);
    expect(deliverAfter(at23, 'email', quiet, offset)).toBe(at07Next);
    expect(deliverAfter(at23, 'telegram', quiet, offset)).toBe(at07Next);
    const at03 = Date.UTC(2026, 11, 7, 23, 0); // 03:00 Saratov on the 8th
    expect(deliverAfter(at03, 'email', quiet, offset)).toBe(at07Next);
  });
  it('never holds the in-app list, nor anything outside the quiet hours', () => {
    const at23 = Date.UTC(2026, 11, 7, 19, 0);
    expect(deliverAfter(at23, 'in_app', quiet, offset)).toBe(at23);
    expect(deliverAfter(MONDAY_10_SARATOV, 'email', quiet, offset)).toBe(MONDAY_10_SARATOV);
    expect(deliverAfter(at23, 'email', null, offset)).toBe(at23);
  });
  it('handles a window inside one day', () => {
    const lunch = { startMinute: 13 * 60, endMinute: 14 * 60 };
    const at1330 = Date.UTC(2026, 11, 7, 9, 30);
    expect(deliverAfter(at1330, 'email', lunch, offset)).toBe(Date.UTC(2026, 11, 7, 10, 0));
  });
});

describe('rules as data', () => {
  it('has defaults within bounds and rejects out-of-range thresholds with a Russian reason', () => {
    for (const rule of DEFAULT_ALERT_RULES) expect(alertRuleProblem(rule)).toBeNull();
    expect(DEFAULT_ALERT_RULES.find((r) => r.kind === 'deadline_warning')?.threshold).toBe(18);
    expect(alertRuleProblem({ kind: 'deadline_warning', enabled: true, threshold: 30 })).toBe('Порог должен быть от 1 до 23');
    expect(alertRuleProblem({ kind: 'deadline_breach', enabled: true, threshold: 3 })).toMatch(/нет порога/);
  });
  it('sends question alerts to agencies and operational ones to monitors', () => {
    expect(alertKindsFor('agency')).toContain('deadline_warning');
    expect(alertKindsFor('agency')).not.toContain('token_refused');
    expect(alertKindsFor('monitor')).toEqual(['page_failing', 'token_refused', 'schedule_missing']);
    expect(alertKindsFor('trainee')).toEqual([]);
  });
  it('keys one alert per rule, subject, recipient and channel; backs off retries', () => {
    expect(alertKey({ kind: 'deadline_warning', subject: 'q7' }, 3, 'email')).toBe('deadline_warning:q7:u3:email');
    expect([1, 2, 3, 10].map(alertRetryDelayMs)).toEqual([M, 2 * M, 4 * M, H]);
  });
});

describe('alert text', () => {
  it('says the time left in Russian words', () => {
    expect(durationRu(6 * H)).toBe('6 часов');
    expect(durationRu(5 * H + 41 * M + 30_000)).toBe('5 часов 41 минута');
    expect(durationRu(22 * M)).toBe('22 минуты');
    expect(durationRu(20_000)).toBe('меньше минуты');
    expect(durationRu(3 * H, true)).toBe('3 рабочих часа');
    expect(timeLeftRu(6 * H)).toBe('осталось 6 часов');
    expect(timeLeftRu(1 * H)).toBe('остался 1 час');
    expect(timeLeftRu(21 * M)).toBe('осталась 21 минута');
    expect(localDateTimeRu(MONDAY_10_SARATOV + 5 * M, 240)).toBe('7 декабря, 10:05');
  });
  it('names the page, quotes the question with contacts redacted and links to the comment', () => {
    const message = questionAlertMessage('deadline_warning', {
      pageUrl: 'https://vk.com/club1',
      organizationName: 'Администрация',
      questionText: 'Когда починят дорогу? Звоните +7 912 345-67-89, пишите ivan@mail.ru',
      commentUrl: 'https://vk.com/wall-1_2?reply=3',
      askedAtLabel: '7 декабря, 10:00',
      leftMs: 6 * H,
      working: false,
    });
    expect(message.title).toBe('Ответьте на вопрос: осталось 6 часов');
    expect(message.body).toContain('https://vk.com/club1');
    expect(message.body).toContain('[телефон скрыт]');
    expect(message.body).toContain('[e-mail скрыт]');
    expect(message.body).not.toMatch(/912|ivan@/);
    expect(message.link).toBe('https://vk.com/wall-1_2?reply=3');
    expect(questionAlertMessage('deadline_breach', { ...{ pageUrl: '', organizationName: '', questionText: '', commentUrl: '', askedAtLabel: '' }, leftMs: -2 * H, working: false }).title).toBe(
      'Срок ответа истёк 2 часа назад',
    );
  });
  it('lists the digest, most urgent first as given, with a count in Russian', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ pageUrl: 'p', questionText: `вопрос ${i}`, commentUrl: `https://vk.com/c${i}`, leftMs: (i - 1) * H, working: false }));
    const digest = digestMessage(items, 'https://most/agency');
    expect(digest.title).toBe('Открытых вопросов без ответа: 12');
    expect(digest.body).toContain('1. срок истёк — «вопрос 0»');
    expect(digest.body).toContain('…и ещё 2 вопроса: https://most/agency');
  });
});
