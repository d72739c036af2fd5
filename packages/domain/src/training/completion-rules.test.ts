import { describe, expect, it } from 'vitest';
import { attendancePercent, completionRuleSchema, evaluateCompletion, type CompletionFacts, type CompletionRule } from './completion-rules';

const facts = (overrides: Partial<CompletionFacts> = {}): CompletionFacts => ({
  assignments: [
    { required: true, passed: true },
    { required: true, passed: true },
    { required: false, passed: false },
  ],
  attendance: [
    { hours: 4, status: 'present' },
    { hours: 4, status: 'present' },
    { hours: 4, status: 'present' },
    { hours: 4, status: 'absent' },
  ],
  finalAssessmentPassed: true,
  manualMark: false,
  ...overrides,
});

const ALL: CompletionRule = {
  mode: 'all',
  conditions: [{ kind: 'required_assignments_passed' }, { kind: 'attendance_at_least', percent: 75 }, { kind: 'final_assessment_passed' }],
};

describe('completion rules', () => {
  it('completes when every condition of an "all" rule holds, attendance exactly at the threshold', () => {
    const outcome = evaluateCompletion(ALL, facts());
    expect(outcome.complete).toBe(true);
    expect(outcome.conditions.map((c) => c.met)).toEqual([true, true, true]);
    expect(outcome.conditions[1]!.detail).toContain('75 %');
  });

  it('does not complete an "all" rule when one required assignment is not passed; optional ones do not matter', () => {
    const outcome = evaluateCompletion(
      ALL,
      facts({
        assignments: [
          { required: true, passed: false },
          { required: false, passed: true },
        ],
      }),
    );
    expect(outcome.complete).toBe(false);
    expect(outcome.conditions[0]).toMatchObject({ met: false, detail: '0 из 1 обязательных заданий зачтено' });
  });

  it('does not complete below the attendance threshold', () => {
    const attendance = facts().attendance.map((s, i) => (i === 0 ? { ...s, status: 'absent' as const } : s));
    expect(evaluateCompletion(ALL, facts({ attendance })).complete).toBe(false);
  });

  it('leaves excused sessions out of the attendance share; unmarked count as absent', () => {
    expect(
      attendancePercent([
        { hours: 2, status: 'present' },
        { hours: 6, status: 'excused' },
      ]),
    ).toBe(100);
    expect(
      attendancePercent([
        { hours: 2, status: 'present' },
        { hours: 2, status: null },
      ]),
    ).toBe(50);
    expect(attendancePercent([])).toBeNull();
    expect(evaluateCompletion({ mode: 'all', conditions: [{ kind: 'attendance_at_least', percent: 0 }] }, facts({ attendance: [] })).complete).toBe(false);
  });

  it('requires a passed final assessment, not an ungraded one', () => {
    expect(evaluateCompletion(ALL, facts({ finalAssessmentPassed: null })).complete).toBe(false);
    expect(evaluateCompletion(ALL, facts({ finalAssessmentPassed: false })).complete).toBe(false);
  });

  it('completes an "any" rule when one condition holds and not when none does', () => {
    const any: CompletionRule = { mode: 'any', conditions: [{ kind: 'manual_mark' }, { kind: 'final_assessment_passed' }] };
    expect(evaluateCompletion(any, facts({ finalAssessmentPassed: false, manualMark: true })).complete).toBe(true);
    expect(evaluateCompletion(any, facts({ finalAssessmentPassed: true, manualMark: false })).complete).toBe(true);
    expect(evaluateCompletion(any, facts({ finalAssessmentPassed: false, manualMark: false })).complete).toBe(false);
  });

  it('treats a course with no required assignments as meeting that condition', () => {
    expect(evaluateCompletion({ mode: 'all', conditions: [{ kind: 'required_assignments_passed' }] }, facts({ assignments: [] })).complete).toBe(true);
  });

  it('validates rules stored as data', () => {
    expect(completionRuleSchema.safeParse(ALL).success).toBe(true);
    expect(completionRuleSchema.safeParse({ mode: 'all', conditions: [] }).success).toBe(false);
    expect(completionRuleSchema.safeParse({ mode: 'all', conditions: [{ kind: 'attendance_at_least', percent: 120 }] }).success).toBe(false);
    expect(completionRuleSchema.safeParse({ mode: 'most', conditions: [{ kind: 'manual_mark' }] }).success).toBe(false);
    expect(completionRuleSchema.safeParse({ mode: 'any', conditions: [{ kind: 'coffee' }] }).success).toBe(false);
  });
});
