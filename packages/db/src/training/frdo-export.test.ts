import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRDO_HEADERS } from '@most/domain';
import { createTestDatabase, type TestDatabase } from '../testing';
import { issueCertificate, revokeCertificate } from './certificates';
import { changeEnrolmentState, enrolTrainee } from './enrolments';
import { exportFrdo } from './frdo-export';
import { upsertTraineeProfile, type TraineeProfileInput } from './profiles';
import { insertOrganization, insertUser, makeCourse, monitor, sampleCohort } from './test-fixtures';

const GOLDEN = new URL('./golden/frdo-cohort.tsv', import.meta.url);

async function readSheet(xlsx: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    rows[number - 1] = FRDO_HEADERS.map((_, i) => {
      const value = row.getCell(i + 1).value;
      return value === null || value === undefined ? '' : String(value);
    });
  });
  return rows;
}

describe('ФИС ФРДО export', () => {
  let db: TestDatabase;
  let cohortId: number;
  let enrolments: number[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const orgId = await insertOrganization(db.sql, 'adm-engels', 'Администрация Энгельсского района');
    const course = await makeCourse(db.sql, { professionalField: 'Связи с общественностью' });
    cohortId = (await sampleCohort(db.sql, course.id, { capacity: 10, fundingSource: 'regional', formOfStudy: 'part_time' })).id;
    const people: [string, TraineeProfileInput, 'completed' | 'failed'][] = [
      ['ivanova@most.test', { surname: 'Иванова', givenName: 'Мария', patronymic: 'Петровна', birthDate: '1990-04-15', sex: 'female', snils: '112-233-445 95', educationLevel: 'higher' }, 'completed'],
      ['petrov@most.test', { surname: 'Петров', givenName: 'Олег', patronymic: null, birthDate: '1985-11-02', sex: 'male', snils: '123-456-789 64', educationLevel: 'secondary_vocational', diplomaSurname: 'Петров', diplomaSeries: '1164', diplomaNumber: '0012345' }, 'completed'],
      ['kim@most.test', { surname: 'Ким', givenName: 'Анна', patronymic: 'Сергеевна', birthDate: '1978-01-30', sex: 'female', snils: null, citizenship: '398', educationLevel: 'higher' }, 'failed'],
    ];
    for (const [email, profile, outcome] of people) {
      const userId = await insertUser(db.sql, email, 'trainee', orgId);
      await upsertTraineeProfile(db.sql, userId, profile, monitor);
      const enrolment = await enrolTrainee(db.sql, { cohortId, userId }, monitor, new Date('2026-02-10T00:00:00Z'));
      await changeEnrolmentState(db.sql, enrolment.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
      await changeEnrolmentState(db.sql, enrolment.id, { to: outcome, at: new Date('2026-04-10T00:00:00Z'), reason: outcome === 'failed' ? 'Не сдана итоговая аттестация' : null }, monitor);
      enrolments.push(enrolment.id);
    }
    const [session] = await db.sql<{ id: number }[]>`SELECT id FROM cohort_sessions WHERE cohort_id = ${cohortId} ORDER BY starts_at LIMIT 1`;
    await db.sql`INSERT INTO attendance (session_id, enrolment_id, status, hours) VALUES (${session!.id}, ${enrolments[2]!}, 'present', 4)`;
    for (const id of enrolments) await issueCertificate(db.sql, id, { issueDate: '2026-04-15' }, monitor);
    // A revoked and reissued document: only the valid one is reported.
    const [first] = await db.sql<{ id: number }[]>`SELECT id FROM certificates WHERE enrolment_id = ${enrolments[0]!}`;
    await revokeCertificate(db.sql, first!.id, 'Опечатка в отчестве', monitor);
    await issueCertificate(db.sql, enrolments[0]!, { issueDate: '2026-04-16' }, monitor);
  });
  afterAll(() => db?.drop());

  it('matches the golden file column by column', async () => {
    const result = await exportFrdo(db.sql, { cohortId });
    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(3);
    const actual = await readSheet(result.xlsx!);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(GOLDEN, `${actual.map((r) => r.join('\t')).join('\n')}\n`);
    const golden = (await readFile(GOLDEN, 'utf8')).trimEnd().split('\n').map((line) => line.split('\t'));
    expect(actual.length).toBe(golden.length);
    expect(golden[0]).toEqual(FRDO_HEADERS);
    for (let r = 0; r < golden.length; r += 1) {
      for (let c = 0; c < FRDO_HEADERS.length; c += 1) {
        expect({ row: r + 1, column: FRDO_HEADERS[c], value: actual[r]![c] }).toEqual({ row: r + 1, column: FRDO_HEADERS[c], value: golden[r]![c] ?? '' });
      }
    }
  });

  it('lists per-row problems and produces no file when a row would be rejected', async () => {
    // Data that slipped in before validation existed: a bad СНИЛС checksum and no birth date.
    await db.sql`UPDATE trainee_profiles SET snils = '11223344596' WHERE surname = 'Иванова'`;
    await db.sql`UPDATE trainee_profiles SET birth_date = NULL WHERE surname = 'Петров'`;
    const result = await exportFrdo(db.sql, { cohortId });
    expect(result.xlsx).toBeNull();
    expect(result.problems.map((p) => [p.holderName, p.column])).toEqual([
      ['Петров Олег', 'Дата рождения получателя'],
      ['Иванова Мария Петровна', 'СНИЛС'],
    ]);
    const only = await exportFrdo(db.sql, { certificateIds: [result.problems[1]!.certificateId] });
    expect(only.rowCount).toBe(1);
  });
});
