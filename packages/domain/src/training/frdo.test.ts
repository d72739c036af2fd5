import { describe, expect, it } from 'vitest';
import { buildFrdoRow, FRDO_COLUMNS, FRDO_DICTIONARIES, FRDO_HEADERS, type FrdoRecord } from './frdo';

const frdoRecord = (overrides: Partial<FrdoRecord> = {}): FrdoRecord => ({
  documentType: 'qualification_certificate',
  series: 'ПК26',
  number: '000001',
  issueDate: '2026-06-30',
  registrationNumber: '2026-000001',
  courseKind: 'qualification_upgrade',
  programmeTitle: 'Ведение официальных страниц',
  professionalField: 'Связи с общественностью',
  ugs: '42.00.00 Средства массовой информации и информационно-библиотечное дело',
  qualificationName: null,
  educationLevel: 'higher',
  diplomaSurname: 'Иванова',
  diplomaSeries: '106418',
  diplomaNumber: '0123456',
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
  original: null,
  lossConfirmation: 'none',
  exchangeConfirmation: 'none',
  changesDocumentNumber: null,
  ...overrides,
});

/** The published «Шаблон ДПО», sheet «Шаблон», as issue 19 lists it. */
const TEMPLATE_HEADERS = [
  'Вид документа',
  'Статус документа',
  'Подтверждение утраты',
  'Подтверждение обмена',
  'Подтверждение уничтожения',
  'Серия документа',
  'Номер документа',
  'Дата выдачи документа',
  'Регистрационный номер',
  'Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)',
  'Наименование дополнительной профессиональной программы',
  'Наименование области профессиональной деятельности',
  'Укрупненные группы специальностей',
  'Наименование квалификации, профессии, специальности',
  'Уровень образования ВО/СПО',
  'Фамилия указанная в дипломе о ВО или СПО',
  'Серия документа о ВО/СПО',
  'Номер документа о ВО/СПО',
  'Год начала обучения',
  'Год окончания обучения',
  'Срок обучения, часов',
  'Фамилия получателя',
  'Имя получателя',
  'Отчество получателя',
  'Дата рождения получателя',
  'Пол получателя',
  'СНИЛС',
  'Форма обучения',
  'Источник финансирования обучения',
  'Форма получения образования на момент прекращения образовательных отношений',
  'Гражданство получателя (код страны по ОКСМ)',
  'Наименование документа об образовании (оригинала)',
  'Серия (оригинала)',
  'Номер (оригинала)',
  'Регистрационный N (оригинала)',
  'Дата выдачи (оригинала)',
  'Фамилия получателя (оригинала)',
  'Имя получателя (оригинала)',
  'Отчество получателя (оригинала)',
  'Номер документа для изменения',
];

/** Sheet «Проверки». */
const TEMPLATE_DICTIONARIES = {
  status: ['Оригинал', 'Дубликат'],
  lossConfirmation: ['Нет', 'Справка из органов внутренних дел', 'Справка из органов пожарной охраны', 'Объявление в газете', 'Другое'],
  exchangeConfirmation: ['Нет', 'Обмен по причине порчи', 'Обмен по причине недостоверной информации'],
  sex: ['Муж', 'Жен'],
  programme: ['Повышение квалификации', 'Профессиональная переподготовка'],
  educationLevel: ['Высшее образование', 'Среднее профессиональное образование', 'Справка', 'Стаж', 'Пункт 1 правил формирования ФИС ФРДО'],
  formAtTermination: ['в образовательной организации', 'вне образовательной организации'],
  funding: ['Федеральный бюджет', 'Региональный бюджет', 'Местный бюджет', 'Платное обучение'],
  formOfStudy: ['Очная', 'Очно-заочная (вечерняя)', 'Заочная'],
};

const cellsByHeader = (record: FrdoRecord) => {
  const { cells } = buildFrdoRow(record);
  return Object.fromEntries(FRDO_HEADERS.map((h, i) => [h, cells[i]]));
};

/** The certificate a duplicate replaces. */
const ORIGINAL_CERTIFICATE = {
  documentType: 'qualification_certificate' as const,
  series: 'ПК26',
  number: '000001',
  registrationNumber: '2026-000001',
  issueDate: '2026-06-30',
  surname: 'Петрова',
  givenName: 'Мария',
  patronymic: 'Петровна',
};

describe('ФИС ФРДО template (golden)', () => {
  it('has the template header row, 40 columns in order', () => {
    expect(FRDO_HEADERS).toEqual(TEMPLATE_HEADERS);
  });

  it('has the template dictionaries, value for value', () => {
    const { documentKind, ...rest } = FRDO_DICTIONARIES;
    expect(rest).toEqual(TEMPLATE_DICTIONARIES);
    expect(documentKind).toContain('Свидетельство о повышении квалификации');
    const byHeader = Object.fromEntries(FRDO_COLUMNS.map((c) => [c.header, c.dictionary]));
    expect(byHeader['Статус документа']).toEqual(TEMPLATE_DICTIONARIES.status);
    expect(byHeader['Пол получателя']).toEqual(TEMPLATE_DICTIONARIES.sex);
    expect(byHeader['Форма обучения']).toEqual(TEMPLATE_DICTIONARIES.formOfStudy);
    expect(byHeader['Источник финансирования обучения']).toEqual(TEMPLATE_DICTIONARIES.funding);
    expect(byHeader['Уровень образования ВО/СПО']).toEqual(TEMPLATE_DICTIONARIES.educationLevel);
    expect(byHeader['Форма получения образования на момент прекращения образовательных отношений']).toEqual(TEMPLATE_DICTIONARIES.formAtTermination);
  });
});

describe('ФИС ФРДО row', () => {
  it('builds a valid original with dictionary labels, Russian dates and empty duplicate/correction columns', () => {
    const { cells, errors } = buildFrdoRow(frdoRecord());
    expect(errors).toEqual([]);
    expect(cells).toHaveLength(40);
    expect(cellsByHeader(frdoRecord())).toMatchObject({
      'Вид документа': 'Удостоверение о повышении квалификации',
      'Статус документа': 'Оригинал',
      'Подтверждение утраты': 'Нет',
      'Дата выдачи документа': '30.06.2026',
      'Дополнительная профессиональная программа (повышение квалификации/ профессиональная переподготовка)': 'Повышение квалификации',
      'Укрупненные группы специальностей': '42.00.00 Средства массовой информации и информационно-библиотечное дело',
      'Пол получателя': 'Жен',
      СНИЛС: '112-233-445 95',
      'Форма обучения': 'Очно-заочная (вечерняя)',
      'Источник финансирования обучения': 'Региональный бюджет',
      'Гражданство получателя (код страны по ОКСМ)': '643',
      'Срок обучения, часов': 72,
    });
    expect(cells.slice(31)).toEqual([null, null, null, null, null, null, null, null, null]);
  });

  it('a duplicate fills columns 32–39 from the original', () => {
    const duplicate = frdoRecord({
      series: 'ПК26',
      number: '000007',
      registrationNumber: '2026-000007',
      issueDate: '2026-09-01',
      lossConfirmation: 'police',
      original: ORIGINAL_CERTIFICATE,
    });
    const { cells, errors } = buildFrdoRow(duplicate);
    expect(errors).toEqual([]);
    expect(cells[1]).toBe('Дубликат');
    expect(cells[2]).toBe('Справка из органов внутренних дел');
    expect(cells.slice(31, 39)).toEqual(['Удостоверение о повышении квалификации', 'ПК26', '000001', '2026-000001', '30.06.2026', 'Петрова', 'Мария', 'Петровна']);
    expect(cells[39]).toBeNull();
  });

  it('a duplicate needs a loss or exchange confirmation; an original must not have one', () => {
    const original = { ...ORIGINAL_CERTIFICATE, patronymic: null };
    expect(buildFrdoRow(frdoRecord({ original })).errors.map((e) => e.column)).toEqual(['Подтверждение утраты']);
    expect(buildFrdoRow(frdoRecord({ exchangeConfirmation: 'damage' })).errors.map((e) => e.column)).toEqual(['Подтверждение обмена']);
  });

  it('a correction fills column 40 with the number of the document it changes', () => {
    const { cells, errors } = buildFrdoRow(frdoRecord({ changesDocumentNumber: '000001', number: '000008' }));
    expect(errors).toEqual([]);
    expect(cells[39]).toBe('000001');
    expect(cells[1]).toBe('Оригинал');
  });

  it('names the row, the column and the allowed values for a value outside a dictionary', () => {
    const { errors } = buildFrdoRow(frdoRecord({ formOfStudy: 'evening' as never, fundingSource: 'grant' as never }), 5);
    // An unknown key has no label: the required column is reported empty.
    expect(errors).toContainEqual({ row: 5, columnNumber: 28, column: 'Форма обучения', message: 'обязательное поле не заполнено' });
    const custom = FRDO_COLUMNS.find((c) => c.header === 'Форма обучения')!;
    const original = custom.value;
    try {
      (custom as { value: typeof original }).value = () => 'Вечерняя';
      const [error] = buildFrdoRow(frdoRecord(), 7).errors;
      expect(error).toEqual({
        row: 7,
        columnNumber: 28,
        column: 'Форма обучения',
        message: 'значение «Вечерняя» не из справочника; допустимо: «Очная», «Очно-заочная (вечерняя)», «Заочная»',
      });
    } finally {
      (custom as { value: typeof original }).value = original;
    }
  });

  it('lists every problem of a bad row by column', () => {
    const { errors } = buildFrdoRow(frdoRecord({ snils: '11223344596', birthDate: '1990-02-30', surname: ' ', sex: null, citizenship: 'RU', hours: 0, startYear: 1899 }));
    const columns = errors.map((e) => e.column);
    expect(columns).toEqual(
      expect.arrayContaining([
        'СНИЛС',
        'Дата рождения получателя',
        'Фамилия получателя',
        'Пол получателя',
        'Гражданство получателя (код страны по ОКСМ)',
        'Срок обучения, часов',
        'Год начала обучения',
      ]),
    );
  });

  it('needs the prior diploma for ВО/СПО but not for «Стаж» or «Справка»', () => {
    const noDiploma = { diplomaSurname: null, diplomaSeries: null, diplomaNumber: null };
    expect(buildFrdoRow(frdoRecord(noDiploma)).errors.map((e) => e.column)).toEqual(['Фамилия указанная в дипломе о ВО или СПО', 'Номер документа о ВО/СПО']);
    expect(buildFrdoRow(frdoRecord({ ...noDiploma, educationLevel: 'experience' })).errors).toEqual([]);
    expect(cellsByHeader(frdoRecord({ ...noDiploma, educationLevel: 'frdo_rule_1' }))['Уровень образования ВО/СПО']).toBe('Пункт 1 правил формирования ФИС ФРДО');
  });

  it('requires a СНИЛС for Russian citizens only', () => {
    expect(buildFrdoRow(frdoRecord({ snils: null })).errors.map((e) => e.column)).toEqual(['СНИЛС']);
    expect(buildFrdoRow(frdoRecord({ snils: null, citizenship: '112' })).errors).toEqual([]);
  });

  it('rejects mismatched document types and checks years', () => {
    expect(buildFrdoRow(frdoRecord({ documentType: 'retraining_diploma' })).errors.map((e) => e.columnNumber)).toContain(10);
    expect(buildFrdoRow(frdoRecord({ startYear: 2027, endYear: 2026 })).errors.map((e) => e.column)).toContain('Год начала обучения');
    expect(buildFrdoRow(frdoRecord({ endYear: 2027, startYear: 2026 })).errors.map((e) => e.column)).toContain('Год окончания обучения');
  });
});
