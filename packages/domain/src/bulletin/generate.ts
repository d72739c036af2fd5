import { bulletinDatasetSchema, type BulletinCriterionResult, type BulletinDataset, type BulletinOrganization, type BulletinOrganizationSla, type ParsedBulletinDataset } from './dataset';
import { heading, left, paragraph, right, table } from './block-builders';
import { organizationSectionKey, type Block, type BulletinDraft, type Section } from './blocks';
import { formatDelta, formatMinutes, formatPercent, formatSaratovDate, formatShare, formatScore, recommendationStatusLabel, redactContacts, roundTo } from './format';
import { escapeMarkdown } from './markdown';
import { lastDayOfPeriod } from './period';
import { bulletinSlaState, questionCountRu, slaNotMeasuredText } from './sla';
import { biggestMovers, compareByName, mean, rankOrganizations, type RankedOrganization } from './ranking';

export interface GenerateOptions {
  /** Rows in each of the ranking's top and bottom tables. */
  rankingSize?: number;
  /** Rises and falls shown among the biggest movers (each). */
  moversSize?: number;
  /** Most common unmet criteria listed in the public edition. */
  commonCriteriaSize?: number;
  /** Good-practice examples per common problem. */
  examplesPerCriterion?: number;
}

/** Recommendation statuses that are finished and no longer listed as open work. */
const CLOSED_RECOMMENDATION_STATUSES = new Set(['resolved', 'dismissed', 'withdrawn']);

/**
 * Builds the draft of one issue from its dataset: a public edition followed by one section per
 * agency (in name order). Pure and deterministic: equal datasets give equal drafts.
 */
export function generateBulletinDraft(input: BulletinDataset, options: GenerateOptions = {}): BulletinDraft {
  const dataset = bulletinDatasetSchema.parse(input);
  const settings = { rankingSize: 5, moversSize: 3, commonCriteriaSize: 5, examplesPerCriterion: 2, ...options };
  const ranked = rankOrganizations(dataset.organizations, 'current');
  const rankedPrevious = rankOrganizations(dataset.organizations, 'previous');
  const agencies = [...dataset.organizations].sort(compareByName);
  const sections: Section[] = [publicSection(dataset, ranked, settings)];
  const recommendationIds: BulletinDraft['recommendationIds'] = [];
  const index = indexByOrganization(dataset, ranked, rankedPrevious);
  for (const organization of agencies) {
    const section = agencySection(dataset, organization, index);
    sections.push(section.section);
    for (const id of section.recommendationIds) recommendationIds.push({ recommendationId: id, organizationId: organization.id });
  }
  return {
    title: `Бюллетень «Цифровой мост»: ${dataset.period.label}`,
    periodKey: dataset.period.key,
    periodLabel: dataset.period.label,
    sections,
    recommendationIds,
  };
}

type Settings = Required<GenerateOptions>;

/** Whose questions the bulletin's regional SLA figures cover (the dataset's organizations). */
const SLA_SCOPE = 'по организациям, оценённым в этом периоде';

function publicSection(dataset: ParsedBulletinDataset, ranked: RankedOrganization[], settings: Settings): Section {
  const blocks: Block[] = [];
  const { period, previousPeriod } = dataset;
  const currentScores = ranked.map((r) => r.score);
  const previousScores = dataset.organizations.flatMap((o) => (o.scorePrevious === null ? [] : [o.scorePrevious]));
  const averageNow = roundOrNull(mean(currentScores));
  const averageBefore = roundOrNull(mean(previousScores));
  const sla = dataset.sla.overall;
  const notCounted = dataset.sla.notCountedReason;
  // Figures only from decided questions; otherwise the reason they were not measured, never «0» and «—».
  const slaState = bulletinSlaState(sla, notCounted === null ? null : escapeMarkdown(notCounted));
  const resolvedOrganizations = new Set(dataset.resolved.map((r) => r.organizationId)).size;

  blocks.push(heading('public-summary-heading', 2, `Главное за период: ${period.label}`));
  blocks.push(
    paragraph(
      'public-intro',
      `Бюллетень общественного мониторинга официальных страниц органов власти и подведомственных учреждений в социальных сетях ` +
        `за период с ${formatIsoDate(period.start)} по ${formatIsoDate(lastDayOfPeriod(period.end))}.` +
        (dataset.methodologyVersion ? ` Оценки рассчитаны по методике версии ${escapeMarkdown(dataset.methodologyVersion)}, шкала 0–100.` : ' Оценки по шкале 0–100.'),
    ),
  );
  if (!anythingMeasured(dataset, ranked)) {
    // No statement of success or failure from data that was never measured.
    const reason = dataset.notMeasuredReason;
    blocks.push(
      paragraph(
        'public-not-measured',
        `За этот период ничего не измерено${reason ? `: ${escapeMarkdown(reason)}` : ''}. Организаций в реестре: ${dataset.organizations.length}, оценено: 0. ` +
          'Рейтинг, частые проблемы и выполнение критериев появятся в бюллетене после измерения.',
      ),
    );
    return { key: 'public', audience: 'public', organizationId: null, title: 'Общий выпуск', blocks };
  }
  blocks.push({
    key: 'public-headline',
    kind: 'list',
    ordered: false,
    items: [
      `Оценено организаций: ${ranked.length} из ${dataset.organizations.length}`,
      `Средний балл: ${formatScore(averageNow)}` +
        (averageBefore === null ? '' : ` (${previousPeriod ? previousPeriod.label : 'прошлый период'}: ${formatScore(averageBefore)}, изменение ${formatDelta(averageNow, averageBefore)})`),
      ...(slaState.kind !== 'measured'
        ? [`${slaNotMeasuredText(slaState)} (${SLA_SCOPE})`]
        : [
            `Вопросов жителей в комментариях: ${sla.questions}, из них ответ дан или срок истёк: ${sla.decided}; ответ получили ${formatShare(slaState.figures.responseRate)}, ` +
              `в течение 24 часов — ${formatShare(slaState.figures.shareWithinSla)} (${SLA_SCOPE})`,
            `Медианное время первого ответа: ${answerTime(sla.answered, sla.medianMinutes)}`,
          ]),
      `Выполнено рекомендаций после повторной проверки: ${dataset.resolved.length} (организаций: ${resolvedOrganizations})`,
      `Открытых споров по оценкам: ${dataset.disputes.length}`,
    ],
  });

  const top = ranked.slice(0, settings.rankingSize);
  const bottom = ranked.slice(Math.max(settings.rankingSize, ranked.length - settings.rankingSize));
  blocks.push(heading('public-top-heading', 2, 'Рейтинг: лучшие результаты'));
  const unranked = 'Рейтинг не составлен: ни одна организация не набрала достаточно измеренных данных.';
  blocks.push(ranked.length > 0 ? rankingTable('public-top', top) : paragraph('public-top', unranked));
  blocks.push(heading('public-bottom-heading', 2, 'Рейтинг: требуют внимания'));
  blocks.push(bottom.length > 0 ? rankingTable('public-bottom', bottom) : paragraph('public-bottom', ranked.length > 0 ? 'Все оценённые организации вошли в верхнюю часть рейтинга.' : unranked));

  const movers = biggestMovers(dataset.organizations, settings.moversSize);
  const moved = [...movers.up, ...movers.down];
  blocks.push(heading('public-movers-heading', 2, 'Наибольшие изменения'));
  if (moved.length === 0) {
    blocks.push(paragraph('public-movers', 'Нет организаций, оценённых в обоих периодах с изменением балла.'));
  } else {
    blocks.push({
      key: 'public-movers-figure',
      kind: 'figure',
      caption: 'Изменение балла по сравнению с прошлым периодом',
      bars: moved.map((m) => ({ label: m.organization.name, value: m.delta, display: formatDelta(m.organization.scoreCurrent, m.organization.scorePrevious) })),
    });
    blocks.push(
      table(
        'public-movers',
        [left('name', 'Организация'), right('previous', 'Было'), right('current', 'Стало'), right('delta', 'Изменение')],
        moved.map((m) => [
          m.organization.name,
          formatScore(m.organization.scorePrevious),
          formatScore(m.organization.scoreCurrent),
          formatDelta(m.organization.scoreCurrent, m.organization.scorePrevious),
        ]),
      ),
    );
  }

  blocks.push(...commonProblemBlocks(dataset, settings));

  blocks.push(heading('public-sla-heading', 2, 'Ответы на вопросы жителей (норматив — 24 часа)'));
  if (slaState.kind !== 'measured') {
    blocks.push(paragraph('public-sla-not-measured', `${slaNotMeasuredText(slaState)}; ${SLA_SCOPE}.`));
    return { key: 'public', audience: 'public', organizationId: null, title: 'Общий выпуск', blocks };
  }
  blocks.push(paragraph('public-sla-scope', `Доли считаются от вопросов, на которые ответ уже дан или срок ответа истёк; ${SLA_SCOPE}.`));
  const withoutSample = dataset.sla.organizations.filter((o) => !o.enoughData).length;
  blocks.push(
    table(
      'public-sla',
      [left('metric', 'Показатель'), right('value', 'Значение')],
      [
        ['Вопросов в комментариях', sla.questions],
        ['Из них ответ дан или срок истёк', sla.decided],
        ['Получили ответ страницы', `${sla.answered} (${formatShare(slaState.figures.responseRate)})`],
        ['Ответ в течение 24 часов', `${sla.answeredWithin24h} (${formatShare(slaState.figures.shareWithinSla)})`],
        ['Медиана времени первого ответа', answerTime(sla.answered, sla.medianMinutes)],
        ['90-й процентиль времени первого ответа', answerTime(sla.answered, sla.p90Minutes)],
        ['Организаций с недостаточной выборкой', withoutSample],
      ],
    ),
  );
  return { key: 'public', audience: 'public', organizationId: null, title: 'Общий выпуск', blocks };
}

function commonProblemBlocks(dataset: ParsedBulletinDataset, settings: Settings): Block[] {
  const byCriterion = new Map<string, { measured: Set<number>; unmet: Set<number>; met: BulletinCriterionResult[] }>();
  for (const result of dataset.criterionResults) {
    let entry = byCriterion.get(result.criterionCode);
    if (!entry) byCriterion.set(result.criterionCode, (entry = { measured: new Set(), unmet: new Set(), met: [] }));
    entry.measured.add(result.organizationId);
    if (result.met) entry.met.push(result);
    else entry.unmet.add(result.organizationId);
  }
  const organizations = new Map(dataset.organizations.map((o) => [o.id, o]));
  const titles = new Map(dataset.criteria.map((c) => [c.code, c.title]));
  const common = [...byCriterion.entries()]
    .filter(([, entry]) => entry.unmet.size > 0)
    .sort(([codeA, a], [codeB, b]) => b.unmet.size - a.unmet.size || b.unmet.size / b.measured.size - a.unmet.size / a.measured.size || codeA.localeCompare(codeB))
    .slice(0, settings.commonCriteriaSize);

  const blocks: Block[] = [heading('public-problems-heading', 2, 'Частые проблемы и хорошие примеры')];
  if (common.length === 0) {
    const markdown = byCriterion.size > 0 ? 'Все измеренные критерии выполнены.' : 'Критерии за период не измерялись.';
    blocks.push(paragraph('public-problems', markdown));
    return blocks;
  }
  blocks.push(
    table(
      'public-problems',
      [left('criterion', 'Критерий'), right('unmet', 'Не выполняют'), right('share', 'Доля')],
      common.map(([code, entry]) => [titles.get(code) ?? code, `${entry.unmet.size} из ${entry.measured.size}`, formatPercent(entry.unmet.size, entry.measured.size)]),
    ),
  );
  common.forEach(([code, entry], index) => {
    // Good practice: pages that meet the criterion, from the best-scoring organizations.
    const seen = new Set<number>();
    const examples = entry.met
      .map((result) => ({ result, organization: organizations.get(result.organizationId) }))
      .filter((row): row is { result: BulletinCriterionResult; organization: BulletinOrganization } => row.organization !== undefined)
      .sort(
        (a, b) =>
          (b.organization.scoreCurrent ?? -1) - (a.organization.scoreCurrent ?? -1) ||
          compareByName(a.organization, b.organization) ||
          (a.result.accountUrl ?? '').localeCompare(b.result.accountUrl ?? ''),
      )
      .filter((row) => (seen.has(row.organization.id) ? false : (seen.add(row.organization.id), true)))
      .slice(0, settings.examplesPerCriterion);
    if (examples.length === 0) return;
    blocks.push(heading(`public-practice-${index + 1}-heading`, 3, `Хороший пример: ${titles.get(code) ?? code}`));
    blocks.push({
      key: `public-practice-${index + 1}`,
      kind: 'list',
      ordered: false,
      items: examples.map(({ result, organization }) => {
        // The page itself, never a piece of evidence: evidence may point at a citizen's comment.
        const link = result.accountUrl;
        const name = escapeMarkdown(organization.name);
        return `${link ? `[${name}](${link})` : name} — балл ${formatScore(organization.scoreCurrent)}`;
      }),
    });
  });
  return blocks;
}

type OrganizationIndex = ReturnType<typeof indexByOrganization>;

/** Everything per organization looked up once, so that sections cost O(own rows), not O(dataset). */
function indexByOrganization(dataset: ParsedBulletinDataset, ranked: RankedOrganization[], rankedPrevious: RankedOrganization[]) {
  const group = <T extends { organizationId: number }>(rows: readonly T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.organizationId);
      if (list) list.push(row);
      else map.set(row.organizationId, [row]);
    }
    return (organizationId: number): T[] => map.get(organizationId) ?? [];
  };
  return {
    titles: new Map(dataset.criteria.map((c) => [c.code, c.title])),
    criterionOrder: new Map(dataset.criteria.map((c, index) => [c.code, index])),
    rank: new Map(ranked.map((r) => [r.organization.id, r])),
    rankBefore: new Map(rankedPrevious.map((r) => [r.organization.id, r])),
    rankedCount: ranked.length,
    rankedBeforeCount: rankedPrevious.length,
    sla: new Map(dataset.sla.organizations.map((s) => [s.organizationId, s])),
    results: group(dataset.criterionResults),
    recommendations: group(dataset.recommendations),
    resolved: group(dataset.resolved),
    disputes: group(dataset.disputes),
  };
}

function agencySection(dataset: ParsedBulletinDataset, organization: BulletinOrganization, index: OrganizationIndex): { section: Section; recommendationIds: number[] } {
  const key = organizationSectionKey(organization.id);
  const blocks: Block[] = [];
  const { titles, criterionOrder } = index;
  const rank = index.rank.get(organization.id);
  const rankBefore = index.rankBefore.get(organization.id);
  const sla = index.sla.get(organization.id);

  blocks.push(heading(`${key}-heading`, 2, organization.name));
  const results = index.results(organization.id);
  const measured = results.length > 0 || organization.scoreCurrent !== null || (sla !== undefined && sla.questions > 0);
  if (!measured) {
    const reason = organization.notMeasuredReason ?? dataset.notMeasuredReason;
    blocks.push(
      paragraph(
        `${key}-not-measured`,
        `За этот период страницы организации не измерены${reason ? `: ${escapeMarkdown(reason)}` : ''}. Оценка, место в рейтинге и выполнение критериев появятся после измерения.`,
      ),
    );
  }
  blocks.push(
    table(
      `${key}-scores`,
      [left('metric', 'Показатель'), right('current', dataset.period.label), right('previous', dataset.previousPeriod?.label ?? 'Прошлый период'), right('delta', 'Изменение')],
      [
        ['Итоговый балл', formatScore(organization.scoreCurrent), formatScore(organization.scorePrevious), formatDelta(organization.scoreCurrent, organization.scorePrevious)],
        ['Место в рейтинге', rank ? `${rank.rank} из ${index.rankedCount}` : '—', rankBefore ? `${rankBefore.rank} из ${index.rankedBeforeCount}` : '—', ''],
        ...(measured ? agencySlaRows(sla, dataset.sla.notCountedReason) : []),
      ],
    ),
  );

  const unmet = results
    .filter((r) => !r.met)
    .sort(
      (a, b) =>
        (criterionOrder.get(a.criterionCode) ?? Number.MAX_SAFE_INTEGER) - (criterionOrder.get(b.criterionCode) ?? Number.MAX_SAFE_INTEGER) ||
        a.criterionCode.localeCompare(b.criterionCode) ||
        (a.accountUrl ?? '').localeCompare(b.accountUrl ?? ''),
    );
  blocks.push(heading(`${key}-unmet-heading`, 3, 'Невыполненные критерии'));
  blocks.push(
    unmet.length === 0
      ? paragraph(`${key}-unmet`, results.length > 0 ? 'Все измеренные критерии выполнены.' : 'Критерии за период не измерялись.')
      : table(
          `${key}-unmet`,
          [left('criterion', 'Критерий'), left('account', 'Страница'), left('evidence', 'Что обнаружено')],
          unmet.map((r) => [titles.get(r.criterionCode) ?? r.criterionCode, r.accountUrl ?? '—', r.evidence ? redactContacts(r.evidence) : '—']),
          unmet.map((r) => r.evidenceUrl ?? r.accountUrl),
        ),
  );

  const open = index
    .recommendations(organization.id)
    .filter((r) => !CLOSED_RECOMMENDATION_STATUSES.has(r.status))
    .sort((a, b) => a.id - b.id);
  blocks.push(heading(`${key}-recommendations-heading`, 3, 'Рекомендации'));
  blocks.push(
    open.length === 0
      ? paragraph(`${key}-recommendations`, measured ? 'Открытых рекомендаций нет.' : 'Рекомендаций нет: за период страницы не измерялись.')
      : table(
          `${key}-recommendations`,
          [right('number', '№'), left('criterion', 'Критерий'), left('text', 'Рекомендация'), left('status', 'Статус')],
          open.map((r) => [r.id, r.criterionCode ? (titles.get(r.criterionCode) ?? r.criterionCode) : '—', redactContacts(r.text), recommendationStatusLabel(r.status)]),
        ),
  );

  const resolved = [...index.resolved(organization.id)].sort((a, b) => a.recommendationId - b.recommendationId);
  if (resolved.length > 0) {
    blocks.push(heading(`${key}-resolved-heading`, 3, 'Выполнено после повторной проверки'));
    blocks.push({
      key: `${key}-resolved`,
      kind: 'list',
      ordered: false,
      items: resolved.map((r) => `${escapeMarkdown(redactContacts(r.text))}${r.sentInIssue ? ` (направлена в выпуске ${escapeMarkdown(r.sentInIssue)})` : ''}`),
    });
  }

  const disputes = [...index.disputes(organization.id)].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id - b.id);
  blocks.push(heading(`${key}-disputes-heading`, 3, 'Открытые споры'));
  blocks.push(
    disputes.length === 0
      ? paragraph(`${key}-disputes`, 'Открытых споров нет.')
      : table(
          `${key}-disputes`,
          [left('opened', 'Открыт'), left('criterion', 'Критерий'), left('summary', 'Суть')],
          disputes.map((d) => [formatSaratovDate(d.openedAt), d.criterionCode ? (titles.get(d.criterionCode) ?? d.criterionCode) : '—', redactContacts(d.summary)]),
        ),
  );
  return {
    section: { key, audience: 'agency', organizationId: organization.id, title: organization.name, blocks },
    recommendationIds: open.map((r) => r.id),
  };
}

/** An agency's answers to questions on its measured pages: figures, too small a sample, or why nothing was measured. */
function agencySlaRows(sla: BulletinOrganizationSla | undefined, notCountedReason: string | null): string[][] {
  const state = bulletinSlaState(sla, notCountedReason);
  const label = 'Ответы на вопросы жителей';
  if (state.kind !== 'measured') return [[label, slaNotMeasuredText(state), '', '']];
  const { stats, figures } = state;
  if (!stats.enoughData) return [[label, `недостаточно данных: ${questionCountRu(stats.questions)}`, '', '']];
  return [
    ['Вопросов жителей', String(stats.questions), '', ''],
    ['Ответ в течение 24 часов', formatShare(figures.shareWithinSla), '', ''],
    ['Медиана времени первого ответа', answerTime(stats.answered, stats.medianMinutes), '', ''],
  ];
}

/** A first-response time; when no question was answered there is no time to state. */
const answerTime = (answered: number, minutes: number | null): string => (answered === 0 ? 'ответов не было' : formatMinutes(minutes));

function rankingTable(key: string, rows: RankedOrganization[]): Block {
  return table(
    key,
    [right('rank', 'Место'), left('name', 'Организация'), left('municipality', 'Муниципалитет'), right('score', 'Балл'), right('delta', 'Изменение')],
    rows.map((r) => [r.rank, r.organization.name, r.organization.municipality ?? '—', formatScore(r.score), formatDelta(r.organization.scoreCurrent, r.organization.scorePrevious)]),
  );
}

/** Whether the dataset holds any measurement at all: a score, a criterion verdict or a question. */
function anythingMeasured(dataset: ParsedBulletinDataset, ranked: RankedOrganization[]): boolean {
  return ranked.length > 0 || dataset.criterionResults.length > 0 || dataset.sla.overall.questions > 0;
}

const roundOrNull = (value: number | null) => (value === null ? null : roundTo(value, 1));
const formatIsoDate = (isoDate: string) => isoDate.split('-').reverse().join('.');
