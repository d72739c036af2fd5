import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { useTestDatabase } from '@most/db/testing';
import { parseCsv } from '../registry/read-table';
import { archiveCourse, attachLessonFile, courseOfLessonFile, getCourseOutline } from './courses';
import { addCohortSession, getCohort, isCohortInstructor, listCohortSessions, setCohortInstructors } from './cohorts';
import { applyForCohort, changeEnrolmentState, enrolTrainee, listEnrolmentEvents } from './enrolments';
import { bulkEnrolFromTable } from './bulk-enrol';
import { attendanceSheet, gradeSubmission, gradingQueue, markAttendance, markLessonComplete, submitAssignment } from './coursework';
import { evaluateEnrolmentCompletion, finalizeCohort } from './completion';
import { issueCertificate, listCertificates, revokeCertificate, verifyCertificate } from './certificates';
import { readStoredFile, resolveStoragePath } from './files';
import { upsertTraineeProfile } from './profiles';
import { insertOrganization, insertUser, makeCourse, monitor, sampleCohort } from './test-fixtures';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% test\n');

describe('training data', () => {
  const db = useTestDatabase();
  const dataDir = useTempDir('most-training-');
  let orgId: number;
  let instructorId: number;
  beforeAll(async () => {
    orgId = await insertOrganization(db.sql, 'adm-balakovo', 'Администрация Балаковского района');
    instructorId = await insertUser(db.sql, 'teacher@most.test', 'instructor');
  });

  it('refuses courses below the legal minimum, in the domain and in the database', async () => {
    await expect(makeCourse(db.sql, { totalHours: 15 })).rejects.toThrow(/не менее 16 ч/);
    await expect(makeCourse(db.sql, { kind: 'professional_retraining', totalHours: 100 })).rejects.toThrow(/не менее 250 ч/);
    await expect(db.sql`INSERT INTO courses (title, kind, total_hours) VALUES ('Обход', 'professional_retraining', 249)`).rejects.toThrow(/check constraint/);
  });

  it('stores a course outline with modules, lessons, links and assignments', async () => {
    const course = await makeCourse(db.sql);
    const outline = await getCourseOutline(db.sql, course.id);
    expect(outline.modules.map((m) => [m.title, m.hours, m.lessons.length])).toEqual([
      ['Требования закона', 12, 1],
      ['Ответы на комментарии', 24, 1],
    ]);
    expect(outline.modules[0]!.lessons[0]!.links).toEqual([{ title: 'Закон', url: 'https://example.org/270' }]);
    expect(outline.assignments.map((a) => a.title)).toEqual(['Аудит своей страницы', 'Эссе (по желанию)', 'Итоговая аттестация']);
    expect(outline.assignments[0]!.rubric).toHaveLength(2);
    const lessonId = outline.modules[0]!.lessons[0]!.id;
    const file = await attachLessonFile(db.sql, dataDir.path, lessonId, { fileName: 'слайды.pdf', content: PDF_BYTES }, monitor);
    expect((await getCourseOutline(db.sql, course.id)).modules[0]!.lessons[0]!.files).toEqual([{ id: file.id, file_name: 'слайды.pdf', size_bytes: PDF_BYTES.byteLength }]);
    expect(await courseOfLessonFile(db.sql, file.id)).toBe(course.id);
    await archiveCourse(db.sql, course.id, monitor);
    await expect(sampleCohort(db.sql, course.id)).rejects.toThrow(/в архиве/);
  });

  it('validates cohorts: sessions need a link or a place, instructors must be instructors', async () => {
    const course = await makeCourse(db.sql);
    await expect(sampleCohort(db.sql, course.id, { sessions: [{ title: 'Х', startsAt: '2026-03-03T10:00:00Z', hours: 2, mode: 'online' }] })).rejects.toThrow(/link/);
    const trainee = await insertUser(db.sql, 'not-teacher@most.test', 'trainee', orgId);
    await expect(sampleCohort(db.sql, course.id, { instructorIds: [trainee] })).rejects.toThrow(/преподаватель/);
    const cohort = await sampleCohort(db.sql, course.id, { instructorIds: [instructorId] });
    const id = await addCohortSession(db.sql, cohort.id, { title: 'Итоговое', startsAt: '2026-04-09T10:00:00Z', hours: 2, mode: 'offline', place: 'Ауд. 1' }, monitor);
    expect((await listCohortSessions(db.sql, cohort.id)).map((s) => s.id)).toContain(id);
    expect(cohort).toMatchObject({ starts_on: '2026-03-02', ends_on: '2026-04-10', form_of_study: 'part_time', seats_taken: 0 });
    const second = await insertUser(db.sql, 'teacher2@most.test', 'instructor');
    await setCohortInstructors(db.sql, cohort.id, [second], monitor);
    expect(await isCohortInstructor(db.sql, cohort.id, instructorId)).toBe(false);
    expect(await isCohortInstructor(db.sql, cohort.id, second)).toBe(true);
  });

  it('runs an enrolment through its states with dates, reasons, history and audit; capacity and window hold', async () => {
    const course = await makeCourse(db.sql);
    const cohort = await sampleCohort(db.sql, course.id, { capacity: 1 });
    const a = await insertUser(db.sql, 'a@most.test', 'trainee', orgId);
    const b = await insertUser(db.sql, 'b@most.test', 'agency', orgId);
    await expect(applyForCohort(db.sql, { cohortId: cohort.id, userId: a }, monitor, new Date('2026-03-05T00:00:00Z'))).rejects.toThrow(/закрыт/);
    const applied = await applyForCohort(db.sql, { cohortId: cohort.id, userId: a }, monitor, new Date('2026-02-10T00:00:00Z'));
    expect(applied.state).toBe('applied');
    expect(applied.organization_id).toBe(orgId);
    await expect(applyForCohort(db.sql, { cohortId: cohort.id, userId: a }, monitor, new Date('2026-02-11T00:00:00Z'))).rejects.toThrow(/уже записан/);
    const enrolled = await changeEnrolmentState(db.sql, applied.id, { to: 'enrolled', at: new Date('2026-02-20T00:00:00Z') }, monitor);
    expect(enrolled.enrolled_at).toEqual(new Date('2026-02-20T00:00:00Z'));
    await expect(enrolTrainee(db.sql, { cohortId: cohort.id, userId: b }, monitor)).rejects.toThrow(/нет свободных мест/);
    await changeEnrolmentState(db.sql, applied.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
    await expect(changeEnrolmentState(db.sql, applied.id, { to: 'suspended', at: new Date('2026-03-05T00:00:00Z') }, monitor)).rejects.toThrow(/нужна причина/);
    await changeEnrolmentState(db.sql, applied.id, { to: 'suspended', at: new Date('2026-03-05T00:00:00Z'), reason: 'Больничный' }, monitor);
    const resumed = await changeEnrolmentState(db.sql, applied.id, { to: 'active', at: new Date('2026-03-12T00:00:00Z') }, monitor);
    expect(resumed.started_at).toEqual(new Date('2026-03-02T00:00:00Z'));
    await expect(changeEnrolmentState(db.sql, applied.id, { to: 'applied' }, monitor)).rejects.toThrow(/не допускается/);
    const withdrawn = await changeEnrolmentState(db.sql, applied.id, { to: 'withdrawn', at: new Date('2026-03-20T00:00:00Z'), reason: 'Уволился' }, monitor);
    expect(withdrawn).toMatchObject({ state: 'withdrawn', state_reason: 'Уволился', finished_at: new Date('2026-03-20T00:00:00Z') });
    const events = await listEnrolmentEvents(db.sql, applied.id);
    expect(events.map((e) => e.to_state)).toEqual(['applied', 'enrolled', 'active', 'suspended', 'active', 'withdrawn']);
    const audit = await db.sql`SELECT action FROM audit_log WHERE entity_type = 'enrolment' AND entity_id = ${String(applied.id)}`;
    expect(audit).toHaveLength(6);
    // The seat is free again once the first trainee left.
    expect((await enrolTrainee(db.sql, { cohortId: cohort.id, userId: b }, monitor)).state).toBe('enrolled');
  });

  it('takes coursework, grades with resubmission, marks attendance, completes automatically and issues a verifiable document', async () => {
    const course = await makeCourse(db.sql);
    const cohort = await sampleCohort(db.sql, course.id, { instructorIds: [instructorId] });
    const userId = await insertUser(db.sql, 'ivanova@most.test', 'trainee', orgId);
    await upsertTraineeProfile(
      db.sql,
      userId,
      { surname: 'Иванова', givenName: 'Мария', patronymic: 'Петровна', snils: '112-233-445 95', birthDate: '1990-04-15', sex: 'female', educationLevel: 'higher' },
      monitor,
    );
    await expect(upsertTraineeProfile(db.sql, userId, { surname: 'И', givenName: 'М', snils: '112-233-445 96' }, monitor)).rejects.toThrow(/СНИЛС/);
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor, new Date('2026-02-15T00:00:00Z'));
    const outline = await getCourseOutline(db.sql, course.id);
    const [audit, essay, final] = outline.assignments;
    const actor = { id: userId, label: 'ivanova@most.test' };

    await expect(submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'рано' }, actor)).rejects.toThrow(/сдавать задания больше нельзя/);
    await changeEnrolmentState(db.sql, enrolment.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
    await markLessonComplete(db.sql, enrolment.id, outline.modules[0]!.lessons[0]!.id);
    await markLessonComplete(db.sql, enrolment.id, outline.modules[0]!.lessons[0]!.id);

    await expect(submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, files: [{ fileName: 'virus.exe', content: PDF_BYTES }] }, actor)).rejects.toThrow(
      /не принимается/,
    );
    await expect(
      submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, files: [{ fileName: 'fake.pdf', content: new Uint8Array([1, 2, 3]) }] }, actor),
    ).rejects.toThrow(/не соответствует/);
    await expect(
      submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, files: [{ fileName: 'big.txt', content: new Uint8Array(10 * 1024 * 1024 + 1).fill(65) }] }, actor),
    ).rejects.toThrow(/больше 10 МБ/);
    const first = await submitAssignment(
      db.sql,
      dataDir.path,
      { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'Мой аудит', files: [{ fileName: 'аудит.pdf', content: PDF_BYTES }] },
      actor,
    );
    expect(first.attempt).toBe(1);
    await expect(submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'ещё' }, actor)).rejects.toThrow(/ещё не проверен/);

    const queue = await gradingQueue(db.sql, { instructorId });
    expect(queue.map((q) => [q.submission_id, q.trainee_name, q.files.map((f) => f.file_name)])).toEqual([[first.id, 'Иванова Мария Петровна', ['аудит.pdf']]]);
    expect(await gradingQueue(db.sql, { instructorId: 999_999 })).toEqual([]);
    const [stored] = await db.sql<
      { id: number; storage_path: string; size_bytes: number }[]
    >`SELECT f.id, f.storage_path, f.size_bytes FROM stored_files f JOIN submission_files sf ON sf.file_id = f.id WHERE sf.submission_id = ${first.id}`;
    expect(stored!.size_bytes).toBe(PDF_BYTES.byteLength);
    expect(await readFile(resolveStoragePath(dataDir.path, stored!.storage_path))).toEqual(Buffer.from(PDF_BYTES));
    expect((await readStoredFile(db.sql, dataDir.path, stored!.id)).file.file_name).toBe('аудит.pdf');

    await expect(gradeSubmission(db.sql, first.id, { score: 11 }, monitor)).rejects.toThrow(/выше максимальной/);
    await expect(gradeSubmission(db.sql, first.id, { score: 5, rubricScores: [{ criterion: 'Полнота', points: 7 }] }, monitor)).rejects.toThrow(/не более 6/);
    expect((await gradeSubmission(db.sql, first.id, { score: 4, feedback: 'Нет выводов', allowResubmission: true }, monitor)).passed).toBe(false);
    const second = await submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'Исправленный аудит' }, actor);
    expect(second.attempt).toBe(2);
    await gradeSubmission(
      db.sql,
      second.id,
      {
        score: 8,
        feedback: 'Хорошо',
        rubricScores: [
          { criterion: 'Полнота', points: 5 },
          { criterion: 'Выводы', points: 3 },
        ],
      },
      { id: instructorId, label: 'teacher' },
    );
    await expect(submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: audit!.id, text: 'третья' }, actor)).rejects.toThrow(/не разрешена/);
    expect(essay!.required).toBe(false);

    const sessions = await listCohortSessions(db.sql, cohort.id);
    const now = new Date('2026-03-20T00:00:00Z');
    await markAttendance(db.sql, sessions[0]!.id, [{ enrolmentId: enrolment.id, status: 'present' }], { id: instructorId, label: 'teacher' });
    await markAttendance(db.sql, sessions[1]!.id, [{ enrolmentId: enrolment.id, status: 'absent' }], { id: instructorId, label: 'teacher' });
    expect((await attendanceSheet(db.sql, sessions[0]!.id))[0]).toMatchObject({ status: 'present', hours: 4 });
    const finalSubmission = await submitAssignment(db.sql, dataDir.path, { enrolmentId: enrolment.id, assignmentId: final!.id, text: 'Итоговая работа' }, actor);
    await gradeSubmission(db.sql, finalSubmission.id, { score: 90 }, monitor);

    let outcome = await evaluateEnrolmentCompletion(db.sql, enrolment.id, monitor, now);
    expect(outcome.complete).toBe(false);
    expect(outcome.conditions.find((c) => c.condition.kind === 'attendance_at_least')?.detail).toContain('50 %');
    // The absence is re-marked as excused: attendance becomes 100 % of the counted hours.
    await markAttendance(db.sql, sessions[1]!.id, [{ enrolmentId: enrolment.id, status: 'excused' }], monitor);
    outcome = await evaluateEnrolmentCompletion(db.sql, enrolment.id, monitor, now);
    expect(outcome).toMatchObject({ complete: true, state: 'completed' });

    await expect(issueCertificate(db.sql, enrolment.id, { issueDate: '2026-03-19' }, monitor)).rejects.toThrow(/раньше окончания/);
    const certificate = await issueCertificate(db.sql, enrolment.id, { issueDate: '2026-03-25' }, monitor);
    expect(certificate).toMatchObject({ document_type: 'qualification_certificate', series: 'ПК26', issue_date: '2026-03-25', holder_name: 'Иванова Мария Петровна', hours: 36 });
    expect(certificate.number).toMatch(/^\d{6}$/);
    await expect(issueCertificate(db.sql, enrolment.id, { issueDate: '2026-03-25' }, monitor)).rejects.toThrow(/уже выдан/);
    const valid = await verifyCertificate(db.sql, certificate.verification_code.toLowerCase());
    expect(valid).toMatchObject({ status: 'valid', holderName: 'Иванова Мария Петровна', programmeTitle: 'Ведение официальных страниц органов власти', hours: 36, issueDate: '2026-03-25' });
    expect(await verifyCertificate(db.sql, 'ZZZZZZZZZZZZ')).toBeNull();
    expect(await verifyCertificate(db.sql, "'; DROP TABLE certificates; --")).toBeNull();

    await revokeCertificate(db.sql, certificate.id, 'Выдан по ошибке', monitor);
    await expect(revokeCertificate(db.sql, certificate.id, 'ещё раз', monitor)).rejects.toThrow(/уже отозван/);
    expect(await verifyCertificate(db.sql, certificate.verification_code)).toMatchObject({ status: 'revoked', revokedReason: 'Выдан по ошибке' });
    const reissued = await issueCertificate(db.sql, enrolment.id, { issueDate: '2026-03-26' }, monitor);
    expect(Number(reissued.number)).toBe(Number(certificate.number) + 1);
    expect(reissued.registration_number).not.toBe(certificate.registration_number);
    expect((await listCertificates(db.sql, { cohortId: cohort.id })).map((c) => c.id)).toEqual([certificate.id, reissued.id]);
    const actions = await db.sql<{ action: string }[]>`SELECT action FROM audit_log WHERE entity_type = 'certificate' ORDER BY id`;
    expect(actions.map((a) => a.action)).toEqual(['certificate.issue', 'certificate.revoke', 'certificate.issue']);
  });

  it('fails the unfinished at the end of a cohort, with the reason, and gives them a справка', async () => {
    const course = await makeCourse(db.sql);
    const cohort = await sampleCohort(db.sql, course.id);
    const userId = await insertUser(db.sql, 'petrov@most.test', 'trainee', orgId);
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor, new Date('2026-02-15T00:00:00Z'));
    await changeEnrolmentState(db.sql, enrolment.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
    const [session] = await listCohortSessions(db.sql, cohort.id);
    await markAttendance(db.sql, session!.id, [{ enrolmentId: enrolment.id, status: 'present', hours: 3 }], monitor);
    expect(await finalizeCohort(db.sql, cohort.id, monitor, new Date('2026-04-11T00:00:00Z'))).toEqual({ completed: 0, failed: 1 });
    const [row] = await db.sql<{ state: string; state_reason: string }[]>`SELECT state, state_reason FROM enrolments WHERE id = ${enrolment.id}`;
    expect(row!.state).toBe('failed');
    expect(row!.state_reason).toMatch(/Условия завершения не выполнены: .*итоговая аттестация не пройдена/);
    const record = await issueCertificate(db.sql, enrolment.id, { issueDate: '2026-04-12' }, monitor);
    expect(record).toMatchObject({ document_type: 'training_record', series: 'СО26', hours: 3 });
  });

  it('enrols people in bulk from CSV, all or nothing, creating missing trainees', async () => {
    const course = await makeCourse(db.sql);
    const cohort = await sampleCohort(db.sql, course.id, { capacity: 2 });
    const bad = parseCsv('email;фамилия;имя;организация;снилс\nx@most.test;Сидоров;Иван;adm-balakovo;112-233-445 96\nnot-an-email;Пётр;Петров;adm-balakovo;\ny@most.test;Ким;Анна;nowhere;\n');
    const rejected = await bulkEnrolFromTable(db.sql, cohort.id, bad, monitor);
    expect(rejected.enrolled).toBe(0);
    expect(rejected.errors.map((e) => e.line)).toEqual([2, 3]);
    const unknownOrg = await bulkEnrolFromTable(db.sql, cohort.id, parseCsv('email,organization_code\ny@most.test,nowhere\n'), monitor);
    expect(unknownOrg.errors).toEqual([{ line: 2, message: 'организации «nowhere» нет в реестре' }]);
    const tooMany = await bulkEnrolFromTable(db.sql, cohort.id, parseCsv('email,organization_code\nc1@most.test,adm-balakovo\nc2@most.test,adm-balakovo\nc3@most.test,adm-balakovo\n'), monitor);
    expect(tooMany.errors).toEqual([{ line: 4, message: 'В потоке нет свободных мест (2)' }]);
    const [{ count: leftovers } = { count: -1 }] = await db.sql<{ count: number }[]>`SELECT count(*)::int AS count FROM users WHERE email LIKE 'c_@most.test'`;
    expect(leftovers).toBe(0);
    const ok = await bulkEnrolFromTable(
      db.sql,
      cohort.id,
      parseCsv('email;фамилия;имя;отчество;организация;снилс;пол\nSidorov@most.test;Сидоров;Иван;;adm-balakovo;112-233-445 95;М\nivanova@most.test;;;;adm-balakovo;;\n'),
      monitor,
    );
    expect(ok).toEqual({ enrolled: 2, createdUsers: 1, errors: [] });
    expect((await getCohort(db.sql, cohort.id)).seats_taken).toBe(2);
    const [profile] = await db.sql<
      { surname: string; snils: string; sex: string }[]
    >`SELECT p.surname, p.snils, p.sex FROM trainee_profiles p JOIN users u ON u.id = p.user_id WHERE u.email = 'sidorov@most.test'`;
    expect(profile).toEqual({ surname: 'Сидоров', snils: '11223344595', sex: 'male' });
  });
});
