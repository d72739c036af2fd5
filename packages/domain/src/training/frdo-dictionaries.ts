/**
 * The dictionaries of the ФИС ФРДО ДПО template (sheet «Проверки»), spelled exactly as the
 * registry reads them. Every label the export writes comes from here; the validator refuses
 * anything else and names the allowed values. Where our codes map onto a dictionary, the map
 * is the one place its labels are written, in the template's order.
 */

export const FUNDING_SOURCES = ['federal', 'regional', 'local', 'paid'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS = {
  federal: 'Федеральный бюджет',
  regional: 'Региональный бюджет',
  local: 'Местный бюджет',
  paid: 'Платное обучение',
} as const satisfies Record<FundingSource, string>;

/** The trainee's prior education (column 15); ВО/СПО need the diploma (columns 16–18). */
export const EDUCATION_LEVELS = ['higher', 'secondary_vocational', 'certificate', 'experience', 'frdo_rule_1'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS = {
  higher: 'Высшее образование',
  secondary_vocational: 'Среднее профессиональное образование',
  certificate: 'Справка',
  experience: 'Стаж',
  frdo_rule_1: 'Пункт 1 правил формирования ФИС ФРДО',
} as const satisfies Record<EducationLevel, string>;
export const DIPLOMA_LEVELS: ReadonlySet<EducationLevel> = new Set(['higher', 'secondary_vocational']);

export const LOSS_CONFIRMATIONS = ['none', 'police', 'fire_service', 'newspaper', 'other'] as const;
export type LossConfirmation = (typeof LOSS_CONFIRMATIONS)[number];
export const LOSS_CONFIRMATION_LABELS = {
  none: 'Нет',
  police: 'Справка из органов внутренних дел',
  fire_service: 'Справка из органов пожарной охраны',
  newspaper: 'Объявление в газете',
  other: 'Другое',
} as const satisfies Record<LossConfirmation, string>;

export const EXCHANGE_CONFIRMATIONS = ['none', 'damage', 'wrong_data'] as const;
export type ExchangeConfirmation = (typeof EXCHANGE_CONFIRMATIONS)[number];
export const EXCHANGE_CONFIRMATION_LABELS = {
  none: 'Нет',
  damage: 'Обмен по причине порчи',
  wrong_data: 'Обмен по причине недостоверной информации',
} as const satisfies Record<ExchangeConfirmation, string>;

export type Sex = 'male' | 'female';
export const SEX_LABELS = { male: 'Муж', female: 'Жен' } as const satisfies Record<Sex, string>;

export const FRDO_DICTIONARIES = {
  documentKind: ['Удостоверение о повышении квалификации', 'Свидетельство о повышении квалификации', 'Диплом о профессиональной переподготовке', 'Справка об обучении'],
  status: ['Оригинал', 'Дубликат'],
  lossConfirmation: Object.values(LOSS_CONFIRMATION_LABELS),
  exchangeConfirmation: Object.values(EXCHANGE_CONFIRMATION_LABELS),
  sex: Object.values(SEX_LABELS),
  programme: ['Повышение квалификации', 'Профессиональная переподготовка'],
  educationLevel: Object.values(EDUCATION_LEVEL_LABELS),
  formAtTermination: ['в образовательной организации', 'вне образовательной организации'],
  funding: Object.values(FUNDING_SOURCE_LABELS),
  formOfStudy: ['Очная', 'Очно-заочная (вечерняя)', 'Заочная'],
} as const;

type Dict = typeof FRDO_DICTIONARIES;
export type FrdoLabel<K extends keyof Dict> = Dict[K][number];
