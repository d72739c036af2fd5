import { waitForJob } from '@most/queue/testing';
import { changeEnrolmentState, createCourse, enrolTrainee } from '@most/services';
import { manualMarkCohort } from '@most/services/testing';
import { describe, expect, it } from 'vitest';
import { useRunningWorker } from '../test-support';
import { TRAINING_SCHEDULER_ID } from './training';

const { db, queue } = useRunningWorker();
const actor = { id: null, label: 'test' };

describe('training jobs', () => {
  it('finalizes ended cohorts by their completion rule, once', async () => {
    const [org] = await db.sql<{ id: number }[]>`INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('t1', 'Администрация', 'Адм', 'local_government', 'other') RETURNING id`;
    const course = await createCourse(db.sql, { title: 'Курс для проверки', kind: 'qualification_upgrade', totalHours: 16 }, actor);
    const cohort = await manualMarkCohort(db.sql, course.id, { startsOn: '2026-01-12', endsOn: '2026-01-30', enrolmentOpensAt: '2026-01-01T00:00:00Z', enrolmentClosesAt: '2026-01-11T00:00:00Z' });
    const ids: number[] = [];
    for (const [email, mark] of [
      ['done@most.test', true],
      ['left@most.test', false],
    ] as const) {
      const [user] = await db.sql<{ id: number }[]>`INSERT INTO users (email, role, organization_id) VALUES (${email}, 'trainee', ${org!.id}) RETURNING id`;
      const e = await enrolTrainee(db.sql, { cohortId: cohort.id, userId: user!.id }, actor, new Date('2026-01-05T00:00:00Z'));
      await changeEnrolmentState(db.sql, e.id, { to: 'active', at: new Date('2026-01-12T00:00:00Z') }, actor);
      await db.sql`UPDATE enrolments SET manual_mark = ${mark} WHERE id = ${e.id}`;
      ids.push(e.id);
    }
    const early = await queue.enqueue('training-finalize', { date: '2026-01-30' });
    expect((await waitForJob(queue.queue('system'), early)).returnvalue).toEqual({ started: 0, cohorts: 0, completed: 0, failed: 0 });
    const due = await queue.enqueue('training-finalize', { date: '2026-01-31' });
    const done = await waitForJob(queue.queue('system'), due);
    expect(done.failedReason).toBeUndefined();
    expect(done.returnvalue).toEqual({ started: 0, cohorts: 1, completed: 1, failed: 1 });
    const states = await db.sql<{ state: string }[]>`SELECT state FROM enrolments WHERE id IN ${db.sql(ids)} ORDER BY id`;
    expect(states.map((s) => s.state)).toEqual(['completed', 'failed']);
    const again = await queue.enqueue('training-finalize', { date: '2026-02-01' });
    expect((await waitForJob(queue.queue('system'), again)).returnvalue).toEqual({ started: 0, cohorts: 0, completed: 0, failed: 0 });
  });

  it("starts enrolled trainees on the cohort's first day, once", async () => {
    const [org] = await db.sql<{ id: number }[]>`INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('t2', 'Школа', 'Школа', 'local_government', 'other') RETURNING id`;
    const course = await createCourse(db.sql, { title: 'Курс со стартом', kind: 'qualification_upgrade', totalHours: 16 }, actor);
    const cohort = await manualMarkCohort(
      db.sql,
      course.id,
      { startsOn: '2026-03-02', endsOn: '2026-03-20', enrolmentOpensAt: '2026-02-01T00:00:00Z', enrolmentClosesAt: '2026-03-01T00:00:00Z' },
      { title: 'Весенний поток' },
    );
    const [user] = await db.sql<{ id: number }[]>`INSERT INTO users (email, role, organization_id) VALUES ('spring@most.test', 'trainee', ${org!.id}) RETURNING id`;
    const e = await enrolTrainee(db.sql, { cohortId: cohort.id, userId: user!.id }, actor, new Date('2026-02-10T00:00:00Z'));
    expect(e.state).toBe('enrolled');
    const before = await queue.enqueue('training-finalize', { date: '2026-03-01' });
    expect((await waitForJob(queue.queue('system'), before)).returnvalue).toMatchObject({ started: 0 });
    const first = await queue.enqueue('training-finalize', { date: '2026-03-02' });
    expect((await waitForJob(queue.queue('system'), first)).returnvalue).toMatchObject({ started: 1 });
    const [row] = await db.sql<{ state: string; started_at: Date | null }[]>`SELECT state, started_at FROM enrolments WHERE id = ${e.id}`;
    expect(row?.state).toBe('active');
    expect(row?.started_at).not.toBeNull();
    const again = await queue.enqueue('training-finalize', { date: '2026-03-03' });
    expect((await waitForJob(queue.queue('system'), again)).returnvalue).toMatchObject({ started: 0 });
  });

  it('schedules the hourly run', async () => {
    const schedulers = await queue.queue('system').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(TRAINING_SCHEDULER_ID);
  });
});
