import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { createUser } from '@most/services';
import { PASSWORD, startAttackTarget, type AttackTarget } from './harness';
import type { TestBrowser } from '../test-support/http-client';
import { createTestCourse, data } from '../test-support/training';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

/** Issue 13, items 4 (rejected uploads leave files) and 15 (any user reads any course outline). */
describe('coursework uploads and course outlines over real HTTP', () => {
  let target: AttackTarget;
  const dataDir = useTempDir('most-attack-uploads-');
  let monitor: TestBrowser;
  let trainee: TestBrowser;
  let courseId: number;
  let enrolmentId: number;
  let assignmentId: number;

  beforeAll(async () => {
    target = await startAttackTarget({ trustProxy: 1, dataDir: dataDir.path });
    await createUser(target.db.sql, { email: 'teacher2@most.test', role: 'instructor', password: PASSWORD }, { label: 'test' });
    monitor = await target.signedIn('monitor@most.test', { 'x-forwarded-for': '10.2.0.1' });
    trainee = await target.signedIn('trainee@most.test', { 'x-forwarded-for': '10.2.0.2' });
    courseId = await createTestCourse(monitor, { course: 'Госпаблики', assignment: 'Разбор' });
    const now = Date.now();
    const cohort = data<{ id: number }>(
      await monitor.mutate('training.monitor.createCohort', {
        courseId,
        title: 'Поток',
        formOfStudy: 'distance',
        capacity: 5,
        startsOn: new Date(now - 86_400_000).toISOString().slice(0, 10),
        endsOn: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
        enrolmentOpensAt: new Date(now - 10 * 86_400_000).toISOString(),
        enrolmentClosesAt: new Date(now + 86_400_000).toISOString(),
        completionRule: { mode: 'all', conditions: [{ kind: 'required_assignments_passed' }] },
      }),
    );
    const [traineeUser] = await target.db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'trainee@most.test'`;
    const [org] = await target.db.sql<{ id: number }[]>`SELECT id FROM organizations ORDER BY id LIMIT 1`;
    enrolmentId = data<{ id: number }>(await monitor.mutate('training.monitor.enrol', { cohortId: cohort.id, userId: traineeUser!.id, organizationId: org!.id })).id;
    const [state] = await target.db.sql<{ state: string }[]>`SELECT state FROM enrolments WHERE id = ${enrolmentId}`;
    if (state!.state !== 'active') data(await monitor.mutate('training.monitor.changeState', { enrolmentId, to: 'active' }));
    assignmentId = data<{ assignmentId: number }[]>(await trainee.query('training.trainee.assignments', { enrolmentId }))[0]!.assignmentId;
  });
  afterAll(async () => {
    await target?.close();
  });

  it('item 4: a submission refused for its fifth file writes nothing to disk', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]).toString('base64');
    const files = [1, 2, 3, 4].map((n) => ({ fileName: `часть-${n}.pdf`, contentBase64: pdf }));
    files.push({ fileName: 'вирус.pdf', contentBase64: Buffer.from('MZ not a pdf').toString('base64') });
    const refused = await trainee.mutate('training.trainee.submit', { enrolmentId, assignmentId, text: 'ответ', files });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/не соответствует расширению/);
    expect(await filesUnder(dataDir.path)).toEqual([]);
    // A valid one is stored; a second while it awaits grading is refused and stores nothing more.
    data(await trainee.mutate('training.trainee.submit', { enrolmentId, assignmentId, text: 'ответ', files: files.slice(0, 1) }));
    expect(await filesUnder(dataDir.path)).toHaveLength(1);
    const again = await trainee.mutate('training.trainee.submit', { enrolmentId, assignmentId, text: 'ещё', files: files.slice(0, 2) });
    expect(again.status).toBe(409);
    expect(await filesUnder(dataDir.path)).toHaveLength(1);
  });

  it('item 15: a course outline is read by staff and its instructors only', async () => {
    expect(data<{ id: number }>(await monitor.query('training.monitor.course', { courseId })).id).toBe(courseId);
    for (const email of ['agency@most.test', 'trainee@most.test', 'teacher2@most.test']) {
      const stranger = await target.signedIn(email, { 'x-forwarded-for': '10.2.0.9' });
      expect((await stranger.query('training.monitor.course', { courseId })).status).toBe(403);
    }
  });
});
