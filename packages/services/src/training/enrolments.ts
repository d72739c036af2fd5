import { AppError } from '@most/shared';
import { applyTransition, ENROLMENT_STATES, regionDate, type EnrolmentState } from '@most/domain';
import type { Queryable, Sql } from '@most/db';
import { auditBy } from '@most/db';
import { inTransaction, notFound, type TrainingActor } from './common';

export interface EnrolmentRow {
  id: number;
  cohort_id: number;
  user_id: number;
  organization_id: number;
  state: EnrolmentState;
  state_since: Date;
  state_reason: string | null;
  applied_at: Date;
  enrolled_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  manual_mark: boolean;
}

const ENROLMENT_COLUMNS = (sql: Queryable) => sql`id, cohort_id, user_id, organization_id, state, state_since, state_reason, applied_at, enrolled_at, started_at, finished_at, manual_mark`;

export async function getEnrolment(sql: Queryable, enrolmentId: number): Promise<EnrolmentRow> {
  const [row] = await sql<EnrolmentRow[]>`SELECT ${ENROLMENT_COLUMNS(sql)} FROM enrolments WHERE id = ${enrolmentId}`;
  if (!row) notFound('Запись на обучение не найдена');
  return row;
}

export async function findEnrolment(sql: Queryable, cohortId: number, userId: number): Promise<EnrolmentRow | null> {
  const [row] = await sql<EnrolmentRow[]>`SELECT ${ENROLMENT_COLUMNS(sql)} FROM enrolments WHERE cohort_id = ${cohortId} AND user_id = ${userId}`;
  return row ?? null;
}

async function assertSeatFree(tx: Queryable, cohortId: number) {
  // Serialise seat counting per cohort so that two enrolments cannot both take the last seat.
  const [cohort] = await tx<{ capacity: number }[]>`SELECT capacity FROM cohorts WHERE id = ${cohortId} FOR UPDATE`;
  if (!cohort) notFound('Поток не найден');
  const [{ taken } = { taken: 0 }] = await tx<{ taken: number }[]>`
    SELECT count(*)::int AS taken FROM enrolments WHERE cohort_id = ${cohortId} AND state NOT IN ('applied', 'withdrawn')`;
  if (taken >= cohort.capacity) throw new AppError('CONFLICT', `В потоке нет свободных мест (${cohort.capacity})`);
}

async function recordChange(tx: Queryable, enrolmentId: number, from: EnrolmentState | null, to: EnrolmentState, at: Date, reason: string | null, actor: TrainingActor) {
  await tx`INSERT INTO enrolment_events (enrolment_id, from_state, to_state, at, reason, actor_id) VALUES (${enrolmentId}, ${from}, ${to}, ${at}, ${reason}, ${actor.id})`;
  await auditBy(tx, actor, {
    action: from === null ? 'enrolment.create' : 'enrolment.transition',
    entityType: 'enrolment',
    entityId: enrolmentId,
    details: { from, to, at: at.toISOString(), reason },
  });
}

async function resolveTrainee(tx: Queryable, userId: number, organizationId: number | null) {
  const [user] = await tx<{ id: number; role: string; organization_id: number | null; disabled_at: Date | null }[]>`
    SELECT id, role, organization_id, disabled_at FROM users WHERE id = ${userId}`;
  if (!user || user.disabled_at) notFound('Пользователь не найден');
  if (user.role !== 'trainee' && user.role !== 'agency') throw new AppError('BAD_REQUEST', 'Записать на курс можно только слушателя или сотрудника ведомства');
  const orgId = organizationId ?? user.organization_id;
  if (orgId === null) throw new AppError('BAD_REQUEST', 'Укажите организацию, в которой работает слушатель');
  const [org] = await tx`SELECT 1 FROM organizations WHERE id = ${orgId}`;
  if (!org) notFound('Организация не найдена');
  return orgId;
}

/** A trainee applies during the enrolment window; a monitor later enrols them. */
export async function applyForCohort(sql: Queryable, input: { cohortId: number; userId: number; organizationId?: number | null }, actor: TrainingActor, now = new Date()): Promise<EnrolmentRow> {
  return inTransaction(sql, async (tx) => {
    const [cohort] = await tx<{ enrolment_opens_at: Date; enrolment_closes_at: Date }[]>`
      SELECT enrolment_opens_at, enrolment_closes_at FROM cohorts WHERE id = ${input.cohortId}`;
    if (!cohort) notFound('Поток не найден');
    if (now < cohort.enrolment_opens_at || now > cohort.enrolment_closes_at) throw new AppError('CONFLICT', 'Приём заявок в этот поток закрыт');
    return createEnrolment(tx, { ...input, state: 'applied' }, actor, now);
  });
}

/** A monitor enrols a person directly (the application step is implied). */
export async function enrolTrainee(sql: Queryable, input: { cohortId: number; userId: number; organizationId?: number | null }, actor: TrainingActor, now = new Date()): Promise<EnrolmentRow> {
  return inTransaction(sql, async (tx) => {
    await assertSeatFree(tx, input.cohortId);
    const row = await createEnrolment(tx, { ...input, state: 'enrolled' }, actor, now);
    return (await startEnrolmentIfRunning(tx, row.id, actor, now)) ?? row;
  });
}

/**
 * An enrolled trainee of a cohort that has started (and not ended, in Saratov days) becomes
 * «Обучается»: at enrolment into a running cohort, on the cohort's first day (the hourly job)
 * and, as a safety net, on the trainee's first coursework action. Returns the started row or null.
 */
export async function startEnrolmentIfRunning(sql: Queryable, enrolmentId: number, actor: TrainingActor, now = new Date()): Promise<EnrolmentRow | null> {
  const [due] = await sql<{ id: number }[]>`
    SELECT e.id FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id
    WHERE e.id = ${enrolmentId} AND e.state = 'enrolled' AND h.starts_on <= ${regionDate(now)}::date AND h.ends_on >= ${regionDate(now)}::date`;
  if (!due) return null;
  return changeEnrolmentState(sql, enrolmentId, { to: 'active', at: now }, actor);
}

/** Starts every enrolled trainee of the cohorts running on `today` (YYYY-MM-DD, Saratov). Idempotent. */
export async function startRunningCohorts(sql: Queryable, today: string, actor: TrainingActor, now = new Date()): Promise<{ started: number }> {
  const due = await sql<{ id: number }[]>`
    SELECT e.id FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id
    WHERE e.state = 'enrolled' AND h.starts_on <= ${today}::date AND h.ends_on >= ${today}::date ORDER BY e.id`;
  for (const { id } of due) await changeEnrolmentState(sql, id, { to: 'active', at: now }, actor);
  return { started: due.length };
}

async function createEnrolment(
  tx: Sql,
  input: { cohortId: number; userId: number; organizationId?: number | null; state: 'applied' | 'enrolled' },
  actor: TrainingActor,
  now: Date,
): Promise<EnrolmentRow> {
  const organizationId = await resolveTrainee(tx, input.userId, input.organizationId ?? null);
  if (await findEnrolment(tx, input.cohortId, input.userId)) throw new AppError('CONFLICT', 'Этот человек уже записан в поток');
  const [row] = await tx<EnrolmentRow[]>`
    INSERT INTO enrolments (cohort_id, user_id, organization_id, state, state_since, applied_at, enrolled_at)
    VALUES (${input.cohortId}, ${input.userId}, ${organizationId}, ${input.state}, ${now}, ${now}, ${input.state === 'enrolled' ? now : null})
    ON CONFLICT (cohort_id, user_id) DO NOTHING
    RETURNING ${ENROLMENT_COLUMNS(tx)}`;
  if (!row) throw new AppError('CONFLICT', 'Этот человек уже записан в поток');
  await recordChange(tx, row.id, null, input.state, now, null, actor);
  return row;
}

/** Every state change goes through here: validated by the domain state machine, recorded and audited. */
export async function changeEnrolmentState(sql: Queryable, enrolmentId: number, request: { to: EnrolmentState; at?: Date; reason?: string | null }, actor: TrainingActor): Promise<EnrolmentRow> {
  if (!ENROLMENT_STATES.includes(request.to)) throw new AppError('BAD_REQUEST', 'Неизвестное состояние');
  return inTransaction(sql, async (tx) => {
    const [current] = await tx<EnrolmentRow[]>`SELECT ${ENROLMENT_COLUMNS(tx)} FROM enrolments WHERE id = ${enrolmentId} FOR UPDATE`;
    if (!current) notFound('Запись на обучение не найдена');
    const change = applyTransition({ state: current.state, stateSince: current.state_since }, { to: request.to, at: request.at ?? new Date(), reason: request.reason ?? null });
    if (change.to === 'enrolled') await assertSeatFree(tx, current.cohort_id);
    const finished = change.to === 'completed' || change.to === 'failed' || change.to === 'withdrawn';
    const [row] = await tx<EnrolmentRow[]>`
      UPDATE enrolments SET
        state = ${change.to}, state_since = ${change.at}, state_reason = ${change.reason},
        enrolled_at = CASE WHEN ${change.to} = 'enrolled' THEN ${change.at}::timestamptz ELSE enrolled_at END,
        started_at = CASE WHEN ${change.to} = 'active' AND started_at IS NULL THEN ${change.at}::timestamptz ELSE started_at END,
        finished_at = CASE WHEN ${finished} THEN ${change.at}::timestamptz ELSE finished_at END
      WHERE id = ${enrolmentId}
      RETURNING ${ENROLMENT_COLUMNS(tx)}`;
    await recordChange(tx, enrolmentId, change.from, change.to, change.at, change.reason, actor);
    if (change.to === 'enrolled') return (await startEnrolmentIfRunning(tx, enrolmentId, actor, change.at)) ?? row!;
    return row!;
  });
}

export async function setManualMark(sql: Queryable, enrolmentId: number, mark: boolean, actor: TrainingActor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const [row] = await tx`UPDATE enrolments SET manual_mark = ${mark} WHERE id = ${enrolmentId} RETURNING id`;
    if (!row) notFound('Запись на обучение не найдена');
    await auditBy(tx, actor, { action: 'enrolment.manual_mark', entityType: 'enrolment', entityId: enrolmentId, details: { mark } });
  });
}

export interface EnrolmentListRow extends EnrolmentRow {
  email: string;
  display_name: string;
  organization_name: string;
}

export async function listCohortEnrolments(sql: Queryable, cohortId: number): Promise<EnrolmentListRow[]> {
  return sql<EnrolmentListRow[]>`
    SELECT e.id, e.cohort_id, e.user_id, e.organization_id, e.state, e.state_since, e.state_reason, e.applied_at, e.enrolled_at,
           e.started_at, e.finished_at, e.manual_mark, u.email, u.display_name, o.short_name AS organization_name
    FROM enrolments e JOIN users u ON u.id = e.user_id JOIN organizations o ON o.id = e.organization_id
    WHERE e.cohort_id = ${cohortId} ORDER BY u.display_name, u.email`;
}

export async function listEnrolmentEvents(sql: Queryable, enrolmentId: number) {
  return sql<{ from_state: EnrolmentState | null; to_state: EnrolmentState; at: Date; reason: string | null; actor_id: number | null }[]>`
    SELECT from_state, to_state, at, reason, actor_id FROM enrolment_events WHERE enrolment_id = ${enrolmentId} ORDER BY at, id`;
}
