import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFrdoRow, FRDO_HEADERS, type FrdoRecord } from '@most/domain';
import { useTestDatabase } from '@most/db/testing';
import { issueCertificate, issueCorrection, issueDuplicate } from './certificates';
import { changeEnrolmentState, enrolTrainee } from './enrolments';
import { exportFrdo, writeFrdoXlsx } from './frdo-export';
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

const FULL: FrdoRecord = {
  documentType: 'retraining_diploma',
  series: 'ПП26',
  number: '000012',
  issueDate: '2026-06-30',
  registrationNumber: '2026-000034',
  courseKind: 'professional_retraining',
  programmeTitle: 'Коммуникации органов власти в социальных сетях',
  professionalField: 'Связи с общественностью',
  ugs: '42.00.00 Средства массовой информации и информационно-библиотечное дело',
  qualificationName: 'Специалист по связям с общественностью',
  educationLevel: 'secondary_vocational',
  diplomaSurname: 'Сидорова',
  diplomaSeries: '1164',
  diplomaNumber: '0012345',
  startYear: 2025,
  endYear: 2026,
  hours: 256,
  surname: 'Иванова',
  givenName: 'Мария',
  patronymic: 'Петровна',
  birthDate: '1990-04-15',
  sex: 'female',
  snils: '11223344595',
  formOfStudy: 'full_time',
  fundingSource: 'paid',
  citizenship: '643',
  original: {
    documentType: 'retraining_diploma',
    series: 'ПП26',
    number: '000003',
    registrationNumber: '2026-000010',
    issueDate: '2026-06-01',
    surname: 'Сидорова',
    givenName: 'Мария',
    patronymic: 'Петровна',
  },
  lossConfirmation: 'newspaper',
  exchangeConfirmation: 'none',
  changesDocumentNumber: null,
};

describe('ФИС ФРДО workbook round trip', () => {
  it('reads back every cell of a full duplicate row and of a correction row, with text kept as text', async () => {
    const duplicate = buildFrdoRow(FULL);
    const correction = buildFrdoRow({ ...FULL, original: null, lossConfirmation: 'none', changesDocumentNumber: '000011' }, 3);
    expect(duplicate.errors).toEqual([]);
    expect(correction.errors).toEqual([]);
    expect(duplicate.cells.slice(0, 39).every((cell) => cell !== null)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeFrdoXlsx([duplicate.cells, correction.cells])) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Шаблон')!;
    expect(sheet.actualColumnCount).toBe(40);
    FRDO_HEADERS.forEach((header, i) => expect(sheet.getRow(1).getCell(i + 1).value).toBe(header));
    duplicate.cells.forEach((cell, i) => expect({ column: FRDO_HEADERS[i], value: sheet.getRow(2).getCell(i + 1).value }).toEqual({ column: FRDO_HEADERS[i], value: cell }));
    correction.cells.forEach((cell, i) => expect({ column: FRDO_HEADERS[i], value: sheet.getRow(3).getCell(i + 1).value }).toEqual({ column: FRDO_HEADERS[i], value: cell }));
    expect(sheet.getRow(3).getCell(40).value).toBe('000011');
    expect(sheet.getRow(2).getCell(31).value).toBe('643');
    expect(sheet.getRow(2).getCell(21).value).toBe(256);
  });
});

describe('ФИС ФРДО export', () => {
  const db = useTestDatabase();
  let cohortId: number;
  const enrolments: number[] = [];
  beforeAll(async () => {
    const orgId = await insertOrganization(db.sql, 'adm-engels', 'Администрация Энгельсского района');
    const course = await makeCourse(db.sql, { professionalField: 'Связи с общественностью', ugs: '42.00.00 Средства массовой информации и информационно-библиотечное дело' });
    cohortId = (await sampleCohort(db.sql, course.id, { capacity: 10, fundingSource: 'regional', formOfStudy: 'part_time' })).id;
    const people: [string, TraineeProfileInput, 'completed' | 'failed'][] = [
      [
        'ivanova@most.test',
        {
          surname: 'Иванова',
          givenName: 'Мария',
          patronymic: 'Петровна',
          birthDate: '1990-04-15',
          sex: 'female',
          snils: '112-233-445 95',
          educationLevel: 'higher',
          diplomaSurname: 'Сидорова',
          diplomaSeries: '106418',
          diplomaNumber: '0123456',
        },
        'completed',
      ],
      [
        'petrov@most.test',
        {
          surname: 'Петров',
          givenName: 'Олег',
          patronymic: null,
          birthDate: '1985-11-02',
          sex: 'male',
          snils: '123-456-789 64',
          educationLevel: 'secondary_vocational',
          diplomaSurname: 'Петров',
          diplomaSeries: '1164',
          diplomaNumber: '0012345',
        },
        'completed',
      ],
      [
        'kim@most.test',
        { surname: 'Ким', givenName: 'Анна', patronymic: 'Сергеевна', birthDate: '1978-01-30', sex: 'female', snils: null, citizenship: '398', educationLevel: 'experience' },
        'failed',
      ],
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
    // A correction: the wrong document is revoked, the new one names it in column 40.
    const [first] = await db.sql<{ id: number }[]>`SELECT id FROM certificates WHERE enrolment_id = ${enrolments[0]!}`;
    const corrected = await issueCorrection(db.sql, first!.id, { issueDate: '2026-04-16', reason: 'Опечатка в отчестве' }, monitor);
    expect(corrected.registration_number).not.toBe('');
    // A duplicate for a lost document: columns 32–39 quote the original, which stops being valid.
    const [second] = await db.sql<{ id: number }[]>`SELECT id FROM certificates WHERE enrolment_id = ${enrolments[1]!}`;
    await expect(issueDuplicate(db.sql, second!.id, { issueDate: '2026-05-20' }, monitor)).rejects.toThrow(/подтверждение утраты/);
    await issueDuplicate(db.sql, second!.id, { issueDate: '2026-05-20', lossConfirmation: 'police' }, monitor);
    await expect(issueDuplicate(db.sql, second!.id, { issueDate: '2026-05-21', lossConfirmation: 'police' }, monitor)).rejects.toThrow(/отозван/);
  });

  it('matches the golden file column by column', async () => {
    const result = await exportFrdo(db.sql, { cohortId });
    expect(result.problems).toEqual([]);
    expect(result.rowCount).toBe(3);
    const actual = await readSheet(result.xlsx!);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(GOLDEN, `${actual.map((r) => r.join('\t')).join('\n')}\n`);
    const golden = (await readFile(GOLDEN, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
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
    // Rows in register order: Ким (3), Иванова's correction (4), Петров's duplicate (5); the sheet row counts the header.
    expect(result.problems.map((p) => [p.holderName, p.row, p.columnNumber, p.column])).toEqual([
      ['Иванова Мария Петровна', 3, 27, 'СНИЛС'],
      ['Петров Олег', 4, 25, 'Дата рождения получателя'],
    ]);
    const only = await exportFrdo(db.sql, { certificateIds: [result.problems[0]!.certificateId] });
    expect(only.rowCount).toBe(1);
  });
});
