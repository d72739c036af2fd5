import { describe, expect, it } from 'vitest';
import { buildFrdoRow, FRDO_COLUMNS, FRDO_HEADERS, type FrdoRecord } from './frdo';

const record = (overrides: Partial<FrdoRecord> = {}): FrdoRecord => ({
  documentType: 'qualification_certificate',
  isDuplicate: false,
  series: 'ПК26',
  number: '000001',
  issueDate: '2026-06-30',
  registrationNumber: '2026-000001',
  courseKind: 'qualification_upgrade',
  programmeTitle: 'Ведение официальных страниц',
  professionalField: null,
  qualificationName: null,
  educationLevel: 'higher',
  diplomaSurname: null,
  diplomaSeries: null,
  diplomaNumber: null,
  startYear: 2026,
  endYear: 2026,
  hours: 72,
  surname: 'Иванова',
  givenName: 'Мария',
  patronymic: 'Петровна',
  birthDate: '1990-04-15',
  sex: 'female',
  snils: '11223344595',
  formOfStudy: 'part_time',
  fundingSource: 'regional',
  citizenship: '643',
  ...overrides,
});

describe('ФИС ФРДО row', () => {
  it('starts with the template columns in the registry order', () => {
    expect(FRDO_HEADERS.slice(0, 11)).toEqual([
      'Название документа', 'Статус документа', 'Подтверждение утраты', 'Подтверждение обмена', 'Подтверждение уничтожения',
      'Серия документа', 'Номер документа', 'Дата выдачи', 'Регистрационный номер',
      'Вид дополнительной профессиональной программы', 'Наименование дополнительной профессиональной программы',
    ]);
    expect(FRDO_COLUMNS.length).toBe(40);
    expect(new Set(FRDO_HEADERS).size).toBe(FRDO_HEADERS.length);
  });

  it('builds a valid row with dictionary labels and Russian dates', () => {
    const { cells, errors } = buildFrdoRow(record());
    expect(errors).toEqual([]);
    const byHeader = Object.fromEntries(FRDO_HEADERS.map((h, i) => [h, cells[i]]));
    expect(byHeader).toMatchObject({
      'Название документа': 'Удостоверение о повышении квалификации',
      'Статус документа': 'Оригинал',
      'Дата выдачи': '30.06.2026',
      'Вид дополнительной профессиональной программы': 'Повышение квалификации',
      'Пол получателя': 'Жен',
      'СНИЛС': '112-233-445 95',
      'Форма обучения': 'Очно-заочная',
      'Гражданство получателя (код страны по ОКСМ)': '643',
      'Срок обучения, часов': 72,
    });
  });

  it('lists every problem of a bad row by column', () => {
    const { errors } = buildFrdoRow(record({ snils: '11223344596', birthDate: '1990-02-30', surname: ' ', sex: null, citizenship: 'RU', hours: 0 }));
    const columns = errors.map((e) => e.column);
    expect(columns).toEqual(expect.arrayContaining(['СНИЛС', 'Дата рождения получателя', 'Фамилия получателя', 'Пол получателя', 'Гражданство получателя (код страны по ОКСМ)', 'Срок обучения, часов']));
  });

  it('requires a СНИЛС for Russian citizens only', () => {
    expect(buildFrdoRow(record({ snils: null })).errors.map((e) => e.column)).toEqual(['СНИЛС']);
    expect(buildFrdoRow(record({ snils: null, citizenship: '112' })).errors).toEqual([]);
  });

  it('rejects unknown dictionary values and mismatched document types', () => {
    const bad = record({ formOfStudy: 'evening' as never, documentType: 'retraining_diploma' });
    const columns = buildFrdoRow(bad).errors.map((e) => e.column);
    expect(columns).toContain('Форма обучения');
    expect(columns).toContain('Вид дополнительной профессиональной программы');
  });

  it('checks years against each other and the issue date', () => {
    expect(buildFrdoRow(record({ startYear: 2027 })).errors.map((e) => e.column)).toContain('Год начала обучения');
    expect(buildFrdoRow(record({ endYear: 2027, startYear: 2026 })).errors.map((e) => e.column)).toContain('Год окончания обучения');
  });
});
