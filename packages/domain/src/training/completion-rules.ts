import { z } from 'zod';

/** One condition of a completion rule; stored as data (jsonb) on the cohort. */
export const completionConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('required_assignments_passed') }),
  z.object({ kind: z.literal('attendance_at_least'), percent: z.number().min(0).max(100) }),
  z.object({ kind: z.literal('final_assessment_passed') }),
  z.object({ kind: z.literal('manual_mark') }),
]);
export type CompletionCondition = z.infer<typeof completionConditionSchema>;

export const completionRuleSchema = z.object({
  mode: z.enum(['all', 'any']),
  conditions: z.array(completionConditionSchema).min(1, 'at least one condition').max(10),
});
export type CompletionRule = z.infer<typeof completionRuleSchema>;

export const DEFAULT_COMPLETION_RULE: CompletionRule = {
  mode: 'all',
  conditions: [{ kind: 'required_assignments_passed' }, { kind: 'attendance_at_least', percent: 75 }, { kind: 'final_assessment_passed' }],
};

/** What is known about one trainee when the rule is evaluated. */
export interface CompletionFacts {
  assignments: { required: boolean; passed: boolean }[];
  /** Hours per session already held, with the mark; unmarked sessions are absent. */
  attendance: { hours: number; status: 'present' | 'absent' | 'excused' | null }[];
  /** null when the course has no final assessment or it is not graded yet. */
  finalAssessmentPassed: boolean | null;
  manualMark: boolean;
}

export interface ConditionOutcome {
  condition: CompletionCondition;
  met: boolean;
  detail: string;
}

export interface CompletionOutcome {
  complete: boolean;
  conditions: ConditionOutcome[];
}

/** Attended share of hours in percent; excused sessions leave the denominator; null before any session was held. */
export function attendancePercent(attendance: CompletionFacts['attendance']): number | null {
  let counted = 0;
  let present = 0;
  for (const session of attendance) {
    if (session.status === 'excused') continue;
    counted += session.hours;
    if (session.status === 'present') present += session.hours;
  }
  return counted === 0 ? null : (present / counted) * 100;
}

function evaluateCondition(condition: CompletionCondition, facts: CompletionFacts): ConditionOutcome {
  switch (condition.kind) {
    case 'required_assignments_passed': {
      const required = facts.assignments.filter((a) => a.required);
      const passed = required.filter((a) => a.passed).length;
      return { condition, met: passed === required.length, detail: `${passed} из ${required.length} обязательных заданий зачтено` };
    }
    case 'attendance_at_least': {
      const percent = attendancePercent(facts.attendance);
      const met = percent !== null && percent + 1e-9 >= condition.percent;
      const shown = percent === null ? 'занятий ещё не было' : `${Math.round(percent * 10) / 10} %`;
      return { condition, met, detail: `посещаемость ${shown}, нужно не менее ${condition.percent} %` };
    }
    case 'final_assessment_passed':
      return { condition, met: facts.finalAssessmentPassed === true, detail: facts.finalAssessmentPassed === true ? 'итоговая аттестация пройдена' : 'итоговая аттестация не пройдена' };
    case 'manual_mark':
      return { condition, met: facts.manualMark, detail: facts.manualMark ? 'отметка преподавателя поставлена' : 'нет отметки преподавателя' };
  }
}

export function evaluateCompletion(rule: CompletionRule, facts: CompletionFacts): CompletionOutcome {
  const conditions = rule.conditions.map((condition) => evaluateCondition(condition, facts));
  const complete = rule.mode === 'all' ? conditions.every((c) => c.met) : conditions.some((c) => c.met);
  return { complete, conditions };
}
