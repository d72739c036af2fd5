import type { BulletinDataset } from './dataset';

/** A fixed dataset of the Saratov region used by golden tests here and by database and delivery tests. */
export const BULLETIN_FIXTURE: BulletinDataset = {
  period: { key: '2026-10', start: '2026-10-01', end: '2026-11-01', label: 'октябрь 2026' },
  previousPeriod: { key: '2026-09', start: '2026-09-01', end: '2026-10-01', label: 'сентябрь 2026' },
  methodologyVersion: '1.2',
  organizations: [
    { id: 1, name: 'Министерство образования Саратовской области', municipality: null, sector: 'education', scoreCurrent: 91.4, scorePrevious: 88 },
    { id: 2, name: 'Администрация Энгельсского муниципального района', municipality: 'Энгельсский район', sector: 'other', scoreCurrent: 77.25, scorePrevious: 80.5 },
    { id: 3, name: 'Администрация Балаковского муниципального района', municipality: 'Балаковский район', sector: 'other', scoreCurrent: 77.25, scorePrevious: 61 },
    { id: 4, name: 'ГУЗ «Саратовская городская поликлиника № 2»', municipality: 'город Саратов', sector: 'health', scoreCurrent: 42, scorePrevious: 55.5 },
    { id: 5, name: 'МОУ «СОШ № 5 г. Вольска»', municipality: 'Вольский район', sector: 'education', scoreCurrent: 35.8, scorePrevious: 35.8 },
    { id: 6, name: 'Комитет культуры администрации г. Саратова', municipality: 'город Саратов', sector: 'culture', scoreCurrent: null, scorePrevious: 70 },
    { id: 7, name: 'Администрация Аркадакского муниципального района', municipality: 'Аркадакский район', sector: 'other', scoreCurrent: 64.9, scorePrevious: null },
  ],
  criteria: [
    { code: 'contacts.phone', title: 'Телефон в описании страницы' },
    { code: 'schedule.hours', title: 'Часы работы' },
    { code: 'posting.regular', title: 'Не реже 3 публикаций в неделю' },
    { code: 'sla.24h', title: 'Ответ на вопросы жителей в течение 24 часов' },
  ],
  criterionResults: [
    { organizationId: 1, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/minobr64', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 1, criterionCode: 'schedule.hours', accountUrl: 'https://vk.com/minobr64', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 1, criterionCode: 'posting.regular', accountUrl: 'https://vk.com/minobr64', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 1, criterionCode: 'sla.24h', accountUrl: 'https://vk.com/minobr64', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 2, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/engels_adm', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 2, criterionCode: 'schedule.hours', accountUrl: 'https://vk.com/engels_adm', met: false, evidence: 'В адресе страницы не указано расписание', evidenceUrl: null },
    { organizationId: 2, criterionCode: 'sla.24h', accountUrl: 'https://vk.com/engels_adm', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 3, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/balakovo_adm', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 3, criterionCode: 'schedule.hours', accountUrl: 'https://vk.com/balakovo_adm', met: true, evidence: null, evidenceUrl: 'https://vk.com/balakovo_adm?w=address' },
    { organizationId: 3, criterionCode: 'sla.24h', accountUrl: 'https://ok.ru/group/70000001', met: false, evidence: 'Вопрос «когда починят дорогу? звоните 8 (845) 222-33-44» без ответа 31 ч', evidenceUrl: 'https://ok.ru/group/70000001/topic/1' },
    { organizationId: 4, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/gp2_saratov', met: false, evidence: 'В описании нет телефона регистратуры', evidenceUrl: null },
    { organizationId: 4, criterionCode: 'schedule.hours', accountUrl: 'https://vk.com/gp2_saratov', met: false, evidence: 'Часы работы не указаны', evidenceUrl: null },
    { organizationId: 4, criterionCode: 'sla.24h', accountUrl: 'https://vk.com/gp2_saratov', met: false, evidence: 'Медиана первого ответа 52 ч', evidenceUrl: 'https://vk.com/wall-100004_17' },
    { organizationId: 5, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/school5_volsk', met: false, evidence: 'Телефон не указан', evidenceUrl: null },
    { organizationId: 5, criterionCode: 'posting.regular', accountUrl: 'https://vk.com/school5_volsk', met: false, evidence: '1 публикация в неделю', evidenceUrl: null },
    { organizationId: 7, criterionCode: 'contacts.phone', accountUrl: 'https://vk.com/arkadak_adm', met: true, evidence: null, evidenceUrl: null },
    { organizationId: 7, criterionCode: 'schedule.hours', accountUrl: 'https://vk.com/arkadak_adm', met: false, evidence: 'Часы работы не указаны', evidenceUrl: null },
  ],
  recommendations: [
    { id: 11, organizationId: 2, criterionCode: 'schedule.hours', text: 'Укажите часы работы приёмной в разделе «Адреса».', status: 'new' },
    { id: 12, organizationId: 4, criterionCode: 'contacts.phone', text: 'Добавьте телефон регистратуры в описание страницы.', status: 'sent' },
    { id: 13, organizationId: 4, criterionCode: 'sla.24h', text: 'Назначьте ответственного за ответы в комментариях в выходные дни.', status: 'acknowledged' },
    { id: 14, organizationId: 5, criterionCode: 'posting.regular', text: 'Публикуйте не реже трёх раз в неделю: составьте контент-план.', status: 'new' },
    { id: 15, organizationId: 3, criterionCode: 'contacts.phone', text: 'Добавьте телефон приёмной.', status: 'resolved' },
    { id: 16, organizationId: 5, criterionCode: null, text: 'Пройдите курс ДПО по ведению госпабликов.', status: 'dismissed' },
  ],
  resolved: [{ recommendationId: 15, organizationId: 3, criterionCode: 'contacts.phone', text: 'Добавьте телефон приёмной.', sentInIssue: '2026-09' }],
  sla: {
    overall: { questions: 240, answered: 198, answeredWithin24h: 150, medianMinutes: 605, p90Minutes: 2_950 },
    organizations: [
      { organizationId: 1, questions: 80, answered: 79, answeredWithin24h: 75, medianMinutes: 95, p90Minutes: 600, enoughData: true },
      { organizationId: 3, questions: 60, answered: 50, answeredWithin24h: 35, medianMinutes: 900, p90Minutes: 2_000, enoughData: true },
      { organizationId: 4, questions: 90, answered: 62, answeredWithin24h: 36, medianMinutes: 3_120, p90Minutes: 5_000, enoughData: true },
      { organizationId: 5, questions: 10, answered: 7, answeredWithin24h: 4, medianMinutes: 1_500, p90Minutes: null, enoughData: false },
    ],
  },
  disputes: [
    { id: 21, organizationId: 4, criterionCode: 'contacts.phone', summary: 'Телефон указан в закреплённой записи, просим учесть.', openedAt: '2026-10-20T09:30:00Z' },
  ],
};
