import { z } from 'zod';
import { AppError } from '@most/shared';
import { completionRuleSchema, deadlineProblems, DEFAULT_COMPLETION_RULE, FORMS_OF_STUDY, FUNDING_SOURCES, type CompletionRule, type FormOfStudy, type FundingSource } from '@most/domain';
import type { Queryable, Sql } from '@most/db';
import { auditBy } from '@most/db';
import { inTransaction, isoDate, notFound, parseInput, toIsoDate, type TrainingActor } from './common';

export const sessionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(500),
    startsAt: z.coerce.date(),
    hours: z.number().positive().max(24),
    mode: z.enum(['online', 'offline']),
    link: z
      .url()
      .max(2000)
      .refine((u) => /^https?:\/\//.test(u), 'must be http(s)')
      .nullable()
      .default(null),
    place: z.string().trim().min(1).max(500).nullable().default(null),
  })
  .refine((s) => (s.mode === 'online' ? s.link !== null : s.place !== null), { message: 'an online session needs a link, an offline one a place' });
export type SessionInput = z.input<typeof sessionInputSchema>;

export const cohortInputSchema = z
  .object({
    courseId: z.number().int().positive(),
    title: z.string().trim().min(1).max(300),
    startsOn: isoDate,
    endsOn: isoDate,
    formOfStudy: z.enum(FORMS_OF_STUDY),
    fundingSource: z.enum(FUNDING_SOURCES).default('regional'),
    capacity: z.number().int().positive().max(10_000),
    enrolmentOpensAt: z.coerce.date(),
    enrolmentClosesAt: z.coerce.date(),
    completionRule: completionRuleSchema.default(DEFAULT_COMPLETION_RULE),
    instructorIds: z.array(z.number().int().positive()).max(50).default([]),
    sessions: z.array(sessionInputSchema).max(500).default([]),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'ends before it starts', path: ['endsOn'] })
  .refine((c) => c.enrolmentClosesAt >= c.enrolmentOpensAt, { message: 'enrolment closes before it opens', path: ['enrolmentClosesAt'] });
export type CohortInput = z.input<typeof cohortInputSchema>;

export interface CohortRow {
  id: number;
  course_id: number;
  course_title: string;
  title: string;
  starts_on: string;
  ends_on: string;
  form_of_study: FormOfStudy;
  funding_source: FundingSource;
  capacity: number;
  enrolment_opens_at: Date;
  enrolment_closes_at: Date;
  completion_rule: CompletionRule;
  seats_taken: number;
}

async function insertSessions(tx: Queryable, cohortId: number, sessions: z.output<typeof sessionInputSchema>[]): Promise<number[]> {
  if (sessions.length === 0) return [];
  const rows = await tx<{ id: number }[]>`INSERT INTO cohort_sessions ${tx(
    sessions.map((s) => ({
      cohort_id: cohortId,
      title: s.title,
      starts_at: s.startsAt,
      hours: s.hours,
      mode: s.mode,
      link: s.mode === 'online' ? s.link : null,
      place: s.mode === 'offline' ? s.place : null,
    })),
  )} RETURNING id`;
  return rows.map((r) => r.id);
}

async function assertInstructors(tx: Queryable, ids: number[]) {
  if (ids.length === 0) return;
  const found = await tx<{ id: number }[]>`SELECT id FROM users WHERE id IN ${tx(ids)} AND role IN ('instructor', 'admin') AND disabled_at IS NULL`;
  if (found.length !== new Set(ids).size) throw new AppError('BAD_REQUEST', 'Преподавателями могут быть только активные пользователи с ролью «преподаватель»');
}

export async function createCohort(sql: Queryable, input: CohortInput, actor: TrainingActor): Promise<CohortRow> {
  const cohort = parseInput(cohortInputSchema, input);
  return inTransaction(sql, async (tx) => {
    const [course] = await tx<{ id: number; archived_at: Date | null }[]>`SELECT id, archived_at FROM courses WHERE id = ${cohort.courseId}`;
    if (!course) notFound('Курс не найден');
    if (course.archived_at) throw new AppError('CONFLICT', 'Курс в архиве');
    const assignments = await tx<{ title: string; due_day: number }[]>`SELECT title, due_day FROM assignments WHERE course_id = ${cohort.courseId} ORDER BY due_day, id`;
    const late = deadlineProblems(
      cohort,
      assignments.map((a) => ({ title: a.title, dueDay: a.due_day })),
    );
    if (late.length > 0) throw new AppError('BAD_REQUEST', late.join('; '), { details: { field: 'endsOn' } });
    await assertInstructors(tx, cohort.instructorIds);
    const [row] = await tx<{ id: number }[]>`
      INSERT INTO cohorts (course_id, title, starts_on, ends_on, form_of_study, funding_source, capacity, enrolment_opens_at, enrolment_closes_at, completion_rule)
      VALUES (${cohort.courseId}, ${cohort.title}, ${cohort.startsOn}, ${cohort.endsOn}, ${cohort.formOfStudy}, ${cohort.fundingSource}, ${cohort.capacity},
              ${cohort.enrolmentOpensAt}, ${cohort.enrolmentClosesAt}, ${tx.json(cohort.completionRule as never)})
      RETURNING id`;
    const cohortId = row!.id;
    for (const userId of new Set(cohort.instructorIds)) await tx`INSERT INTO cohort_instructors (cohort_id, user_id) VALUES (${cohortId}, ${userId})`;
    await insertSessions(tx, cohortId, cohort.sessions);
    await auditBy(tx, actor, { action: 'cohort.create', entityType: 'cohort', entityId: cohortId, details: { courseId: cohort.courseId, title: cohort.title } });
    return getCohort(tx, cohortId);
  });
}

export async function addCohortSession(sql: Queryable, cohortId: number, input: SessionInput, actor: TrainingActor): Promise<number> {
  const session = parseInput(sessionInputSchema, input);
  return inTransaction(sql, async (tx: Sql) => {
    await getCohort(tx, cohortId);
    const [id] = await insertSessions(tx, cohortId, [session]);
    await auditBy(tx, actor, { action: 'cohort.session.add', entityType: 'cohort', entityId: cohortId, details: { sessionId: id, title: session.title } });
    return id!;
  });
}

const COHORT_COLUMNS = (sql: Queryable) => sql`
  h.id, h.course_id, c.title AS course_title, h.title, h.starts_on, h.ends_on, h.form_of_study, h.funding_source, h.capacity,
  h.enrolment_opens_at, h.enrolment_closes_at, h.completion_rule,
  (SELECT count(*)::int FROM enrolments e WHERE e.cohort_id = h.id AND e.state NOT IN ('withdrawn', 'applied')) AS seats_taken`;

const withIsoDates = (row: CohortRow): CohortRow => ({ ...row, starts_on: toIsoDate(row.starts_on), ends_on: toIsoDate(row.ends_on) });

export async function getCohort(sql: Queryable, cohortId: number): Promise<CohortRow> {
  const [row] = await sql<CohortRow[]>`SELECT ${COHORT_COLUMNS(sql)} FROM cohorts h JOIN courses c ON c.id = h.course_id WHERE h.id = ${cohortId}`;
  if (!row) notFound('Поток не найден');
  return withIsoDates(row);
}

export async function listCohorts(sql: Queryable, filter: { courseId?: number; instructorId?: number } = {}): Promise<CohortRow[]> {
  const rows = await sql<CohortRow[]>`
    SELECT ${COHORT_COLUMNS(sql)} FROM cohorts h JOIN courses c ON c.id = h.course_id
    WHERE (${filter.courseId ?? null}::bigint IS NULL OR h.course_id = ${filter.courseId ?? null})
      AND (${filter.instructorId ?? null}::bigint IS NULL OR EXISTS (SELECT 1 FROM cohort_instructors i WHERE i.cohort_id = h.id AND i.user_id = ${filter.instructorId ?? null}))
    ORDER BY h.starts_on DESC, h.id DESC`;
  return rows.map(withIsoDates);
}

export interface SessionRow {
  id: number;
  cohort_id: number;
  title: string;
  starts_at: Date;
  hours: number;
  mode: 'online' | 'offline';
  link: string | null;
  place: string | null;
}

export async function listCohortSessions(sql: Queryable, cohortId: number): Promise<SessionRow[]> {
  return sql<SessionRow[]>`
    SELECT id, cohort_id, title, starts_at, hours::float8 AS hours, mode, link, place FROM cohort_sessions WHERE cohort_id = ${cohortId} ORDER BY starts_at, id`;
}

export async function isCohortInstructor(sql: Queryable, cohortId: number, userId: number): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM cohort_instructors WHERE cohort_id = ${cohortId} AND user_id = ${userId}`;
  return Boolean(row);
}

/** Whether the user teaches any cohort of the course. */
export async function teachesCourse(sql: Queryable, courseId: number, userId: number): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM cohort_instructors ci JOIN cohorts h ON h.id = ci.cohort_id WHERE h.course_id = ${courseId} AND ci.user_id = ${userId} LIMIT 1`;
  return Boolean(row);
}

/** Replaces the cohort's instructors. */
export async function setCohortInstructors(sql: Queryable, cohortId: number, instructorIds: number[], actor: TrainingActor): Promise<void> {
  const ids = [...new Set(parseInput(z.array(z.number().int().positive()).max(50), instructorIds))];
  await inTransaction(sql, async (tx) => {
    await getCohort(tx, cohortId);
    await assertInstructors(tx, ids);
    await tx`DELETE FROM cohort_instructors WHERE cohort_id = ${cohortId}`;
    for (const userId of ids) await tx`INSERT INTO cohort_instructors (cohort_id, user_id) VALUES (${cohortId}, ${userId})`;
    await auditBy(tx, actor, { action: 'cohort.instructors.set', entityType: 'cohort', entityId: cohortId, details: { instructorIds: ids } });
  });
}

export interface CohortInstructorRow {
  id: number;
  email: string;
  display_name: string;
}

export async function listCohortInstructors(sql: Queryable, cohortId: number): Promise<CohortInstructorRow[]> {
  return sql<CohortInstructorRow[]>`
    SELECT u.id, u.email, u.display_name FROM cohort_instructors ci JOIN users u ON u.id = ci.user_id
    WHERE ci.cohort_id = ${cohortId} ORDER BY u.display_name, u.email`;
}

/** Adds one instructor to a cohort (idempotent). */
export async function attachCohortInstructor(sql: Queryable, cohortId: number, userId: number, actor: TrainingActor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    await getCohort(tx, cohortId);
    await assertInstructors(tx, [userId]);
    await tx`INSERT INTO cohort_instructors (cohort_id, user_id) VALUES (${cohortId}, ${userId}) ON CONFLICT DO NOTHING`;
    await auditBy(tx, actor, { action: 'cohort.instructor.attach', entityType: 'cohort', entityId: cohortId, details: { userId } });
  });
}

/** Removes one instructor from a cohort; their grades and marks stay. */
export async function detachCohortInstructor(sql: Queryable, cohortId: number, userId: number, actor: TrainingActor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const [row] = await tx`DELETE FROM cohort_instructors WHERE cohort_id = ${cohortId} AND user_id = ${userId} RETURNING user_id`;
    if (!row) notFound('Этот преподаватель не назначен на поток');
    await auditBy(tx, actor, { action: 'cohort.instructor.detach', entityType: 'cohort', entityId: cohortId, details: { userId } });
  });
}
