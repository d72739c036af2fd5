import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { addDays, regionDate } from '@most/domain';
import { AppError } from '@most/shared';
import { useTestDatabase } from '@most/db/testing';
import { getCourseOutline } from './courses';
import { applyForCohort, changeEnrolmentState, enrolTrainee, listEnrolmentEvents } from './enrolments';
import { submitAssignment } from './coursework';
import { listMyAssignments, listMyCourses } from './progress';
import { insertOrganization, insertUser, makeCourse, monitor, sampleCohort } from './test-fixtures';

const today = regionDate(new Date());
const running = {
  startsOn: addDays(today, -3),
  endsOn: addDays(today, 30),
  enrolmentOpensAt: new Date(Date.now() - 10 * 86_400_000),
  enrolmentClosesAt: new Date(Date.now() + 86_400_000),
  capacity: 10,
};

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('enrolment lifecycle: a trainee studies from the cohort start without manual steps', () => {
  const db = useTestDatabase();
  const dataDir = useTempDir('most-lifecycle-');
  let orgId: number;
  beforeAll(async () => {
    orgId = await insertOrganization(db.sql, 'adm-engels', 'Администрация Энгельсского района');
  });

  it('enrolment into a running cohort starts studying at once, and the answer is accepted', async () => {
    const course = await makeCourse(db.sql, { title: 'Курс идущего потока' });
    const cohort = await sampleCohort(db.sql, course.id, running);
    const userId = await insertUser(db.sql, 'running@most.test', 'trainee', orgId);
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor);
    expect(enrolment.state).toBe('active');
    expect((await listEnrolmentEvents(db.sql, enrolment.id)).map((e) => e.to_state)).toEqual(['enrolled', 'active']);
    const [mine] = await listMyCourses(db.sql, userId);
    expect(mine?.coursework_closed_reason).toBeNull();
    const outline = await getCourseOutline(db.sql, course.id);
    const submission = await submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: outline.assignments[0]!.id, text: 'Ответ' }, { id: userId, label: 'trainee' });
    expect(submission.attempt).toBe(1);
    // The default deadline is a week after the cohort start, in the future for a cohort started three days ago.
    const [first] = await listMyAssignments(db.sql, enrolment.id);
    expect(first!.due_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('an application is not studying: the page gets the reason, the server refuses with the same words; enrolling starts it', async () => {
    const course = await makeCourse(db.sql, { title: 'Курс с заявками' });
    const cohort = await sampleCohort(db.sql, course.id, running);
    const userId = await insertUser(db.sql, 'applied@most.test', 'trainee', orgId);
    const applied = await applyForCohort(db.sql, { cohortId: cohort.id, userId }, monitor);
    const [mine] = await listMyCourses(db.sql, userId);
    expect(mine?.coursework_closed_reason).toBe('awaiting_enrolment');
    const outline = await getCourseOutline(db.sql, course.id);
    const error = await refusal(submitAssignment(db.sql, dataDir.path, { enrolmentId: applied.id, assignmentId: outline.assignments[0]!.id, text: 'Ответ' }, { id: userId, label: 'trainee' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('Заявка ещё не рассмотрена');
    const enrolled = await changeEnrolmentState(db.sql, applied.id, { to: 'enrolled' }, monitor);
    expect(enrolled.state).toBe('active');
  });

  it('a cohort that has not started says so and refuses answers until its first day', async () => {
    const course = await makeCourse(db.sql, { title: 'Курс будущего потока' });
    const cohort = await sampleCohort(db.sql, course.id, { ...running, startsOn: addDays(today, 5), endsOn: addDays(today, 60) });
    const userId = await insertUser(db.sql, 'future@most.test', 'trainee', orgId);
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor);
    expect(enrolment.state).toBe('enrolled');
    const [mine] = await listMyCourses(db.sql, userId);
    expect(mine?.coursework_closed_reason).toBe('not_started');
    const outline = await getCourseOutline(db.sql, course.id);
    const error = await refusal(submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: outline.assignments[0]!.id, text: 'Ответ' }, { id: userId, label: 'trainee' }));
    expect(error.message).toContain('Обучение ещё не началось');
  });

  it('refuses a cohort shorter than an assignment deadline, naming the assignment', async () => {
    const course = await makeCourse(db.sql, { title: 'Курс с поздним заданием' });
    // The sample final assessment is due on day 30.
    const error = await refusal(sampleCohort(db.sql, course.id, { ...running, startsOn: '2026-03-02', endsOn: '2026-03-20' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('Срок задания «Итоговая аттестация» (30-й день от начала, 01.04.2026) позже окончания потока (20.03.2026)');
  });
});
