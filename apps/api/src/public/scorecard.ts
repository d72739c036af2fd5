import { getOrganization, listOrganizationScores, type Sql } from '@most/db';
import { numberRu, quantityRu } from '@most/domain/russian';
import { formatDay, formatPeriod, KIND_LABELS, SECTOR_LABELS } from './labels';
import { organizationRankingHistory, type EditionCriterion, type Scorecard } from '@most/services';

const NETWORK_LABELS: Record<string, string> = { vk: 'ВКонтакте', ok: 'Одноклассники', telegram: 'Телеграм' };
const signed = (value: number, digits: number) => (value > 0 ? `+${numberRu(value, digits)}` : numberRu(value, digits));
const placeChange = (change: number | null) =>
  change === null ? '' : change === 0 ? ', место не изменилось' : `, ${change > 0 ? 'выше' : 'ниже'} на ${quantityRu(Math.abs(change), ['место', 'места', 'мест'], 0)}`;

/**
 * The scorecard's content from the organization's newest published edition and newest period
 * score: what it measured, on which pages, and which pages were not measured and why.
 */
export async function loadScorecard(sql: Sql, code: string, pageUrl: (code: string) => string, editionCriteria: (slug: string) => Promise<EditionCriterion[]>, now = new Date()): Promise<Scorecard> {
  const organization = await getOrganization(sql, { code });
  const [history, scores] = await Promise.all([organizationRankingHistory(sql, organization.id), listOrganizationScores(sql, organization.id, 1)]);
  const latest = history[0] ?? null;
  const names = latest ? await editionCriteria(latest.editionSlug) : [];
  const period = scores[0] ?? null;
  const official = organization.accounts.filter((a) => a.isOfficial);
  const headline: Scorecard['headline'] = latest
    ? [
        {
          label: 'Балл из 100',
          value: latest.score === null ? 'нет данных' : numberRu(latest.score),
          note: latest.scoreChange === null ? 'нет прошлого выпуска для сравнения' : `${signed(latest.scoreChange, 1)} к прошлому выпуску`,
        },
        { label: 'Место', value: latest.rank === null ? '—' : `${latest.rank}`, note: latest.rank === null ? 'не ранжирована' : `из ${latest.rankedCount}${placeChange(latest.rankChange)}` },
      ]
    : [{ label: 'Балл из 100', value: 'нет данных', note: 'организация ещё не вошла в опубликованный выпуск' }];
  const evidence = latest
    ? [
        `Оценено ${latest.accountsScored} из ${quantityRu(latest.accountsTotal, ['официальной страницы', 'официальных страниц', 'официальных страниц'], 0)}.`,
        `Вопросов жителей с известным исходом в выборке: ${numberRu(latest.sampleSize, 0)}.`,
        `Методика, версия ${latest.methodologyVersion}.`,
      ]
    : ['Опубликованных выпусков с этой организацией пока нет.'];
  const pages = (period?.pages ?? official.map((a) => ({ network: a.network, url: a.canonicalUrl, measured: false, reasonText: 'ещё не оценивалась' }))).map((p) => ({
    network: NETWORK_LABELS[p.network] ?? p.network,
    url: p.url,
    status: p.measured ? 'оценена' : `не оценена: ${p.reasonText ?? 'нет данных'}`,
  }));
  return {
    organizationName: organization.fullName,
    subtitle: [KIND_LABELS[organization.kind], SECTOR_LABELS[organization.sector], organization.municipality?.name].filter(Boolean).join(' · '),
    editionLine: latest ? `${latest.editionTitle} (${formatPeriod(latest.periodStart, latest.periodEnd)})` : null,
    headline,
    unrankedText: latest && latest.rank === null ? 'недостаточно данных для сравнения с другими организациями' : null,
    criteria: latest ? latest.criteria.map((c) => ({ name: names.find((n) => n.code === c.code)?.name || c.code, value: `${numberRu(c.score)} из 100` })) : [],
    evidence,
    pages,
    pageUrl: pageUrl(organization.code),
    generatedOn: formatDay(now),
  };
}
