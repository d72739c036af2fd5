import type { AccountUrlProblem } from './account-url';

/** Why "is this page official?" answered no: the link's problem, or a valid link missing from the registry. */
export type OfficialCheckReason = AccountUrlProblem | 'not_in_registry';

/** The answer's text for the public check page and API (Russian, shown as is). */
export const OFFICIAL_CHECK_REASON_RU: Readonly<Record<OfficialCheckReason, string>> = {
  not_in_registry: 'Реестр ведут по сведениям самих органов власти и учреждений. Если страница называет себя официальной, но её здесь нет, будьте осторожны и проверьте её на сайте организации.',
  not_a_url: 'Это не похоже на адрес страницы. Вставьте ссылку целиком, например https://vk.com/название.',
  unsupported_site: 'Реестр ведётся только для страниц ВКонтакте, Одноклассников и каналов Telegram.',
  no_page_name: 'В ссылке нет названия страницы или группы.',
  inside_page: 'Ссылка ведёт на запись или раздел внутри страницы, а не на саму страницу. Вставьте адрес главной страницы сообщества.',
  personal_profile: 'Это личная страница человека, а не сообщество. Официальные страницы ведутся от имени сообщества.',
  site_section: 'Это раздел самой соцсети, а не сообщество.',
  invalid_name: 'Такого названия страницы не может быть: проверьте ссылку.',
  private_link: 'Это закрытая ссылка-приглашение. Вставьте публичную ссылку на канал.',
};
