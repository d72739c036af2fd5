import { evaluateCompletion, type CompletionFacts, type CompletionOutcome, type CompletionRule } from '@most/domain';
import type { Queryable } from '@most/db';
import { inTransaction, notFound, type TrainingActor } from './common';
import { changeEnrolmentState, type EnrolmentRow } from './enrolments';

/** Gathers what the completion rule looks at; sessions count once they have started. */
export async function loadCompletionFacts(sql: Queryable, enrolmentId: number, now = new Date()): Promise<{ rule: CompletionRule; facts: CompletionFacts; enrolment: EnrolmentRow }> {
  const [enrolment] = await sql<(EnrolmentRow & { completion_rule: CompletionRule; course_id: number })[]>`
    SELECT e.*, h.completion_rule, h.course_id FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id WHERE e.id = ${enrolmentId}`;
  if (!enrolment) notFound('Запись на обучение не найдена');
  const assignments = await sql<{ required: boolean; is_final: boolean; passed: boolean }[]>`
    SELECT a.required, a.is_final,
           EXISTS (SELECT 1 FROM submissions s JOIN grades g ON g.submission_id = s.id
                   WHERE s.assignment_id = a.id AND s.enrolment_id = ${enrolmentId} AND g.passed) AS passed
    FROM assignments a WHERE a.course_id = ${enrolment.course_id}`;
  const attendance = await sql<{ hours: number; status: 'present' | 'absent' | 'excused' | null; attended: number | null }[]>`
    SELECT cs.hours::float8 AS hours, a.status, a.hours::float8 AS attended
    FROM cohort_sessions cs LEFT JOIN attendance a ON a.session_id = cs.id AND a.enrolment_id = ${enrolmentId}
    WHERE cs.cohort_id = ${enrolment.cohort_id} AND cs.starts_at <= ${now}`;
  const final = assignments.find((a) => a.is_final);
  const { completion_rule: rule, course_id: _, ...row } = enrolment;
  return {
    rule,
    enrolment: row as EnrolmentRow,
    facts: {
      assignments: assignments.filter((a) => !a.is_final).map((a) => ({ required: a.required, passed: a.passed })),
      // A partly attended session counts its attended hours as present and the rest as absent.
      attendance: attendance.flatMap((s) =>
        s.status === 'present' && s.attended !== null && s.attended < s.hours
          ? [
              { hours: s.attended, status: 'present' as const },
              { hours: s.hours - s.attended, status: 'absent' as const },
            ]
          : [{ hours: s.hours, status: s.status }],
      ),
      finalAssessmentPassed: final ? final.passed : null,
      manualMark: enrolment.manual_mark,
    },
  };
}

/**
 * Evaluates the cohort's rule for one trainee and, when it holds for an active trainee,
 * moves them to completed. Safe to call after every grade or attendance mark.
 */
export async function evaluateEnrolmentCompletion(sql: Queryable, enrolmentId: number, actor: TrainingActor, now = new Date()): Promise<CompletionOutcome & { state: EnrolmentRow['state'] }> {
  return inTransaction(sql, async (tx) => {
    const { rule, facts, enrolment } = await loadCompletionFacts(tx, enrolmentId, now);
    const outcome = evaluateCompletion(rule, facts);
    if (outcome.complete && enrolment.state === 'active') {
      const at = now < enrolment.state_since ? enrolment.state_since : now;
      const changed = await changeEnrolmentState(tx, enrolmentId, { to: 'completed', at }, actor);
      return { ...outcome, state: changed.state };
    }
    return { ...outcome, state: enrolment.state };
  });
}

/** At the end of a cohort: everyone still active either completes or fails, with the unmet conditions as the reason. */
export async function finalizeCohort(sql: Queryable, cohortId: number, actor: TrainingActor, now = new Date()): Promise<{ completed: number; failed: number }> {
  return inTransaction(sql, async (tx) => {
    const active = await tx<{ id: number }[]>`SELECT id FROM enrolments WHERE cohort_id = ${cohortId} AND state = 'active' ORDER BY id`;
    let completed = 0;
    let failed = 0;
    for (const { id } of active) {
      const outcome = await evaluateEnrolmentCompletion(tx, id, actor, now);
      if (outcome.state === 'completed') {
        completed += 1;
        continue;
      }
      const unmet = outcome.conditions
        .filter((c) => !c.met)
        .map((c) => c.detail)
        .join('; ');
      await changeEnrolmentState(tx, id, { to: 'failed', at: now, reason: `Условия завершения не выполнены: ${unmet}` }, actor);
      failed += 1;
    }
    return { completed, failed };
  });
}

/**
 * Finalizes every cohort that ended before `today` (YYYY-MM-DD, local date) and still has
 * active trainees. Idempotent: a finalized cohort has nobody active left.
 */
export async function finalizeEndedCohorts(sql: Queryable, today: string, actor: TrainingActor, now = new Date()): Promise<{ cohorts: number; completed: number; failed: number }> {
  const ended = await sql<{ id: number }[]>`
    SELECT DISTINCT h.id FROM cohorts h JOIN enrolments e ON e.cohort_id = h.id
    WHERE h.ends_on < ${today}::date AND e.state = 'active' ORDER BY h.id`;
  let completed = 0;
  let failed = 0;
  for (const { id } of ended) {
    const result = await finalizeCohort(sql, id, actor, now);
    completed += result.completed;
    failed += result.failed;
  }
  return { cohorts: ended.length, completed, failed };
}
