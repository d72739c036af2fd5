/**
 * The dictionaries of the ФИС ФРДО ДПО template (sheet «Проверки»), spelled exactly as the
 * registry reads them. Every label the export writes comes from here; the validator refuses
 * anything else and names the allowed values.
 */
export const FRDO_DICTIONARIES = {
  documentKind: ['Удостоверение о повышении квалификации', 'Свидетельство о повышении квалификации', 'Диплом о профессиональной переподготовке', 'Справка об обучении'],
  status: ['Оригинал', 'Дубликат'],
  lossConfirmation: ['Нет', 'Справка из органов внутренних дел', 'Справка из органов пожарной охраны', 'Объявление в газете', 'Другое'],
  exchangeConfirmation: ['Нет', 'Обмен по причине порчи', 'Обмен по причине недостоверной информации'],
  sex: ['Муж', 'Жен'],
  programme: ['Повышение квалификации', 'Профессиональная переподготовка'],
  educationLevel: ['Высшее образование', 'Среднее профессиональное образование', 'Справка', 'Стаж', 'Пункт 1 правил формирования ФИС ФРДО'],
  formAtTermination: ['в образовательной организации', 'вне образовательной организации'],
  funding: ['Федеральный бюджет', 'Региональный бюджет', 'Местный бюджет', 'Платное обучение'],
  formOfStudy: ['Очная', 'Очно-заочная (вечерняя)', 'Заочная'],
} as const;

type Dict = typeof FRDO_DICTIONARIES;
export type FrdoLabel<K extends keyof Dict> = Dict[K][number];

export const FUNDING_SOURCES = ['federal', 'regional', 'local', 'paid'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, FrdoLabel<'funding'>> = {
  federal: 'Федеральный бюджет',
  regional: 'Региональный бюджет',
  local: 'Местный бюджет',
  paid: 'Платное обучение',
};

/** The trainee's prior education (column 15); ВО/СПО need the diploma (columns 16–18). */
export const EDUCATION_LEVELS = ['higher', 'secondary_vocational', 'certificate', 'experience', 'frdo_rule_1'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: Record<EducationLevel, FrdoLabel<'educationLevel'>> = {
  higher: 'Высшее образование',
  secondary_vocational: 'Среднее профессиональное образование',
  certificate: 'Справка',
  experience: 'Стаж',
  frdo_rule_1: 'Пункт 1 правил формирования ФИС ФРДО',
};
export const DIPLOMA_LEVELS: ReadonlySet<EducationLevel> = new Set(['higher', 'secondary_vocational']);

export const LOSS_CONFIRMATIONS = ['none', 'police', 'fire_service', 'newspaper', 'other'] as const;
export type LossConfirmation = (typeof LOSS_CONFIRMATIONS)[number];
export const LOSS_CONFIRMATION_LABELS: Record<LossConfirmation, FrdoLabel<'lossConfirmation'>> = {
  none: 'Нет',
  police: 'Справка из органов внутренних дел',
  fire_service: 'Справка из органов пожарной охраны',
  newspaper: 'Объявление в газете',
  other: 'Другое',
};

export const EXCHANGE_CONFIRMATIONS = ['none', 'damage', 'wrong_data'] as const;
export type ExchangeConfirmation = (typeof EXCHANGE_CONFIRMATIONS)[number];
export const EXCHANGE_CONFIRMATION_LABELS: Record<ExchangeConfirmation, FrdoLabel<'exchangeConfirmation'>> = {
  none: 'Нет',
  damage: 'Обмен по причине порчи',
  wrong_data: 'Обмен по причине недостоверной информации',
};

export type Sex = 'male' | 'female';
export const SEX_LABELS: Record<Sex, FrdoLabel<'sex'>> = { male: 'Муж', female: 'Жен' };
