import { COURSE_KIND_LABELS, FORM_OF_STUDY_LABELS, type CourseKind, type FormOfStudy } from './course-kind';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './certificate';
import {
  DIPLOMA_LEVELS,
  EDUCATION_LEVEL_LABELS,
  EXCHANGE_CONFIRMATION_LABELS,
  FRDO_DICTIONARIES,
  FUNDING_SOURCE_LABELS,
  LOSS_CONFIRMATION_LABELS,
  SEX_LABELS,
  type EducationLevel,
  type ExchangeConfirmation,
  type FundingSource,
  type LossConfirmation,
  type Sex,
} from './frdo-dictionaries';
import { formatSnils, isValidSnils } from './snils';

export * from './frdo-dictionaries';

/** The document a duplicate replaces, as it was issued (columns 32–39). */
export interface FrdoOriginal {
  documentType: DocumentType;
  series: string | null;
  number: string;
  registrationNumber: string;
  issueDate: string; // YYYY-MM-DD
  surname: string;
  givenName: string;
  patronymic: string | null;
}

/** Everything one ФИС ФРДО row needs, gathered from the certificate, course, cohort and trainee profile. */
export interface FrdoRecord {
  documentType: DocumentType;
  series: string | null;
  number: string;
  issueDate: string; // YYYY-MM-DD
  registrationNumber: string;
  courseKind: CourseKind;
  programmeTitle: string;
  professionalField: string | null;
  /** Укрупнённая группа специальностей of the programme (column 13). */
  ugs: string | null;
  qualificationName: string | null;
  educationLevel: EducationLevel | null;
  diplomaSurname: string | null;
  diplomaSeries: string | null;
  diplomaNumber: string | null;
  startYear: number;
  endYear: number;
  hours: number;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthDate: string | null; // YYYY-MM-DD
  sex: Sex | null;
  snils: string | null;
  formOfStudy: FormOfStudy;
  fundingSource: FundingSource;
  /** ОКСМ numeric code, 643 = Russia. */
  citizenship: string;
  /** Set for a duplicate: the original it replaces, and how its loss or exchange is confirmed. */
  original: FrdoOriginal | null;
  lossConfirmation: LossConfirmation;
  exchangeConfirmation: ExchangeConfirmation;
  /** Set for a correction: the number of the reported document this row changes (column 40). */
  changesDocumentNumber: string | null;
}

export type FrdoCell = string | number | null;

export interface FrdoColumn {
  header: string;
  required: boolean;
  /** The template's dictionary for this column, when it has one. */
  dictionary?: readonly string[];
  value: (r: FrdoRecord) => FrdoCell;
}

const ruDate = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : null);
const NO = 'Нет';
const D = FRDO_DICTIONARIES;

/**
 * The ДПО template of ФИС ФРДО (sheet «Шаблон»), 40 columns in order. This list is the one
 * place that defines the columns; the writer, the validator and the golden test all read it.
 */
export const FRDO_COLUMNS: readonly FrdoColumn[] = [
  { header: 'Вид документа', required: true, dictionary: D.documentKind, value: (r) => DOCUMENT_TYPE_LABELS[r.documentType] },
  { header: 'Статус документа', required: true, dictionary: D.status, value: (r) => (r.original ? 'Дубликат' : 'Оригинал') },
  { header: 'Подтверждение утраты', required: true, dictionary: D.lossConfirmation, value: (r) => LOSS_CONFIRMATION_LABELS[r.lossConfirmation] },
  { header: 'Подтверждение обмена', required: true, dictionary: D.exchangeConfirmation, value: (r) => EXCHANGE_CONFIRMATION_LABELS[r.exchangeConfirmation] },
  { header: 'Подтверждение уничтожения', required: true, value: () => NO },
  { header: 'Серия документа', required: false, value: (r) => r.series },
  { header: 'Номер документа', required: true, value: (r) => r.number },
  { header: 'Дата выдачи документа', required: true, value: (r) => ruDate(r.issueDate) },
  { header: 'Регистрационный номер', required: true, value: (r) => r.registrationNumber },
  {
    header: 'Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)',
    required: true,
    dictionary: D.programme,
    value: (r) => COURSE_KIND_LABELS[r.courseKind],
  },
  { header: 'Наименование дополнительной профессиональной программы', required: true, value: (r) => r.programmeTitle },
  { header: 'Наименование области профессиональной деятельности', required: false, value: (r) => r.professionalField },
  { header: 'Укрупненные группы специальностей', required: false, value: (r) => r.ugs },
  { header: 'Наименование квалификации, профессии, специальности', required: false, value: (r) => r.qualificationName },
  { header: 'Уровень образования ВО/СПО', required: true, dictionary: D.educationLevel, value: (r) => (r.educationLevel ? EDUCATION_LEVEL_LABELS[r.educationLevel] : null) },
  { header: 'Фамилия указанная в дипломе о ВО или СПО', required: false, value: (r) => r.diplomaSurname },
  { header: 'Серия документа о ВО/СПО', required: false, value: (r) => r.diplomaSeries },
  { header: 'Номер документа о ВО/СПО', required: false, value: (r) => r.diplomaNumber },
  { header: 'Год начала обучения', required: true, value: (r) => r.startYear },
  { header: 'Год окончания обучения', required: true, value: (r) => r.endYear },
  { header: 'Срок обучения, часов', required: true, value: (r) => r.hours },
  { header: 'Фамилия получателя', required: true, value: (r) => r.surname },
  { header: 'Имя получателя', required: true, value: (r) => r.givenName },
  { header: 'Отчество получателя', required: false, value: (r) => r.patronymic },
  { header: 'Дата рождения получателя', required: true, value: (r) => ruDate(r.birthDate) },
  { header: 'Пол получателя', required: true, dictionary: D.sex, value: (r) => (r.sex ? SEX_LABELS[r.sex] : null) },
  { header: 'СНИЛС', required: false, value: (r) => (r.snils ? (formatSnils(r.snils) ?? r.snils) : null) },
  { header: 'Форма обучения', required: true, dictionary: D.formOfStudy, value: (r) => FORM_OF_STUDY_LABELS[r.formOfStudy] },
  { header: 'Источник финансирования обучения', required: true, dictionary: D.funding, value: (r) => FUNDING_SOURCE_LABELS[r.fundingSource] },
  // The platform's programmes are taught by the provider itself.
  { header: 'Форма получения образования на момент прекращения образовательных отношений', required: true, dictionary: D.formAtTermination, value: () => 'в образовательной организации' },
  { header: 'Гражданство получателя (код страны по ОКСМ)', required: true, value: (r) => r.citizenship },
  { header: 'Наименование документа об образовании (оригинала)', required: false, dictionary: D.documentKind, value: (r) => (r.original ? DOCUMENT_TYPE_LABELS[r.original.documentType] : null) },
  { header: 'Серия (оригинала)', required: false, value: (r) => r.original?.series ?? null },
  { header: 'Номер (оригинала)', required: false, value: (r) => r.original?.number ?? null },
  { header: 'Регистрационный N (оригинала)', required: false, value: (r) => r.original?.registrationNumber ?? null },
  { header: 'Дата выдачи (оригинала)', required: false, value: (r) => ruDate(r.original?.issueDate) },
  { header: 'Фамилия получателя (оригинала)', required: false, value: (r) => r.original?.surname ?? null },
  { header: 'Имя получателя (оригинала)', required: false, value: (r) => r.original?.givenName ?? null },
  { header: 'Отчество получателя (оригинала)', required: false, value: (r) => r.original?.patronymic ?? null },
  { header: 'Номер документа для изменения', required: false, value: (r) => r.changesDocumentNumber },
];

export const FRDO_HEADERS = FRDO_COLUMNS.map((c) => c.header);

export interface FrdoRowError {
  /** The row of the sheet (the header is row 1). */
  row: number;
  /** 1-based column of the template. */
  columnNumber: number;
  column: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(iso: string): boolean {
  if (!ISO_DATE.test(iso)) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

const isBlank = (value: FrdoCell | undefined) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
const quoted = (values: readonly string[]) => values.map((v) => `«${v}»`).join(', ');
const MIN_YEAR = 1900;

/**
 * The row's cells in template order and every reason the registry would reject it, each with
 * the sheet row, the column and, for a dictionary column, the allowed values.
 */
export function buildFrdoRow(record: FrdoRecord, row = 2): { cells: FrdoCell[]; errors: FrdoRowError[] } {
  const errors: FrdoRowError[] = [];
  const fail = (header: string, message: string) => {
    const index = FRDO_HEADERS.indexOf(header);
    errors.push({ row, columnNumber: index + 1, column: header, message });
  };
  const cells = FRDO_COLUMNS.map((column) => {
    const value = column.value(record) ?? null; // an unknown dictionary key yields undefined: reported below
    if (column.required && isBlank(value)) fail(column.header, 'обязательное поле не заполнено');
    else if (column.dictionary && !isBlank(value) && !column.dictionary.includes(String(value))) {
      fail(column.header, `значение «${value}» не из справочника; допустимо: ${quoted(column.dictionary)}`);
    }
    return value;
  });

  if (!isRealDate(record.issueDate)) fail('Дата выдачи документа', 'неверная дата');
  if (record.birthDate !== null) {
    if (!isRealDate(record.birthDate)) fail('Дата рождения получателя', 'неверная дата');
    else if (isRealDate(record.issueDate)) {
      const ageAtIssue = (Date.parse(record.issueDate) - Date.parse(record.birthDate)) / (365.25 * 86_400_000);
      if (ageAtIssue < 14 || ageAtIssue > 100) fail('Дата рождения получателя', 'возраст получателя на дату выдачи неправдоподобен');
    }
  }
  for (const [header, year] of [
    ['Год начала обучения', record.startYear],
    ['Год окончания обучения', record.endYear],
  ] as const) {
    if (!Number.isInteger(year) || year < MIN_YEAR) fail(header, `год должен быть не раньше ${MIN_YEAR}`);
  }
  if (record.startYear > record.endYear) fail('Год начала обучения', 'позже года окончания');
  if (isRealDate(record.issueDate) && record.endYear > Number(record.issueDate.slice(0, 4))) {
    fail('Год окончания обучения', 'позже даты выдачи документа');
  }
  if (!Number.isInteger(record.hours) || record.hours <= 0) fail('Срок обучения, часов', 'должно быть целым положительным числом');
  if (record.snils !== null && !isValidSnils(record.snils)) fail('СНИЛС', 'неверная контрольная сумма или формат');
  if (record.snils === null && record.citizenship === '643') fail('СНИЛС', 'обязателен для граждан РФ');
  if (!/^\d{3}$/.test(record.citizenship)) fail('Гражданство получателя (код страны по ОКСМ)', 'нужен трёхзначный цифровой код ОКСМ (643 — Россия)');
  if (record.documentType !== 'training_record' && !record.series) fail('Серия документа', 'обязательна для удостоверения и диплома');
  if (record.educationLevel && DIPLOMA_LEVELS.has(record.educationLevel)) {
    if (!record.diplomaSurname) fail('Фамилия указанная в дипломе о ВО или СПО', 'обязательна при высшем или среднем профессиональном образовании');
    if (!record.diplomaNumber) fail('Номер документа о ВО/СПО', 'обязателен при высшем или среднем профессиональном образовании');
  }
  if (record.documentType === 'retraining_diploma' && record.courseKind !== 'professional_retraining') {
    fail('Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)', 'диплом выдаётся только по профессиональной переподготовке');
  }
  if (record.documentType === 'qualification_certificate' && record.courseKind !== 'qualification_upgrade') {
    fail('Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)', 'удостоверение выдаётся только по повышению квалификации');
  }
  if (record.original) {
    const o = record.original;
    if (!o.number) fail('Номер (оригинала)', 'обязателен для дубликата');
    if (!o.registrationNumber) fail('Регистрационный N (оригинала)', 'обязателен для дубликата');
    if (!isRealDate(o.issueDate)) fail('Дата выдачи (оригинала)', 'обязательна для дубликата');
    if (!o.surname) fail('Фамилия получателя (оригинала)', 'обязательна для дубликата');
    if (!o.givenName) fail('Имя получателя (оригинала)', 'обязательно для дубликата');
    if (record.lossConfirmation === 'none' && record.exchangeConfirmation === 'none') {
      fail('Подтверждение утраты', 'для дубликата укажите подтверждение утраты или причину обмена');
    }
  } else {
    if (record.lossConfirmation !== 'none') fail('Подтверждение утраты', 'заполняется только для дубликата; для оригинала — «Нет»');
    if (record.exchangeConfirmation !== 'none') fail('Подтверждение обмена', 'заполняется только для дубликата; для оригинала — «Нет»');
  }
  return { cells, errors };
}
