import { describe, expect, it } from 'vitest';
import { AppError } from '@most/shared';
import { applyTransition, ENROLMENT_STATES, isFinalState, REASON_REQUIRED, type EnrolmentState } from './enrolment-state';

const EXPECTED_ALLOWED: [EnrolmentState, EnrolmentState][] = [
  ['applied', 'enrolled'],
  ['applied', 'withdrawn'],
  ['enrolled', 'active'],
  ['enrolled', 'withdrawn'],
  ['enrolled', 'suspended'],
  ['active', 'completed'],
  ['active', 'failed'],
  ['active', 'withdrawn'],
  ['active', 'suspended'],
  ['suspended', 'active'],
  ['suspended', 'withdrawn'],
];
const allowedKey = new Set(EXPECTED_ALLOWED.map(([a, b]) => `${a}>${b}`));
const ALL_PAIRS = ENROLMENT_STATES.flatMap((from) => ENROLMENT_STATES.map((to) => [from, to] as [EnrolmentState, EnrolmentState]));
const FORBIDDEN = ALL_PAIRS.filter(([a, b]) => !allowedKey.has(`${a}>${b}`));

const since = new Date('2026-03-01T09:00:00Z');
const later = new Date('2026-03-02T09:00:00Z');

describe('enrolment state machine', () => {
  it('covers every ordered pair of states', () => {
    expect(EXPECTED_ALLOWED.length + FORBIDDEN.length).toBe(ENROLMENT_STATES.length ** 2);
  });

  it.each(EXPECTED_ALLOWED)('allows %s → %s', (from, to) => {
    const result = applyTransition({ state: from, stateSince: since }, { to, at: later, reason: 'Причина указана' });
    expect(result).toEqual({ from, to, at: later, reason: 'Причина указана' });
  });

  it.each(FORBIDDEN)('forbids %s → %s', (from, to) => {
    let caught: unknown;
    try {
      applyTransition({ state: from, stateSince: since }, { to, at: later, reason: 'Причина указана' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFLICT');
  });

  it('makes completed, failed and withdrawn final', () => {
    expect(ENROLMENT_STATES.filter(isFinalState)).toEqual(['completed', 'failed', 'withdrawn']);
  });

  it.each([...REASON_REQUIRED])('requires a reason to move into %s', (to) => {
    const from: EnrolmentState = to === 'suspended' || to === 'failed' ? 'active' : 'enrolled';
    expect(() => applyTransition({ state: from, stateSince: since }, { to, at: later })).toThrow(/нужна причина/);
    expect(() => applyTransition({ state: from, stateSince: since }, { to, at: later, reason: '   ' })).toThrow(/нужна причина/);
  });

  it('does not require a reason for enrolment or completion and stores null', () => {
    expect(applyTransition({ state: 'applied', stateSince: since }, { to: 'enrolled', at: later }).reason).toBeNull();
    expect(applyTransition({ state: 'active', stateSince: since }, { to: 'completed', at: later, reason: ' ' }).reason).toBeNull();
  });

  it('refuses a date before the current state began', () => {
    expect(() => applyTransition({ state: 'applied', stateSince: later }, { to: 'enrolled', at: since })).toThrow(/раньше/);
    expect(() => applyTransition({ state: 'applied', stateSince: since }, { to: 'enrolled', at: new Date('nope') })).toThrow(/Неверная дата/);
  });

  it('lets a suspended trainee resume and then complete', () => {
    const suspended = applyTransition({ state: 'active', stateSince: since }, { to: 'suspended', at: later, reason: 'Болезнь' });
    const resumed = applyTransition({ state: suspended.to, stateSince: suspended.at }, { to: 'active', at: new Date('2026-03-10T00:00:00Z') });
    expect(applyTransition({ state: resumed.to, stateSince: resumed.at }, { to: 'completed', at: new Date('2026-03-20T00:00:00Z') }).to).toBe('completed');
  });
});
