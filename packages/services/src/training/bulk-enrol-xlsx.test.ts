import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { useTestDatabase } from '@most/db/testing';
import { readTable } from '../registry/read-table';
import { bulkEnrolFromTable } from './bulk-enrol';
import { getTraineeProfile } from './profiles';
import { insertOrganization, makeCourse, monitor, sampleCohort } from './test-fixtures';

describe('bulk enrolment from XLSX', () => {
  const db = useTestDatabase();
  const dir = useTempDir('most-xlsx-');

  it('reads Russian headers and dates from a spreadsheet', async () => {
    await insertOrganization(db.sql, 'adm-khvalynsk', 'Администрация Хвалынского района');
    const cohort = await sampleCohort(db.sql, (await makeCourse(db.sql)).id, { capacity: 5 });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Слушатели');
    sheet.addRow(['Электронная почта', 'Фамилия', 'Имя', 'Отчество', 'Код организации', 'СНИЛС', 'Дата рождения', 'Пол']);
    sheet.addRow(['belova@most.test', 'Белова', 'Ирина', 'Олеговна', 'adm-khvalynsk', '112-233-445 95', new Date(Date.UTC(1988, 6, 9)), 'Ж']);
    const path = join(dir.path, 'list.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await bulkEnrolFromTable(db.sql, cohort.id, await readTable(path), monitor);
    expect(result).toEqual({ enrolled: 1, createdUsers: 1, errors: [] });
    const [user] = await db.sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'belova@most.test'`;
    expect(await getTraineeProfile(db.sql, user!.id)).toMatchObject({ surname: 'Белова', patronymic: 'Олеговна', birthDate: '1988-07-09', sex: 'female', snils: '11223344595' });
  });
});
