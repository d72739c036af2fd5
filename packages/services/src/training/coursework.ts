import { z } from 'zod';
import { AppError } from '@most/shared';
import type { Queryable, Sql } from '@most/db';
import { auditBy } from '@most/db';
import { inTransaction, notFound, parseInput, type TrainingActor } from './common';
import { COURSEWORK_CLOSED_MESSAGES, courseworkAccess, regionDate } from '@most/domain';
import { toIsoDate } from './common';
import { startEnrolmentIfRunning, type EnrolmentRow } from './enrolments';
import { MAX_FILES_PER_SUBMISSION, storeFile, withStoredFiles, type Upload } from './files';

/**
 * Coursework is possible only while studying (the same rule the page uses to offer the form).
 * An enrolled trainee of a running cohort is started here if the hourly job has not done it yet.
 */
async function assertStudying(tx: Queryable, enrolmentId: number, actor: TrainingActor, now = new Date()): Promise<EnrolmentRow> {
  const [enrolment] = await tx<(EnrolmentRow & { starts_on: Date; ends_on: Date })[]>`
    SELECT e.*, h.starts_on, h.ends_on FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id WHERE e.id = ${enrolmentId} FOR UPDATE OF e`;
  if (!enrolment) notFound('Запись на обучение не найдена');
  const access = courseworkAccess(enrolment.state, { startsOn: toIsoDate(enrolment.starts_on), endsOn: toIsoDate(enrolment.ends_on) }, regionDate(now));
  if (!access.open) throw new AppError('CONFLICT', COURSEWORK_CLOSED_MESSAGES[access.reason], { details: { reason: access.reason } });
  if (enrolment.state === 'enrolled') return (await startEnrolmentIfRunning(tx, enrolmentId, actor, now)) ?? enrolment;
  return enrolment;
}

export async function markLessonComplete(sql: Queryable, enrolmentId: number, lessonId: number, actor: TrainingActor = { id: null, label: 'trainee' }): Promise<void> {
  const enrolment = await inTransaction(sql, (tx) => assertStudying(tx, enrolmentId, actor));
  const [lesson] = await sql`
    SELECT 1 FROM lessons l JOIN course_modules m ON m.id = l.module_id JOIN cohorts h ON h.course_id = m.course_id
    WHERE l.id = ${lessonId} AND h.id = ${enrolment.cohort_id}`;
  if (!lesson) notFound('Урок не найден в этом курсе');
  await sql`INSERT INTO lesson_progress (enrolment_id, lesson_id) VALUES (${enrolmentId}, ${lessonId}) ON CONFLICT DO NOTHING`;
}

export interface SubmissionRow {
  id: number;
  assignment_id: number;
  enrolment_id: number;
  attempt: number;
  text_body: string;
  submitted_at: Date;
}

const submissionSchema = z.object({ text: z.string().max(100_000).default('') });

/**
 * Stores an attempt with its files under DATA_DIR. A new attempt is allowed for the first
 * submission and after a grade that allows resubmission; never while one awaits grading.
 */
export async function submitAssignment(
  sql: Queryable,
  dataDir: string,
  input: { enrolmentId: number; assignmentId: number; text?: string; files?: Upload[] },
  actor: TrainingActor,
): Promise<SubmissionRow> {
  const { text } = parseInput(submissionSchema, { text: input.text });
  const files = input.files ?? [];
  if (files.length > MAX_FILES_PER_SUBMISSION) throw new AppError('BAD_REQUEST', `Не более ${MAX_FILES_PER_SUBMISSION} файлов`);
  if (!text.trim() && files.length === 0) throw new AppError('BAD_REQUEST', 'Ответ пуст: добавьте текст или файл');
  return withStoredFiles(files, (written) =>
    inTransaction(sql, async (tx) => {
      const enrolment = await assertStudying(tx, input.enrolmentId, actor);
      const [assignment] = await tx`
      SELECT a.id FROM assignments a JOIN cohorts h ON h.course_id = a.course_id WHERE a.id = ${input.assignmentId} AND h.id = ${enrolment.cohort_id}`;
      if (!assignment) notFound('Задание не найдено в этом курсе');
      const [last] = await tx<{ attempt: number; graded: boolean; resubmission_allowed: boolean | null; passed: boolean | null }[]>`
      SELECT s.attempt, g.submission_id IS NOT NULL AS graded, g.resubmission_allowed, g.passed
      FROM submissions s LEFT JOIN grades g ON g.submission_id = s.id
      WHERE s.assignment_id = ${input.assignmentId} AND s.enrolment_id = ${input.enrolmentId} ORDER BY s.attempt DESC LIMIT 1`;
      if (last && !last.graded) throw new AppError('CONFLICT', 'Предыдущий ответ ещё не проверен');
      if (last && !last.resubmission_allowed) throw new AppError('CONFLICT', 'Повторная сдача не разрешена преподавателем');
      const [row] = await tx<SubmissionRow[]>`
      INSERT INTO submissions (assignment_id, enrolment_id, attempt, text_body)
      VALUES (${input.assignmentId}, ${input.enrolmentId}, ${(last?.attempt ?? 0) + 1}, ${text})
      RETURNING id, assignment_id, enrolment_id, attempt, text_body, submitted_at`;
      for (const file of files) {
        const stored = await storeFile(tx, dataDir, 'submissions', file, actor.id, written);
        await tx`INSERT INTO submission_files (submission_id, file_id) VALUES (${row!.id}, ${stored.id})`;
      }
      await auditBy(tx, actor, {
        action: 'submission.create',
        entityType: 'submission',
        entityId: row!.id,
        details: { assignmentId: input.assignmentId, enrolmentId: input.enrolmentId, attempt: row!.attempt, files: files.length },
      });
      return row!;
    }),
  );
}

export const gradeInputSchema = z.object({
  score: z.number().min(0),
  feedback: z.string().max(20_000).default(''),
  rubricScores: z
    .array(z.object({ criterion: z.string().max(500), points: z.number().min(0) }))
    .max(50)
    .default([]),
  allowResubmission: z.boolean().default(false),
});
export type GradeInput = z.input<typeof gradeInputSchema>;

/** Grades one attempt; passed follows from the assignment's pass score. Returns the enrolment id to re-evaluate. */
export async function gradeSubmission(sql: Queryable, submissionId: number, input: GradeInput, actor: TrainingActor): Promise<{ enrolmentId: number; passed: boolean }> {
  const grade = parseInput(gradeInputSchema, input);
  return inTransaction(sql, async (tx: Sql) => {
    const [submission] = await tx<{ enrolment_id: number; max_score: number; pass_score: number; rubric: { criterion: string; points: number }[] }[]>`
      SELECT s.enrolment_id, a.max_score::float8 AS max_score, a.pass_score::float8 AS pass_score, a.rubric
      FROM submissions s JOIN assignments a ON a.id = s.assignment_id WHERE s.id = ${submissionId} FOR UPDATE OF s`;
    if (!submission) notFound('Ответ не найден');
    if (grade.score > submission.max_score) throw new AppError('BAD_REQUEST', `Оценка выше максимальной (${submission.max_score})`);
    for (const item of grade.rubricScores) {
      const criterion = submission.rubric.find((r) => r.criterion === item.criterion);
      if (!criterion) throw new AppError('BAD_REQUEST', `Критерия «${item.criterion}» нет в рубрике`);
      if (item.points > criterion.points) throw new AppError('BAD_REQUEST', `По критерию «${item.criterion}» не более ${criterion.points} баллов`);
    }
    const passed = grade.score >= submission.pass_score;
    // A passed attempt needs no resubmission.
    const allowResubmission = grade.allowResubmission && !passed;
    await tx`
      INSERT INTO grades (submission_id, grader_id, score, passed, feedback, rubric_scores, resubmission_allowed)
      VALUES (${submissionId}, ${actor.id}, ${grade.score}, ${passed}, ${grade.feedback}, ${tx.json(grade.rubricScores as never)}, ${allowResubmission})
      ON CONFLICT (submission_id) DO UPDATE SET grader_id = EXCLUDED.grader_id, score = EXCLUDED.score, passed = EXCLUDED.passed,
        feedback = EXCLUDED.feedback, rubric_scores = EXCLUDED.rubric_scores, resubmission_allowed = EXCLUDED.resubmission_allowed, graded_at = now()`;
    await auditBy(tx, actor, { action: 'submission.grade', entityType: 'submission', entityId: submissionId, details: { score: grade.score, passed, allowResubmission } });
    return { enrolmentId: submission.enrolment_id, passed };
  });
}

export interface GradingQueueRow {
  submission_id: number;
  attempt: number;
  submitted_at: Date;
  text_body: string;
  assignment_id: number;
  assignment_title: string;
  max_score: number;
  pass_score: number;
  enrolment_id: number;
  cohort_id: number;
  trainee_name: string;
  files: { id: number; file_name: string; size_bytes: number }[];
}

/** Ungraded attempts of the cohorts an instructor teaches (all cohorts for an admin: instructorId null), oldest first. */
export async function gradingQueue(sql: Queryable, filter: { instructorId: number | null; cohortId?: number }): Promise<GradingQueueRow[]> {
  return sql<GradingQueueRow[]>`
    SELECT s.id AS submission_id, s.attempt, s.submitted_at, s.text_body, a.id AS assignment_id, a.title AS assignment_title,
           a.max_score::float8 AS max_score, a.pass_score::float8 AS pass_score, e.id AS enrolment_id, e.cohort_id,
           coalesce(nullif(trim(concat_ws(' ', p.surname, p.given_name, p.patronymic)), ''), nullif(u.display_name, ''), u.email) AS trainee_name,
           coalesce((SELECT json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'size_bytes', f.size_bytes) ORDER BY f.id)
                     FROM submission_files sf JOIN stored_files f ON f.id = sf.file_id WHERE sf.submission_id = s.id), '[]'::json) AS files
    FROM submissions s
    JOIN assignments a ON a.id = s.assignment_id
    JOIN enrolments e ON e.id = s.enrolment_id
    JOIN users u ON u.id = e.user_id
    LEFT JOIN trainee_profiles p ON p.user_id = u.id
    LEFT JOIN grades g ON g.submission_id = s.id
    WHERE g.submission_id IS NULL
      AND (${filter.cohortId ?? null}::bigint IS NULL OR e.cohort_id = ${filter.cohortId ?? null})
      AND (${filter.instructorId}::bigint IS NULL OR EXISTS (SELECT 1 FROM cohort_instructors ci WHERE ci.cohort_id = e.cohort_id AND ci.user_id = ${filter.instructorId}))
    ORDER BY s.submitted_at, s.id`;
}

export const attendanceMarkSchema = z.object({
  enrolmentId: z.number().int().positive(),
  status: z.enum(['present', 'absent', 'excused']),
  /** Hours actually attended; defaults to the session's length when present, 0 otherwise. */
  hours: z.number().min(0).max(24).optional(),
});
export type AttendanceMark = z.input<typeof attendanceMarkSchema>;

/** Marks a whole session's sheet at once (idempotent: a second call overwrites). Returns the enrolments to re-evaluate. */
export async function markAttendance(sql: Queryable, sessionId: number, marks: AttendanceMark[], actor: TrainingActor): Promise<number[]> {
  const parsed = parseInput(z.array(attendanceMarkSchema).max(2000), marks);
  return inTransaction(sql, async (tx) => {
    const [session] = await tx<{ cohort_id: number; hours: number }[]>`SELECT cohort_id, hours::float8 AS hours FROM cohort_sessions WHERE id = ${sessionId}`;
    if (!session) notFound('Занятие не найдено');
    const ids = parsed.map((m) => m.enrolmentId);
    if (ids.length === 0) return [];
    const enrolled = await tx<{ id: number }[]>`
      SELECT id FROM enrolments WHERE cohort_id = ${session.cohort_id} AND id IN ${tx(ids)} AND state IN ('active', 'suspended', 'completed', 'failed')`;
    if (enrolled.length !== new Set(ids).size) throw new AppError('BAD_REQUEST', 'В ведомости есть слушатели не из этого потока или не приступившие к обучению');
    const rows = parsed.map((m) => {
      const hours = m.hours ?? (m.status === 'present' ? session.hours : 0);
      if (hours > session.hours) throw new AppError('BAD_REQUEST', `Часов больше, чем длится занятие (${session.hours})`);
      return { session_id: sessionId, enrolment_id: m.enrolmentId, status: m.status, hours, marked_by: actor.id };
    });
    await tx`
      INSERT INTO attendance ${tx(rows)}
      ON CONFLICT (session_id, enrolment_id) DO UPDATE SET status = EXCLUDED.status, hours = EXCLUDED.hours, marked_by = EXCLUDED.marked_by, marked_at = now()`;
    await auditBy(tx, actor, { action: 'attendance.mark', entityType: 'cohort_session', entityId: sessionId, details: { marks: rows.length } });
    return ids;
  });
}

export async function attendanceSheet(sql: Queryable, sessionId: number) {
  return sql<{ enrolment_id: number; trainee_name: string; state: string; status: 'present' | 'absent' | 'excused' | null; hours: number | null }[]>`
    SELECT e.id AS enrolment_id,
           coalesce(nullif(trim(concat_ws(' ', p.surname, p.given_name, p.patronymic)), ''), nullif(u.display_name, ''), u.email) AS trainee_name,
           e.state, a.status, a.hours::float8 AS hours
    FROM cohort_sessions cs
    JOIN enrolments e ON e.cohort_id = cs.cohort_id AND e.state IN ('active', 'suspended', 'completed', 'failed')
    JOIN users u ON u.id = e.user_id
    LEFT JOIN trainee_profiles p ON p.user_id = u.id
    LEFT JOIN attendance a ON a.session_id = cs.id AND a.enrolment_id = e.id
    WHERE cs.id = ${sessionId}
    ORDER BY trainee_name`;
}
