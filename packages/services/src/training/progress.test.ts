import { describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { useTestDatabase } from '@most/db/testing';
import { getCourseOutline } from './courses';
import { listCohortSessions } from './cohorts';
import { changeEnrolmentState, enrolTrainee } from './enrolments';
import { gradeSubmission, markAttendance, markLessonComplete, submitAssignment } from './coursework';
import { cohortProgress, listMyAssignments, listMyCourses, listUpcomingSessions } from './progress';
import { insertOrganization, insertUser, makeCourse, monitor, sampleCohort } from './test-fixtures';

describe('trainee and instructor views', () => {
  const db = useTestDatabase();
  const dataDir = useTempDir('most-progress-');

  it('shows progress, upcoming sessions, assignment statuses with due dates and the cohort table', async () => {
    const orgId = await insertOrganization(db.sql, 'adm-volsk', 'Администрация Вольского района');
    const course = await makeCourse(db.sql);
    const cohort = await sampleCohort(db.sql, course.id);
    const userId = await insertUser(db.sql, 'sokolova@most.test', 'trainee', orgId);
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor, new Date('2026-02-10T00:00:00Z'));
    await changeEnrolmentState(db.sql, enrolment.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
    const outline = await getCourseOutline(db.sql, course.id);
    await markLessonComplete(db.sql, enrolment.id, outline.modules[0]!.lessons[0]!.id);
    const actor = { id: userId, label: 'sokolova' };
    const [audit, essay] = outline.assignments;
    const s1 = await submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'ответ' }, actor);
    await gradeSubmission(db.sql, s1.id, { score: 7, feedback: 'Зачтено' }, monitor);
    await submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: essay!.id, text: 'эссе' }, actor);

    const [mine] = await listMyCourses(db.sql, userId);
    // 2 lessons + 3 assignments; 1 lesson done and 1 assignment passed.
    expect(mine).toMatchObject({
      course_title: course.title,
      state: 'active',
      lessons_total: 2,
      lessons_done: 1,
      assignments_total: 3,
      assignments_passed: 1,
      progress_percent: 40,
      certificate_id: null,
    });

    const statuses = await listMyAssignments(db.sql, enrolment.id);
    expect(statuses.map((a) => [a.title, a.status, a.last_score])).toEqual([
      ['Аудит своей страницы', 'passed', 7],
      ['Эссе (по желанию)', 'awaiting_grade', null],
      ['Итоговая аттестация', 'not_submitted', null],
    ]);
    // Due on day 7 after 2 March: the end of 9 March in Saratov (UTC+4).
    expect(statuses[0]!.due_at.toISOString()).toBe('2026-03-09T19:59:59.000Z');

    const upcoming = await listUpcomingSessions(db.sql, userId, new Date('2026-03-05T00:00:00Z'));
    expect(upcoming.map((s) => s.title)).toEqual(['Практикум']);
    expect(upcoming[0]).toMatchObject({ mode: 'offline', place: 'Саратов, ул. Московская, 72, ауд. 5' });

    const sessions = await listCohortSessions(db.sql, cohort.id);
    await markAttendance(db.sql, sessions[0]!.id, [{ enrolmentId: enrolment.id, status: 'present' }], monitor);
    const [row] = await cohortProgress(db.sql, cohort.id, new Date('2026-03-05T00:00:00Z'));
    expect(row).toMatchObject({
      trainee_name: 'sokolova',
      organization_name: 'Администрация Вольского района',
      lessons_done: 1,
      assignments_passed: 1,
      required_assignments: 1,
      attendance_percent: 100,
      final_passed: false,
      meets_completion_rule: false,
    });
  });
});
