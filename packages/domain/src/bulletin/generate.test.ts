import { describe, expect, it } from 'vitest';
import type { Block, Section } from './blocks';
import { BULLETIN_FIXTURE } from './fixture';
import { formatScore } from './format';
import { generateBulletinDraft } from './generate';

const draft = generateBulletinDraft(BULLETIN_FIXTURE);
const section = (key: string): Section => {
  const found = draft.sections.find((s) => s.key === key);
  if (!found) throw new Error(`no section ${key}`);
  return found;
};
const block = <K extends Block['kind']>(s: Section, key: string, kind: K): Extract<Block, { kind: K }> => {
  const found = s.blocks.find((b) => b.key === key);
  if (!found || found.kind !== kind) throw new Error(`no ${kind} block ${key}`);
  return found as Extract<Block, { kind: K }>;
};

describe('bulletin draft generation (golden)', () => {
  it('matches the golden draft for the fixed dataset', async () => {
    await expect(JSON.stringify(draft, null, 2)).toMatchFileSnapshot('./__golden__/draft-2026-10.json');
  });

  it('is deterministic and independent of the input order', () => {
    const shuffled = {
      ...BULLETIN_FIXTURE,
      organizations: [...BULLETIN_FIXTURE.organizations].reverse(),
      criterionResults: [...BULLETIN_FIXTURE.criterionResults].reverse(),
      recommendations: [...BULLETIN_FIXTURE.recommendations].reverse(),
    };
    expect(generateBulletinDraft(shuffled)).toEqual(draft);
  });

  it('puts the public edition first, then one section per agency in Russian alphabetical order', () => {
    expect(draft.sections[0]?.key).toBe('public');
    const agencyNames = draft.sections.slice(1).map((s) => s.title);
    expect(agencyNames).toEqual(BULLETIN_FIXTURE.organizations.map((o) => o.name).sort((a, b) => a.localeCompare(b, 'ru')));
    expect(agencyNames[0]).toBe('Администрация Аркадакского муниципального района');
    const keys = draft.sections.flatMap((s) => s.blocks.map((b) => b.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ranks by the input scores, ties sharing a rank, and leaves unscored organizations out', () => {
    const top = block(section('public'), 'public-top', 'table');
    const scored = BULLETIN_FIXTURE.organizations.filter((o) => o.scoreCurrent !== null).sort((a, b) => b.scoreCurrent! - a.scoreCurrent!);
    expect(top.rows.map((r) => r[3])).toEqual(scored.slice(0, 5).map((o) => formatScore(o.scoreCurrent)));
    expect(top.rows.map((r) => r[0])).toEqual([1, 2, 2, 4, 5]);
    // The tie (77,25) is ordered by name: Балаковский before Энгельсский.
    expect(top.rows[1]?.[1]).toBe('Администрация Балаковского муниципального района');
    const bottom = block(section('public'), 'public-bottom', 'table');
    expect(bottom.rows.map((r) => r[1])).toEqual(['МОУ «СОШ № 5 г. Вольска»']);
    const allRanked = [...top.rows, ...bottom.rows].map((r) => r[1]);
    expect(allRanked).not.toContain('Комитет культуры администрации г. Саратова');
  });

  it('reports headline figures computed from the dataset', () => {
    const headline = block(section('public'), 'public-headline', 'list');
    const current = BULLETIN_FIXTURE.organizations.flatMap((o) => (o.scoreCurrent === null ? [] : [o.scoreCurrent]));
    const previous = BULLETIN_FIXTURE.organizations.flatMap((o) => (o.scorePrevious === null ? [] : [o.scorePrevious]));
    const avg = (values: number[]) => formatScore(Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);
    expect(headline.items[0]).toBe(`Оценено организаций: ${current.length} из ${BULLETIN_FIXTURE.organizations.length}`);
    expect(headline.items[1]).toContain(`Средний балл: ${avg(current)}`);
    expect(headline.items[1]).toContain(`сентябрь 2026: ${avg(previous)}`);
    // Shares over decided questions (the domain's SLA rule, as on the public headline): 198/230 and 150/230.
    expect(headline.items[2]).toBe(
      'Вопросов жителей в комментариях: 240, из них ответ дан или срок истёк: 230; ответ получили 86,1 %, в течение 24 часов — 65,2 % (по организациям, оценённым в этом периоде)',
    );
    expect(headline.items[3]).toBe('Медианное время первого ответа: 10 ч 5 мин');
  });

  it('lists the biggest movers with the exact score changes', () => {
    const movers = block(section('public'), 'public-movers', 'table');
    expect(movers.rows).toEqual([
      ['Администрация Балаковского муниципального района', '61,0', '77,3', '+16,3'],
      ['Министерство образования Саратовской области', '88,0', '91,4', '+3,4'],
      ['ГУЗ «Саратовская городская поликлиника № 2»', '55,5', '42,0', '−13,5'],
      ['Администрация Энгельсского муниципального района', '80,5', '77,3', '−3,2'],
    ]);
    const figure = block(section('public'), 'public-movers-figure', 'figure');
    expect(figure.bars.map((b) => b.value)).toEqual([16.3, 3.4, -13.5, -3.2]);
  });

  it('ranks common unmet criteria by the number of organizations and shows good practice from the best scorers', () => {
    const problems = block(section('public'), 'public-problems', 'table');
    expect(problems.rows[0]).toEqual(['Часы работы', '3 из 5', '60,0 %']);
    // Equal counts: the larger share of measured organizations comes first.
    expect(problems.rows[1]).toEqual(['Ответ на вопросы жителей в течение 24 часов', '2 из 4', '50,0 %']);
    expect(problems.rows[2]).toEqual(['Телефон в описании страницы', '2 из 6', '33,3 %']);
    const practice = block(section('public'), 'public-practice-1', 'list');
    expect(practice.items[0]).toBe('[Министерство образования Саратовской области](https://vk.com/minobr64) — балл 91,4');
    // Links go to the page, not to the evidence (which may be a citizen's comment).
    expect(practice.items[1]).toBe('[Администрация Балаковского муниципального района](https://vk.com/balakovo_adm) — балл 77,3');
  });

  it('gives each agency its scores against the previous period, unmet criteria, open recommendations and disputes', () => {
    const clinic = section('org-4');
    const scores = block(clinic, 'org-4-scores', 'table');
    expect(scores.rows[0]).toEqual(['Итоговый балл', '42,0', '55,5', '−13,5']);
    expect(scores.rows[1]).toEqual(['Место в рейтинге', '5 из 6', '5 из 6', '']);
    const unmet = block(clinic, 'org-4-unmet', 'table');
    expect(unmet.rows.map((r) => r[0])).toEqual(['Телефон в описании страницы', 'Часы работы', 'Ответ на вопросы жителей в течение 24 часов']);
    const recommendations = block(clinic, 'org-4-recommendations', 'table');
    expect(recommendations.rows.map((r) => [r[0], r[3]])).toEqual([
      [12, 'направлена'],
      [13, 'принята к сведению'],
    ]);
    const disputes = block(clinic, 'org-4-disputes', 'table');
    expect(disputes.rows).toEqual([['20.10.2026', 'Телефон в описании страницы', 'Телефон указан в закреплённой записи, просим учесть.']]);
    // Closed recommendations are not carried; the resolved one is reported to its agency.
    expect(draft.recommendationIds).toEqual([
      { recommendationId: 11, organizationId: 2 },
      { recommendationId: 12, organizationId: 4 },
      { recommendationId: 13, organizationId: 4 },
      { recommendationId: 14, organizationId: 5 },
    ]);
    expect(block(section('org-3'), 'org-3-resolved', 'list').items).toEqual(['Добавьте телефон приёмной. (направлена в выпуске 2026-09)']);
  });

  it('redacts phone numbers quoted from citizens in evidence', () => {
    const unmet = block(section('org-3'), 'org-3-unmet', 'table');
    expect(unmet.rows[0]?.[2]).toBe('Вопрос «когда починят дорогу? звоните [телефон скрыт]» без ответа 31 ч');
    expect(JSON.stringify(draft)).not.toContain('222-33-44');
  });

  it('shows "not enough data" instead of SLA figures below the minimum sample', () => {
    const scores = block(section('org-5'), 'org-5-scores', 'table');
    expect(scores.rows.at(-1)).toEqual(['Ответы на вопросы жителей', 'недостаточно данных: 10 вопросов', '', '']);
  });

  it('rejects a dataset that does not match its schema', () => {
    expect(() => generateBulletinDraft({ ...BULLETIN_FIXTURE, organizations: [{ ...BULLETIN_FIXTURE.organizations[0]!, scoreCurrent: 140 }] })).toThrow();
  });

  it('says nothing was measured, and why, for a period without any measurement, and claims no success or failure', () => {
    const empty = generateBulletinDraft({
      ...BULLETIN_FIXTURE,
      organizations: BULLETIN_FIXTURE.organizations.map((o) => ({ ...o, scoreCurrent: null, scorePrevious: null, notMeasuredReason: o.id === 2 ? 'страница не читалась' : null })),
      criterionResults: [],
      recommendations: [],
      resolved: [],
      disputes: [],
      sla: { overall: { questions: 0, decided: 0, answered: 0, answeredWithin24h: 0, medianMinutes: null, p90Minutes: null }, organizations: [] },
      notMeasuredReason: 'оценки за период ещё не рассчитаны',
    });
    const text = JSON.stringify(empty);
    expect(text).not.toMatch(/выполнены|вошли в верхнюю часть|Открытых рекомендаций нет|не выполн|Средний балл/);
    const publicText = JSON.stringify(empty.sections[0]);
    expect(publicText).toContain('За этот период ничего не измерено: оценки за период ещё не рассчитаны.');
    expect(publicText).not.toContain('Рейтинг:');
    const agencies = empty.sections.slice(1);
    expect(agencies).toHaveLength(BULLETIN_FIXTURE.organizations.length);
    for (const agency of agencies) expect(JSON.stringify(agency)).toContain('За этот период страницы организации не измерены');
    expect(JSON.stringify(empty.sections.find((s) => s.organizationId === 2))).toContain('не измерены: страница не читалась.');
    expect(empty.recommendationIds).toEqual([]);
  });
});

describe("answers to citizens' questions that were not measured", () => {
  const NO_QUESTIONS = 'Вопросов жителей в комментариях за период не найдено — доля ответов в течение 24 часов и время ответа не измерялись';
  const stats = (questions: number, decided: number, answered: number) => ({
    questions,
    decided,
    answered,
    answeredWithin24h: Math.min(answered, 1),
    medianMinutes: answered === 0 ? null : 90,
    p90Minutes: answered === 0 ? null : 300,
  });
  const withSla = (overall: ReturnType<typeof stats>, organizations: { organizationId: number; enoughData: boolean; stats: ReturnType<typeof stats> }[] = [], notCountedReason: string | null = null) =>
    generateBulletinDraft({
      ...BULLETIN_FIXTURE,
      sla: { overall, organizations: organizations.map((o) => ({ organizationId: o.organizationId, enoughData: o.enoughData, ...o.stats })), notCountedReason },
    });
  const slaRow = (d: ReturnType<typeof generateBulletinDraft>, organizationId: number) => {
    const found = d.sections.find((s) => s.organizationId === organizationId);
    if (!found) throw new Error(`no section of ${organizationId}`);
    // After the score and the rank: the rows about questions.
    return block(found, `org-${organizationId}-scores`, 'table').rows.slice(2);
  };
  const publicText = (d: ReturnType<typeof generateBulletinDraft>) => JSON.stringify(d.sections[0]);

  it('says that no question was found, instead of «0» and «—», in the public part and in every measured agency section', () => {
    const empty = withSla(stats(0, 0, 0));
    const headline = block(empty.sections[0]!, 'public-headline', 'list');
    expect(headline.items).toContain(`${NO_QUESTIONS} (по организациям, оценённым в этом периоде)`);
    expect(headline.items.join('\n')).not.toMatch(/Вопросов жителей в комментариях: 0|Медианное время/);
    expect(block(empty.sections[0]!, 'public-sla-not-measured', 'paragraph').markdown).toBe(`${NO_QUESTIONS}; по организациям, оценённым в этом периоде.`);
    expect(empty.sections[0]!.blocks.some((b) => b.key === 'public-sla')).toBe(false);
    // Every organization with a score or a verdict was measured: none of them had a question.
    for (const id of [1, 2, 3, 4, 5, 7]) expect(slaRow(empty, id)).toEqual([['Ответы на вопросы жителей', NO_QUESTIONS, '', '']]);
    // An organization measured in nothing gets no statement about its questions either.
    expect(slaRow(empty, 6)).toEqual([]);
  });

  it('says how many questions still wait inside their window, in the right plural form, rather than a share of nothing', () => {
    const waiting = withSla(stats(3, 0, 0), [
      { organizationId: 1, enoughData: false, stats: stats(1, 0, 0) },
      { organizationId: 4, enoughData: false, stats: stats(2, 0, 0) },
    ]);
    expect(publicText(waiting)).toContain('На 3 вопроса жителей срок ответа ещё не истёк — доля ответов в течение 24 часов и время ответа не измерялись');
    expect(publicText(waiting)).not.toMatch(/ответ получили —|Медианное время/);
    expect(slaRow(waiting, 1)[0]?.[1]).toBe('На 1 вопрос жителей срок ответа ещё не истёк — доля ответов в течение 24 часов и время ответа не измерялись');
    expect(slaRow(waiting, 4)[0]?.[1]).toMatch(/^На 2 вопроса жителей/);
    expect(slaRow(waiting, 2)[0]?.[1]).toBe(NO_QUESTIONS);
  });

  it('says questions were not counted, and why, when the period has scores but no question count', () => {
    const notCounted = withSla(stats(0, 0, 0), [], 'оценки за этот период ещё не рассчитаны');
    const why = 'Вопросы жителей за период не подсчитывались: оценки за этот период ещё не рассчитаны — доля ответов в течение 24 часов и время ответа не измерялись';
    expect(publicText(notCounted)).toContain(why);
    expect(publicText(notCounted)).not.toContain('не найдено');
    expect(slaRow(notCounted, 3)).toEqual([['Ответы на вопросы жителей', why, '', '']]);
  });

  it('states shares but no answer time when no question was answered', () => {
    const unanswered = withSla(stats(12, 12, 0), [{ organizationId: 4, enoughData: true, stats: stats(12, 12, 0) }]);
    const rows = block(unanswered.sections[0]!, 'public-sla', 'table').rows;
    expect(rows.find((r) => r[0] === 'Медиана времени первого ответа')?.[1]).toBe('ответов не было');
    expect(rows.find((r) => r[0] === 'Ответ в течение 24 часов')?.[1]).toBe('0 (0,0 %)');
    expect(slaRow(unanswered, 4)).toEqual([
      ['Вопросов жителей', '12', '', ''],
      ['Ответ в течение 24 часов', '0,0 %', '', ''],
      ['Медиана времени первого ответа', 'ответов не было', '', ''],
    ]);
  });
});

describe('citizens mentioned in an agency section (issue 13, item 3)', () => {
  it('never prints a VK mention or a name inside it, in any form', () => {
    const leaky = 'Ответьте @id987654321 (Иван Петров) и [id987654322:bp-1_2|Пётр]: vk.com/id5, t.me/ivan_p, ok.ru/profile/5723';
    const dataset = { ...BULLETIN_FIXTURE, recommendations: BULLETIN_FIXTURE.recommendations.map((r) => (r.id === 11 ? { ...r, text: leaky } : r)) };
    const text = JSON.stringify(generateBulletinDraft(dataset));
    for (const leak of ['Иван', 'Петров', 'Пётр', '987654321', 'ivan_p', '5723', 'vk.com/id5']) expect(text).not.toContain(leak);
    expect(text).toContain('[пользователь]');
  });
});
