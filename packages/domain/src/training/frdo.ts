import { COURSE_KIND_LABELS, FORM_OF_STUDY_LABELS, type CourseKind, type FormOfStudy } from './course-kind';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from './certificate';
import { formatSnils, isValidSnils } from './snils';

export const FUNDING_SOURCES = ['federal', 'regional', 'local', 'paid'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  federal: 'Федеральный бюджет',
  regional: 'Бюджет субъекта РФ',
  local: 'Местный бюджет',
  paid: 'Платное обучение',
};

export const EDUCATION_LEVELS = ['higher', 'secondary_vocational'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, string> = {
  higher: 'Высшее образование',
  secondary_vocational: 'Среднее профессиональное образование',
};

export type Sex = 'male' | 'female';
const SEX_LABELS: Record<Sex, string> = { male: 'Муж', female: 'Жен' };

/** Everything one ФИС ФРДО row needs, gathered from the certificate, course, cohort and trainee profile. */
export interface FrdoRecord {
  documentType: DocumentType;
  isDuplicate: boolean;
  series: string | null;
  number: string;
  issueDate: string; // YYYY-MM-DD
  registrationNumber: string;
  courseKind: CourseKind;
  programmeTitle: string;
  professionalField: string | null;
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
}

export type FrdoCell = string | number | null;

interface FrdoColumn {
  header: string;
  required: boolean;
  value: (r: FrdoRecord) => FrdoCell;
}

const ruDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : null);
const NO = 'Нет';

/**
 * The ДПО template of ФИС ФРДО, in order. This list is the one place that defines the
 * columns; the writer, the validator and the golden test all read it.
 */
export const FRDO_COLUMNS: readonly FrdoColumn[] = [
  { header: 'Название документа', required: true, value: (r) => DOCUMENT_TYPE_LABELS[r.documentType] },
  { header: 'Статус документа', required: true, value: (r) => (r.isDuplicate ? 'Дубликат' : 'Оригинал') },
  { header: 'Подтверждение утраты', required: true, value: () => NO },
  { header: 'Подтверждение обмена', required: true, value: () => NO },
  { header: 'Подтверждение уничтожения', required: true, value: () => NO },
  { header: 'Серия документа', required: false, value: (r) => r.series },
  { header: 'Номер документа', required: true, value: (r) => r.number },
  { header: 'Дата выдачи', required: true, value: (r) => ruDate(r.issueDate) },
  { header: 'Регистрационный номер', required: true, value: (r) => r.registrationNumber },
  { header: 'Вид дополнительной профессиональной программы', required: true, value: (r) => COURSE_KIND_LABELS[r.courseKind] },
  { header: 'Наименование дополнительной профессиональной программы', required: true, value: (r) => r.programmeTitle },
  { header: 'Наименование области профессиональной деятельности', required: false, value: (r) => r.professionalField },
  { header: 'Наименование присвоенной квалификации', required: false, value: (r) => r.qualificationName },
  { header: 'Уровень образования ВО/СПО', required: true, value: (r) => (r.educationLevel ? EDUCATION_LEVEL_LABELS[r.educationLevel] : null) },
  { header: 'Фамилия, указанная в дипломе о ВО или СПО', required: false, value: (r) => r.diplomaSurname },
  { header: 'Серия диплома о ВО или СПО', required: false, value: (r) => r.diplomaSeries },
  { header: 'Номер диплома о ВО или СПО', required: false, value: (r) => r.diplomaNumber },
  { header: 'Год начала обучения', required: true, value: (r) => r.startYear },
  { header: 'Год окончания обучения', required: true, value: (r) => r.endYear },
  { header: 'Срок обучения, часов', required: true, value: (r) => r.hours },
  { header: 'Фамилия получателя', required: true, value: (r) => r.surname },
  { header: 'Имя получателя', required: true, value: (r) => r.givenName },
  { header: 'Отчество получателя', required: false, value: (r) => r.patronymic },
  { header: 'Дата рождения получателя', required: true, value: (r) => ruDate(r.birthDate) },
  { header: 'Пол получателя', required: true, value: (r) => (r.sex ? SEX_LABELS[r.sex] : null) },
  { header: 'СНИЛС', required: false, value: (r) => (r.snils ? (formatSnils(r.snils) ?? r.snils) : null) },
  { header: 'Форма обучения', required: true, value: (r) => FORM_OF_STUDY_LABELS[r.formOfStudy] },
  { header: 'Источник финансирования обучения', required: true, value: (r) => FUNDING_SOURCE_LABELS[r.fundingSource] },
  { header: 'Форма получения образования на момент прекращения образовательных отношений', required: false, value: (r) => (r.documentType === 'training_record' ? FORM_OF_STUDY_LABELS[r.formOfStudy] : null) },
  { header: 'Гражданство получателя (код страны по ОКСМ)', required: true, value: (r) => r.citizenship },
  { header: 'Наименование документа об образовании (оригинала)', required: false, value: () => null },
  { header: 'Серия (оригинала)', required: false, value: () => null },
  { header: 'Номер (оригинала)', required: false, value: () => null },
  { header: 'Регистрационный N (оригинала)', required: false, value: () => null },
  { header: 'Дата выдачи (оригинала)', required: false, value: () => null },
  { header: 'Фамилия получателя (оригинала)', required: false, value: () => null },
  { header: 'Имя получателя (оригинала)', required: false, value: () => null },
  { header: 'Отчество получателя (оригинала)', required: false, value: () => null },
  { header: 'Номер изменяемого документа', required: false, value: () => null },
  { header: 'Номер аннулируемого документа', required: false, value: () => null },
];

export const FRDO_HEADERS = FRDO_COLUMNS.map((c) => c.header);

export interface FrdoRowError {
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

/** The row's cells in template order and every reason the registry would reject it. */
export function buildFrdoRow(record: FrdoRecord): { cells: FrdoCell[]; errors: FrdoRowError[] } {
  const errors: FrdoRowError[] = [];
  const cells = FRDO_COLUMNS.map((column) => {
    const value = column.value(record) ?? null; // an unknown dictionary key yields undefined: reported as missing
    if (column.required && isBlank(value)) errors.push({ column: column.header, message: 'обязательное поле не заполнено' });
    return value;
  });
  const fail = (column: string, message: string) => errors.push({ column, message });

  if (!isRealDate(record.issueDate)) fail('Дата выдачи', 'неверная дата');
  if (record.birthDate !== null) {
    if (!isRealDate(record.birthDate)) fail('Дата рождения получателя', 'неверная дата');
    else if (isRealDate(record.issueDate)) {
      const ageAtIssue = (Date.parse(record.issueDate) - Date.parse(record.birthDate)) / (365.25 * 86_400_000);
      if (ageAtIssue < 14 || ageAtIssue > 100) fail('Дата рождения получателя', 'возраст получателя на дату выдачи неправдоподобен');
    }
  }
  if (record.startYear > record.endYear) fail('Год начала обучения', 'позже года окончания');
  if (isRealDate(record.issueDate) && record.endYear > Number(record.issueDate.slice(0, 4))) {
    fail('Год окончания обучения', 'позже даты выдачи документа');
  }
  if (!Number.isInteger(record.hours) || record.hours <= 0) fail('Срок обучения, часов', 'должно быть целым положительным числом');
  if (record.snils !== null && !isValidSnils(record.snils)) fail('СНИЛС', 'неверная контрольная сумма или формат');
  if (record.snils === null && record.citizenship === '643') fail('СНИЛС', 'обязателен для граждан РФ');
  if (!/^\d{3}$/.test(record.citizenship)) fail('Гражданство получателя (код страны по ОКСМ)', 'нужен трёхзначный код ОКСМ');
  if (record.documentType !== 'training_record' && !record.series) fail('Серия документа', 'обязательна для удостоверения и диплома');
  if (record.documentType === 'retraining_diploma' && record.courseKind !== 'professional_retraining') {
    fail('Вид дополнительной профессиональной программы', 'диплом выдаётся только по профессиональной переподготовке');
  }
  if (record.documentType === 'qualification_certificate' && record.courseKind !== 'qualification_upgrade') {
    fail('Вид дополнительной профессиональной программы', 'удостоверение выдаётся только по повышению квалификации');
  }
  return { cells, errors };
}
