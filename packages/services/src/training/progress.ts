import { attendancePercent, courseworkAccess, evaluateCompletion, regionDate, type CourseworkClosedReason, type EnrolmentState } from '@most/domain';
import type { Queryable } from '@most/db';
import { toIsoDate } from './common';
import { loadCompletionFacts } from './completion';

export interface MyCourseRow {
  enrolment_id: number;
  cohort_id: number;
  cohort_title: string;
  course_id: number;
  course_title: string;
  kind: string;
  total_hours: number;
  starts_on: string;
  ends_on: string;
  state: EnrolmentState;
  state_reason: string | null;
  lessons_total: number;
  lessons_done: number;
  assignments_total: number;
  assignments_passed: number;
  /** 0–100: lessons completed and assignments passed over all of them. */
  progress_percent: number;
  certificate_id: number | null;
  certificate_code: string | null;
  /** Why answers cannot be submitted now (null: they can); the page shows this instead of the form. */
  coursework_closed_reason: CourseworkClosedReason | null;
}

/** The trainee's dashboard: every enrolment with a progress figure and the valid document, if any. */
export async function listMyCourses(sql: Queryable, userId: number, now = new Date()): Promise<MyCourseRow[]> {
  const rows = await sql<Omit<MyCourseRow, 'progress_percent' | 'coursework_closed_reason'>[]>`
    SELECT e.id AS enrolment_id, h.id AS cohort_id, h.title AS cohort_title, c.id AS course_id, c.title AS course_title, c.kind, c.total_hours,
           h.starts_on, h.ends_on, e.state, e.state_reason,
           (SELECT count(*)::int FROM lessons l JOIN course_modules m ON m.id = l.module_id WHERE m.course_id = c.id) AS lessons_total,
           (SELECT count(*)::int FROM lesson_progress lp WHERE lp.enrolment_id = e.id) AS lessons_done,
           (SELECT count(*)::int FROM assignments a WHERE a.course_id = c.id) AS assignments_total,
           (SELECT count(DISTINCT s.assignment_id)::int FROM submissions s JOIN grades g ON g.submission_id = s.id WHERE s.enrolment_id = e.id AND g.passed) AS assignments_passed,
           cert.id AS certificate_id, cert.verification_code AS certificate_code
    FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id JOIN courses c ON c.id = h.course_id
    LEFT JOIN certificates cert ON cert.enrolment_id = e.id AND cert.revoked_at IS NULL
    WHERE e.user_id = ${userId}
    ORDER BY h.starts_on DESC, e.id DESC`;
  const today = regionDate(now);
  return rows.map((r) => {
    const total = r.lessons_total + r.assignments_total;
    const startsOn = toIsoDate(r.starts_on);
    const endsOn = toIsoDate(r.ends_on);
    return {
      ...r,
      starts_on: startsOn,
      ends_on: endsOn,
      coursework_closed_reason: courseworkAccess(r.state, { startsOn, endsOn }, today).reason,
      progress_percent: r.state === 'completed' ? 100 : total === 0 ? 0 : Math.round(((r.lessons_done + r.assignments_passed) / total) * 100),
    };
  });
}

export async function listUpcomingSessions(sql: Queryable, userId: number, now = new Date(), limit = 20) {
  return sql<{ id: number; cohort_id: number; course_title: string; title: string; starts_at: Date; hours: number; mode: 'online' | 'offline'; link: string | null; place: string | null }[]>`
    SELECT cs.id, cs.cohort_id, c.title AS course_title, cs.title, cs.starts_at, cs.hours::float8 AS hours, cs.mode, cs.link, cs.place
    FROM cohort_sessions cs JOIN enrolments e ON e.cohort_id = cs.cohort_id JOIN cohorts h ON h.id = cs.cohort_id JOIN courses c ON c.id = h.course_id
    WHERE e.user_id = ${userId} AND e.state IN ('enrolled', 'active') AND cs.starts_at + make_interval(mins => (cs.hours * 60)::int) >= ${now}
    ORDER BY cs.starts_at LIMIT ${Math.min(Math.max(limit, 1), 100)}`;
}

export type AssignmentStatus = 'not_submitted' | 'awaiting_grade' | 'passed' | 'failed' | 'resubmission_allowed';

export interface MyAssignmentRow {
  assignment_id: number;
  title: string;
  instructions_md: string;
  required: boolean;
  is_final: boolean;
  due_at: Date;
  max_score: number;
  pass_score: number;
  rubric: { criterion: string; points: number }[];
  attempts: number;
  last_score: number | null;
  last_feedback: string | null;
  status: AssignmentStatus;
}

/** Assignments of one enrolment with due dates (cohort start + due day, end of that day in Saratov) and status. */
export async function listMyAssignments(sql: Queryable, enrolmentId: number): Promise<MyAssignmentRow[]> {
  const rows = await sql<(Omit<MyAssignmentRow, 'status'> & { graded: boolean | null; passed: boolean | null; resubmission_allowed: boolean | null; any_passed: boolean })[]>`
    SELECT a.id AS assignment_id, a.title, a.instructions_md, a.required, a.is_final,
           ((h.starts_on + a.due_day + 1)::timestamp AT TIME ZONE 'Europe/Saratov') - interval '1 second' AS due_at,
           a.max_score::float8 AS max_score, a.pass_score::float8 AS pass_score, a.rubric,
           (SELECT count(*)::int FROM submissions s WHERE s.assignment_id = a.id AND s.enrolment_id = e.id) AS attempts,
           last.score AS last_score, last.feedback AS last_feedback, last.graded, last.passed, last.resubmission_allowed,
           EXISTS (SELECT 1 FROM submissions s JOIN grades g ON g.submission_id = s.id WHERE s.assignment_id = a.id AND s.enrolment_id = e.id AND g.passed) AS any_passed
    FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id JOIN assignments a ON a.course_id = h.course_id
    LEFT JOIN LATERAL (
      SELECT g.score::float8 AS score, g.feedback, g.submission_id IS NOT NULL AS graded, g.passed, g.resubmission_allowed
      FROM submissions s LEFT JOIN grades g ON g.submission_id = s.id
      WHERE s.assignment_id = a.id AND s.enrolment_id = e.id ORDER BY s.attempt DESC LIMIT 1
    ) last ON true
    WHERE e.id = ${enrolmentId}
    ORDER BY a.is_final, a.due_day, a.id`;
  return rows.map(({ graded, passed, resubmission_allowed, any_passed, ...row }) => ({
    ...row,
    status: any_passed ? 'passed' : row.attempts === 0 ? 'not_submitted' : !graded ? 'awaiting_grade' : resubmission_allowed ? 'resubmission_allowed' : passed ? 'passed' : 'failed',
  }));
}

export interface CohortProgressRow {
  enrolment_id: number;
  trainee_name: string;
  organization_name: string;
  state: EnrolmentState;
  lessons_done: number;
  assignments_passed: number;
  required_assignments: number;
  attendance_percent: number | null;
  final_passed: boolean | null;
  manual_mark: boolean;
  meets_completion_rule: boolean;
}

/** The instructor's table: one row per trainee with what the completion rule looks at. */
export async function cohortProgress(sql: Queryable, cohortId: number, now = new Date()): Promise<CohortProgressRow[]> {
  const people = await sql<{ id: number; trainee_name: string; organization_name: string; lessons_done: number }[]>`
    SELECT e.id, coalesce(nullif(trim(concat_ws(' ', p.surname, p.given_name, p.patronymic)), ''), nullif(u.display_name, ''), u.email) AS trainee_name,
           o.short_name AS organization_name,
           (SELECT count(*)::int FROM lesson_progress lp WHERE lp.enrolment_id = e.id) AS lessons_done
    FROM enrolments e JOIN users u ON u.id = e.user_id JOIN organizations o ON o.id = e.organization_id
    LEFT JOIN trainee_profiles p ON p.user_id = u.id
    WHERE e.cohort_id = ${cohortId} AND e.state NOT IN ('applied')
    ORDER BY trainee_name`;
  const result: CohortProgressRow[] = [];
  for (const person of people) {
    const { rule, facts, enrolment } = await loadCompletionFacts(sql, person.id, now);
    result.push({
      enrolment_id: person.id,
      trainee_name: person.trainee_name,
      organization_name: person.organization_name,
      state: enrolment.state,
      lessons_done: person.lessons_done,
      assignments_passed: facts.assignments.filter((a) => a.passed).length,
      required_assignments: facts.assignments.filter((a) => a.required).length,
      attendance_percent: attendancePercent(facts.attendance),
      final_passed: facts.finalAssessmentPassed,
      manual_mark: facts.manualMark,
      meets_completion_rule: evaluateCompletion(rule, facts).complete,
    });
  }
  return result;
}
