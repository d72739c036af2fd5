import { DEFAULT_SLA_POLICY } from '../sla/policy';
import { methodologySchema, type CriterionDefinition, type Methodology, type ProfileField } from './types';

const ALL = { networks: [], organizationKinds: [], sectors: [] } satisfies CriterionDefinition['applicability'];
const COMMENTING_NETWORKS = { ...ALL, networks: ['vk', 'ok'] } satisfies CriterionDefinition['applicability'];
/** Networks whose likes and reposts are read: a Telegram channel preview shows views only. */
const INTERACTION_NETWORKS = { ...ALL, networks: ['vk', 'ok'] } satisfies CriterionDefinition['applicability'];
const PRESENT = { direction: 'higher', pass: 1, partial: 1 } as const;
const MANUAL_0_2 = { direction: 'higher', pass: 2, partial: 1 } as const;
const MANUAL_YES_NO = { direction: 'higher', pass: 1, partial: 1 } as const;

function profileItem(
  field: ProfileField,
  code: string,
  ru: string,
  en: string,
  descriptionRu: string,
  descriptionEn: string,
  applicability: CriterionDefinition['applicability'] = ALL,
): CriterionDefinition {
  return {
    code,
    title: { ru, en },
    description: { ru: descriptionRu, en: descriptionEn },
    group: 'profile',
    weight: 2,
    evaluation: { kind: 'automatic', metric: 'profile_field', parameters: { field } },
    applicability,
    thresholds: PRESENT,
  };
}

const criteria: CriterionDefinition[] = [
  profileItem(
    'description',
    'PROFILE_DESCRIPTION',
    'Описание организации',
    'Description of the body',
    'В описании страницы указано, что это за организация и чем она занимается.',
    'The page description says what the body is and does.',
  ),
  profileItem(
    'website',
    'PROFILE_WEBSITE',
    'Адрес официального сайта',
    'Official website address',
    'В профиле указан адрес официального сайта организации.',
    'The profile gives the official website address.',
  ),
  profileItem('phone', 'PROFILE_PHONE', 'Телефон', 'Phone number', 'В профиле указан контактный телефон.', 'The profile gives a contact phone number.'),
  profileItem('email', 'PROFILE_EMAIL', 'Электронная почта', 'E-mail', 'В профиле указан адрес электронной почты.', 'The profile gives an e-mail address.'),
  profileItem('workingHours', 'PROFILE_WORKING_HOURS', 'Режим работы', 'Working hours', 'В профиле указан режим работы организации.', 'The profile gives the working hours.'),
  profileItem('postalAddress', 'PROFILE_POSTAL_ADDRESS', 'Почтовый адрес', 'Postal address', 'В профиле указан почтовый адрес.', 'The profile gives a postal address.'),
  profileItem(
    'headAccountUrl',
    'PROFILE_HEAD_LINK',
    'Ссылка на аккаунт руководителя',
    "Link to the head's account",
    'В профиле есть ссылка на официальный аккаунт руководителя.',
    "The profile links to the head's official account.",
    { ...ALL, organizationKinds: ['regional_executive', 'local_government'] },
  ),
  profileItem(
    'avatarAndCover',
    'PROFILE_AVATAR_COVER',
    'Аватар и обложка',
    'Avatar and cover',
    'У страницы установлены аватар и обложка.',
    'The page has an avatar and a cover image.',
    COMMENTING_NETWORKS,
  ),
  {
    code: 'WEBSITE_BACKLINK',
    title: { ru: 'Сайт ссылается на страницу', en: 'Website links back to the page' },
    description: { ru: 'На официальном сайте организации есть ссылка на эту страницу.', en: "The body's official website links to this page." },
    group: 'profile',
    weight: 4,
    evaluation: { kind: 'automatic', metric: 'website_backlink', parameters: {} },
    applicability: ALL,
    thresholds: PRESENT,
  },
  {
    code: 'COMMENTS_OPEN',
    title: { ru: 'Комментарии открыты', en: 'Comments are open' },
    description: { ru: 'Граждане могут оставлять комментарии к записям.', en: 'Citizens can comment on posts.' },
    group: 'feedback',
    weight: 4,
    evaluation: { kind: 'automatic', metric: 'comments_open', parameters: {} },
    applicability: COMMENTING_NETWORKS,
    thresholds: PRESENT,
  },
  {
    code: 'POSTING_REGULARITY',
    title: { ru: 'Регулярность публикаций', en: 'Posting regularity' },
    description: {
      ru: 'Не реже 3 публикаций в неделю в среднем за период и ни одного перерыва дольше 7 дней.',
      en: 'At least 3 posts a week on average over the period and no gap longer than 7 days.',
    },
    group: 'activity',
    weight: 10,
    evaluation: { kind: 'automatic', metric: 'posting_regularity', parameters: { postsPerWeek: 3, maxGapDays: 7 } },
    applicability: ALL,
    // The value is the number of the two conditions met (0, 1 or 2).
    thresholds: { direction: 'higher', pass: 2, partial: 1 },
  },
  {
    code: 'ER_POST',
    title: { ru: 'Вовлеченность ERpost относительно отрасли', en: 'ERpost relative to the sector' },
    description: {
      ru: 'ERpost = (лайки + репосты + комментарии) / подписчики × 100%, среднее по записям; сравнивается с медианой страниц той же отрасли.',
      en: 'ERpost = (likes + reposts + comments) / followers × 100%, averaged over posts; compared with the median of the same sector.',
    },
    group: 'engagement',
    weight: 6,
    evaluation: { kind: 'automatic', metric: 'er_post_vs_peers', parameters: {} },
    applicability: INTERACTION_NETWORKS,
    thresholds: { direction: 'higher', pass: 1, partial: 0.5 },
  },
  {
    code: 'ER_VIEW',
    title: { ru: 'Вовлеченность ERview относительно отрасли', en: 'ERview relative to the sector' },
    description: {
      ru: 'ERview = (лайки + репосты + комментарии) / просмотры × 100%, среднее по записям; сравнивается с медианой отрасли.',
      en: 'ERview = (likes + reposts + comments) / views × 100%, averaged over posts; compared with the sector median.',
    },
    group: 'engagement',
    weight: 4,
    evaluation: { kind: 'automatic', metric: 'er_view_vs_peers', parameters: {} },
    applicability: INTERACTION_NETWORKS,
    thresholds: { direction: 'higher', pass: 1, partial: 0.5 },
  },
  {
    code: 'RESPONSE_RATE',
    title: { ru: 'Доля вопросов с ответом', en: 'Response rate' },
    description: {
      ru: 'Доля вопросов, жалоб и просьб граждан в комментариях, на которые страница ответила.',
      en: "Share of citizens' questions, complaints and requests in comments that the page answered.",
    },
    group: 'feedback',
    weight: 12,
    evaluation: { kind: 'automatic', metric: 'response_rate', parameters: {} },
    applicability: COMMENTING_NETWORKS,
    thresholds: { direction: 'higher', pass: 0.9, partial: 0.6 },
  },
  {
    code: 'SLA_WITHIN_24H',
    title: { ru: 'Ответ в течение 24 часов', en: 'Answered within 24 hours' },
    description: { ru: 'Доля вопросов, на которые ответ дан не позднее 24 часов.', en: 'Share of questions answered within 24 hours.' },
    group: 'feedback',
    weight: 14,
    evaluation: { kind: 'automatic', metric: 'share_within_sla', parameters: {} },
    applicability: COMMENTING_NETWORKS,
    thresholds: { direction: 'higher', pass: 0.9, partial: 0.7 },
  },
  {
    code: 'MEDIAN_FIRST_RESPONSE',
    title: { ru: 'Медианное время первого ответа', en: 'Median first-response time' },
    description: { ru: 'Медиана времени от вопроса до первого ответа страницы, в часах.', en: 'Median time from a question to the first reply of the page, in hours.' },
    group: 'feedback',
    weight: 6,
    evaluation: { kind: 'automatic', metric: 'median_first_response_hours', parameters: {} },
    applicability: COMMENTING_NETWORKS,
    thresholds: { direction: 'lower', pass: 8, partial: 24 },
  },
  {
    code: 'OPERATIONAL_INFO',
    title: { ru: 'Своевременность оперативной информации', en: 'Timeliness of operational information' },
    description: { ru: 'Отключения, перекрытия, ЧС публикуются заранее или сразу.', en: 'Outages, closures and emergencies are announced in advance or immediately.' },
    group: 'content',
    weight: 6,
    evaluation: {
      kind: 'manual',
      scale: { min: 0, max: 2 },
      guidance: { ru: '0 — нет или с опозданием; 1 — частично; 2 — всегда своевременно.', en: '0 — missing or late; 1 — partly; 2 — always timely.' },
    },
    applicability: ALL,
    thresholds: MANUAL_0_2,
  },
  {
    code: 'SUBSTANTIVE_ANSWERS',
    title: { ru: 'Ответы по существу', en: 'Substantive answers' },
    description: {
      ru: 'Ответ сообщает, что и к какому сроку будет сделано или почему это невозможно; отписки не засчитываются.',
      en: 'An answer says what will be done and by when, or why it cannot be; formal replies do not count.',
    },
    group: 'feedback',
    weight: 8,
    evaluation: {
      kind: 'manual',
      scale: { min: 0, max: 2 },
      guidance: { ru: '0 — в основном отписки; 1 — смешанно; 2 — в основном по существу.', en: '0 — mostly formal; 1 — mixed; 2 — mostly substantive.' },
    },
    applicability: COMMENTING_NETWORKS,
    thresholds: MANUAL_0_2,
  },
  {
    code: 'LITERACY_STYLE',
    title: { ru: 'Грамотность и стиль', en: 'Literacy and style' },
    description: { ru: 'Тексты грамотные, понятные, без канцелярита.', en: 'Texts are literate, clear and free of bureaucratese.' },
    group: 'content',
    weight: 4,
    evaluation: {
      kind: 'manual',
      scale: { min: 0, max: 2 },
      guidance: { ru: '0 — много ошибок; 1 — отдельные ошибки; 2 — грамотно и понятно.', en: '0 — many errors; 1 — some errors; 2 — literate and clear.' },
    },
    applicability: ALL,
    thresholds: MANUAL_0_2,
  },
  {
    code: 'GOV_BADGE',
    title: { ru: 'Отметка «Госорганизация»', en: '«Госорганизация» badge' },
    description: {
      ru: 'Страница имеет отметку «Госорганизация» (подтверждается через Госуслуги; в API нет поля — проверяется вручную).',
      en: 'The page carries the «Госорганизация» badge (granted via Gosuslugi; not in the API — checked manually).',
    },
    group: 'profile',
    weight: 3,
    evaluation: { kind: 'manual', scale: { min: 0, max: 1 }, guidance: { ru: '1 — отметка есть; 0 — нет.', en: '1 — badge present; 0 — absent.' } },
    applicability: COMMENTING_NETWORKS,
    thresholds: MANUAL_YES_NO,
  },
  {
    code: 'POS_WIDGET',
    title: { ru: 'Виджет ПОС', en: 'Gosuslugi feedback widget (ПОС)' },
    description: { ru: 'Над лентой размещен виджет платформы обратной связи Госуслуг.', en: 'The Gosuslugi feedback platform widget is placed above the feed.' },
    group: 'feedback',
    weight: 3,
    evaluation: { kind: 'manual', scale: { min: 0, max: 1 }, guidance: { ru: '1 — виджет есть; 0 — нет.', en: '1 — widget present; 0 — absent.' } },
    applicability: { ...ALL, networks: ['vk'] },
    thresholds: MANUAL_YES_NO,
  },
];

/** Methodology v1, built from the Saratov programme's criteria and regional checklists. */
export const METHODOLOGY_V1: Methodology = methodologySchema.parse({
  version: 1,
  title: { ru: 'Методика оценки официальных страниц, версия 1', en: 'Official page assessment methodology, version 1' },
  effectiveFrom: '2025-01-01',
  partialShare: 0.5,
  minimumCoverage: 0.5,
  sla: DEFAULT_SLA_POLICY,
  criteria,
});
