/**
 * Why a criterion has no verdict. Every "not measured", "not applicable" and "not enough data"
 * result carries one of these codes; `criterionReasonRu` gives the sentence a reader sees.
 * A network adapter that cannot read something (e.g. comments in Telegram) adds a code here.
 */
const PAGE_UNREAD = ['page_not_read', 'page_not_found', 'page_deleted', 'page_private', 'page_blocked', 'profile_not_read', 'posts_not_read', 'comments_not_read'] as const;
export const CRITERION_REASONS = [
  // not_measured: the data the criterion needs was never read
  ...PAGE_UNREAD,
  'website_not_checked',
  'not_assessed',
  // not_applicable
  'criterion_scope',
  'monitor_judgement',
  'network_has_no_comments',
  'network_has_no_reactions',
  'network_has_no_field',
  // not_enough_data: read, but too little to judge
  'small_sample',
  'no_posts',
  'no_peer_median',
  'no_answers',
  'period_not_started',
  'not_reported',
] as const;
export type CriterionReason = (typeof CRITERION_REASONS)[number];

const REASON_RU: Record<CriterionReason, string> = {
  page_not_read: 'страница не читалась',
  page_not_found: 'страница не найдена',
  page_deleted: 'страница удалена',
  page_private: 'страница закрыта',
  page_blocked: 'страница заблокирована',
  profile_not_read: 'профиль страницы не читался',
  posts_not_read: 'записи страницы не читались',
  comments_not_read: 'комментарии страницы не читались',
  website_not_checked: 'сайт организации ещё не проверялся',
  not_assessed: 'критерий ещё не оценивался',
  criterion_scope: 'критерий не относится к страницам этого типа',
  monitor_judgement: 'по решению мониторинга критерий к странице не относится',
  network_has_no_comments: 'в этой сети комментарии к записям не видны',
  network_has_no_reactions: 'в этой сети не видны отметки «Нравится» и репосты',
  network_has_no_field: 'в этой сети у страницы нет такого поля',
  small_sample: 'вопросов за период меньше минимальной выборки',
  no_posts: 'за период нет записей, по которым можно посчитать показатель',
  no_peer_median: 'нет данных по другим страницам отрасли для сравнения',
  no_answers: 'за период нет ответов страницы',
  period_not_started: 'период ещё не начался',
  not_reported: 'социальная сеть не сообщает эти сведения',
};

/** Reasons meaning the page (or the part of it a criterion needs) was never read: nothing may be recommended from them. */
export const PAGE_UNREAD_REASONS: readonly CriterionReason[] = PAGE_UNREAD;

/** Reasons meaning the data was never read (status not_measured), as opposed to too little of it. */
export const NOT_MEASURED_REASONS: ReadonlySet<CriterionReason> = new Set([...PAGE_UNREAD_REASONS, 'website_not_checked', 'not_assessed']);

export const isCriterionReason = (value: unknown): value is CriterionReason => typeof value === 'string' && value in REASON_RU;

/** The Russian sentence for a reason code; unknown codes (older rows) read as "not measured". */
export function criterionReasonRu(reason: string | null | undefined): string {
  return isCriterionReason(reason) ? REASON_RU[reason] : 'данные не измерялись';
}

/** What the crawler knows about a page: whether it can be read, and which parts ever were. */
export interface PageReadState {
  availability: 'available' | 'not_found' | 'deleted' | 'private' | 'blocked';
  profileRead: boolean;
  postsRead: boolean;
  commentsRead: boolean;
}

export const PAGE_READ: PageReadState = { availability: 'available', profileRead: true, postsRead: true, commentsRead: true };

/** The reason a page as a whole could not be measured, or null when something of it was read. */
export function pageNotMeasuredReason(page: PageReadState): CriterionReason | null {
  if (page.availability !== 'available') return `page_${page.availability}`;
  if (!page.profileRead && !page.postsRead && !page.commentsRead) return 'page_not_read';
  return null;
}
