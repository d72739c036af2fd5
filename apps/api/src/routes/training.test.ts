import { pdfText, requirePoppler } from '@most/shared/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { parse } from 'node-html-parser';
import type { Hono } from 'hono';
import { createTestApp, createTestUser, testBrowsers, useAppServices } from '../test-support/app';
import { TestBrowser } from '../test-support/http-client';
import { createTestCourse, data } from '../test-support/training';

describe('training over HTTP: trainee, instructor, monitor and the public verification page', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  const dataDir = useTempDir('most-training-api-');
  const { signedIn } = testBrowsers(() => app, '10.1.0');

  beforeAll(async () => {
    requirePoppler();
    app = createTestApp({ sql: db.sql, queue, publicUrl: 'http://localhost', dataDir: dataDir.path });
    await db.sql`INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('adm-rtishchevo', 'Администрация Ртищевского района', 'Администрация Ртищево', 'local_government', 'other')`;
    await createTestUser(db.sql, 'monitor@most.test', 'monitor');
    await createTestUser(db.sql, 'teacher@most.test', 'instructor');
    await createTestUser(db.sql, 'other-teacher@most.test', 'instructor');
    await createTestUser(db.sql, 'trainee@most.test', 'trainee', 'adm-rtishchevo');
    await createTestUser(db.sql, 'nosy@most.test', 'trainee', 'adm-rtishchevo');
  });

  it('runs a cohort from creation to a verified, then revoked, certificate', async () => {
    const monitor = await signedIn('monitor@most.test');
    const teacher = await signedIn('teacher@most.test');
    const trainee = await signedIn('trainee@most.test');
    const teacherId = (await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'teacher@most.test'`)[0]!.id;

    expect((await monitor.mutate('training.monitor.createCourse', { title: 'Слишком короткий', kind: 'qualification_upgrade', totalHours: 8 })).status).toBe(400);
    const courseId = await createTestCourse(monitor, { course: 'Госпаблики: ответы жителям', assignment: 'Разбор комментариев' });
    const now = Date.now();
    const cohort = data<{ id: number }>(
      await monitor.mutate('training.monitor.createCohort', {
        courseId,
        title: 'Поток 1',
        startsOn: new Date(now - 86_400_000).toISOString().slice(0, 10),
        endsOn: new Date(now + 30 * 86_400_000).toISOString().slice(0, 10),
        formOfStudy: 'distance',
        capacity: 5,
        enrolmentOpensAt: new Date(now - 10 * 86_400_000).toISOString(),
        enrolmentClosesAt: new Date(now + 86_400_000).toISOString(),
        completionRule: { mode: 'all', conditions: [{ kind: 'required_assignments_passed' }, { kind: 'attendance_at_least', percent: 50 }] },
        instructorIds: [teacherId],
        sessions: [{ title: 'Вебинар', startsAt: new Date(now - 3_600_000 * 5).toISOString(), hours: 2, mode: 'online', link: 'https://meet.example.org/1' }],
      }),
    );

    // Trainees cannot manage courses; instructors of other cohorts cannot see this one.
    expect((await trainee.mutate('training.monitor.createCourse', { title: 'Взлом', kind: 'qualification_upgrade', totalHours: 16 })).status).toBe(403);
    const outsider = await signedIn('other-teacher@most.test');
    expect((await outsider.query('training.instructor.cohortProgress', { cohortId: cohort.id })).status).toBe(403);

    // The trainee applies in the window; the monitor enrols, and since the cohort is running the training starts at once.
    const applied = data<{ id: number; state: string }>(await trainee.mutate('training.trainee.applyForCohort', { cohortId: cohort.id }));
    expect(applied.state).toBe('applied');
    expect(data<{ state: string }>(await monitor.mutate('training.monitor.changeState', { enrolmentId: applied.id, to: 'enrolled' })).state).toBe('active');
    expect((await monitor.mutate('training.monitor.changeState', { enrolmentId: applied.id, to: 'applied' })).status).toBe(409);
    data(
      await monitor.mutate('training.monitor.saveProfile', {
        userId: (await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'trainee@most.test'`)[0]!.id,
        profile: { surname: 'Орлова', givenName: 'Нина', patronymic: 'Игоревна', snils: '112-233-445 95' },
      }),
    );

    const nosy = await signedIn('nosy@most.test');
    expect((await nosy.mutate('training.trainee.saveMyProfile', { surname: 'Носова', givenName: 'Ася', snils: '123-456-789 00' })).status).toBe(400);
    data(await nosy.mutate('training.trainee.saveMyProfile', { surname: 'Носова', givenName: 'Ася', snils: '123-456-789 64', birthDate: '1995-05-05', sex: 'female' }));
    expect(data<{ surname: string; snils: string }>(await nosy.query('training.trainee.myProfile'))).toMatchObject({ surname: 'Носова', snils: '12345678964' });
    expect((await nosy.query('training.trainee.assignments', { enrolmentId: applied.id })).status).toBe(403);

    // Teaching material: the monitor attaches slides, the trainee downloads them.
    const outline = data<{ modules: { lessons: { id: number }[] }[] }>(await trainee.query('training.trainee.courseOutline', { enrolmentId: applied.id }));
    const slides = Buffer.from('%PDF-1.4\nслайды\n').toString('base64');
    const attached = data<{ id: number }>(await monitor.mutate('training.monitor.attachLessonFile', { lessonId: outline.modules[0]!.lessons[0]!.id, fileName: 'слайды.pdf', contentBase64: slides }));
    expect(data<{ contentBase64: string }>(await trainee.query('training.trainee.lessonFile', { enrolmentId: applied.id, fileId: attached.id })).contentBase64).toBe(slides);
    expect((await nosy.query('training.trainee.lessonFile', { enrolmentId: applied.id, fileId: attached.id })).status).toBe(403);
    data(await trainee.mutate('training.trainee.completeLesson', { enrolmentId: applied.id, lessonId: outline.modules[0]!.lessons[0]!.id }));

    const [assignment] = data<{ assignmentId: number; status: string }[]>(await trainee.query('training.trainee.assignments', { enrolmentId: applied.id }));
    expect(assignment!.status).toBe('not_submitted');
    const pdfUpload = Buffer.from('%PDF-1.4\nответ\n').toString('base64');
    data(
      await trainee.mutate('training.trainee.submit', {
        enrolmentId: applied.id,
        assignmentId: assignment!.assignmentId,
        text: 'Мой разбор',
        files: [{ fileName: 'разбор.pdf', contentBase64: pdfUpload }],
      }),
    );

    // The instructor grades from the queue, downloads the file and marks attendance; completion follows.
    const queueRows = data<{ submissionId: number; files: { id: number }[] }[]>(await teacher.query('training.instructor.gradingQueue', {}));
    expect(queueRows).toHaveLength(1);
    const file = data<{ fileName: string; contentBase64: string }>(await teacher.query('training.instructor.submissionFile', { fileId: queueRows[0]!.files[0]!.id }));
    expect(file).toMatchObject({ fileName: 'разбор.pdf', contentBase64: pdfUpload });
    const graded = data<{ passed: boolean; completion: { complete: boolean } }>(
      await teacher.mutate('training.instructor.grade', { submissionId: queueRows[0]!.submissionId, score: 9, feedback: 'Отлично' }),
    );
    expect(graded).toMatchObject({ passed: true, completion: { complete: false } });
    const [session] = data<{ id: number }[]>(await teacher.query('training.instructor.sessions', { cohortId: cohort.id }));
    data(await teacher.mutate('training.instructor.markAttendance', { sessionId: session!.id, marks: [{ enrolmentId: applied.id, status: 'present' }] }));
    const [progress] = data<{ state: string; attendancePercent: number }[]>(await teacher.query('training.instructor.cohortProgress', { cohortId: cohort.id }));
    expect(progress).toMatchObject({ state: 'completed', attendancePercent: 100 });

    const [mine] = data<{ progressPercent: number; state: string }[]>(await trainee.query('training.trainee.myCourses'));
    expect(mine).toMatchObject({ state: 'completed', progressPercent: 100 });

    // The monitor issues the document; the trainee downloads it; anyone can verify it.
    const today = new Date().toISOString().slice(0, 10);
    const certificate = data<{ id: number; verificationCode: string; holderName: string }>(await monitor.mutate('training.monitor.issueCertificate', { enrolmentId: applied.id, issueDate: today }));
    expect(certificate.holderName).toBe('Орлова Нина Игоревна');
    expect((await nosy.query('training.trainee.certificatePdf', { certificateId: certificate.id })).status).toBe(403);
    const pdf = data<{ fileName: string; contentBase64: string }>(await trainee.query('training.trainee.certificatePdf', { certificateId: certificate.id }));
    const pdfPath = join(dataDir.path, 'cert.pdf');
    await writeFile(pdfPath, Buffer.from(pdf.contentBase64, 'base64'));
    const stdout = await pdfText(pdfPath);
    expect(stdout).toContain('Орлова Нина Игоревна');
    expect(stdout).toContain(`http://localhost/verify/${certificate.verificationCode}`);

    const anonymous = new TestBrowser(app);
    const valid = parse(await (await anonymous.request(`/verify/${certificate.verificationCode}`)).text());
    expect(valid.querySelector('[data-status]')?.getAttribute('data-status')).toBe('valid');
    data(await monitor.mutate('training.monitor.revokeCertificate', { certificateId: certificate.id, reason: 'Ошибка в дате' }));
    const revoked = parse(await (await anonymous.request(`/verify/${certificate.verificationCode}`)).text());
    expect(revoked.querySelector('[data-status]')?.getAttribute('data-status')).toBe('revoked');
    expect(revoked.text).toContain('Ошибка в дате');

    // A fresh document for the ФРДО export, which lists what is missing instead of a file.
    data(await monitor.mutate('training.monitor.issueCertificate', { enrolmentId: applied.id, issueDate: today }));
    const exported = data<{ rowCount: number; file: unknown; problems: { column: string }[] }>(await teacher.mutate('training.instructor.exportFrdo', { cohortId: cohort.id }));
    expect(exported.rowCount).toBe(1);
    expect(exported.file).toBeNull();
    expect(exported.problems.map((p) => p.column)).toEqual(expect.arrayContaining(['Дата рождения получателя', 'Пол получателя']));
  });

  it('enrols from a CSV upload and reports bad rows by line', async () => {
    const monitor = await signedIn('monitor@most.test');
    const [cohort] = await db.sql<{ id: number }[]>`SELECT id FROM cohorts ORDER BY id LIMIT 1`;
    const csv = 'email;фамилия;имя;организация;снилс\nnew1@most.test;Лебедев;Антон;adm-rtishchevo;123-456-789 64\nnew2@most.test;Зайцева;Ольга;adm-rtishchevo;123-456-789 00\n';
    const bad = data<{ enrolled: number; errors: { line: number }[] }>(
      await monitor.mutate('training.monitor.bulkEnrol', { cohortId: cohort!.id, fileName: 'list.csv', contentBase64: Buffer.from(csv).toString('base64') }),
    );
    expect(bad).toMatchObject({ enrolled: 0, errors: [{ line: 3 }] });
    const good = data<{ enrolled: number; createdUsers: number }>(
      await monitor.mutate('training.monitor.bulkEnrol', { cohortId: cohort!.id, fileName: 'list.csv', contentBase64: Buffer.from(csv.replace('123-456-789 00', '')).toString('base64') }),
    );
    expect(good).toEqual({ enrolled: 2, createdUsers: 2, errors: [] });
    const list = data<{ email: string; state: string }[]>(await monitor.query('training.monitor.enrolments', { cohortId: cohort!.id }));
    // The cohort is running: enrolled people study at once.
    expect(list.filter((e) => e.email.startsWith('new')).map((e) => e.state)).toEqual(['active', 'active']);
  });
});
