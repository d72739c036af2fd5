import { describe, expect, it } from 'vitest';
import type { SlaCounts } from '../sla/aggregate';
import { compareColumns, editionHeadline, editionMovers, medianScore, municipalityColumn, municipalitySummaries, slaSummary, type InsightRow } from './insights';

const row = (code: string, over: Partial<InsightRow> = {}): InsightRow => ({
  organizationCode: code,
  organizationName: `Организация ${code}`,
  municipalityCode: 'engels',
  municipalityName: 'Энгельсский муниципальный район',
  score: 50,
  rank: 1,
  scoreChange: null,
  rankChange: null,
  accountsScored: 1,
  accountsTotal: 2,
  criteria: [{ code: 'A', score: 100 }],
  ...over,
});

const counts = (inTime: number, late: number, breached: number): SlaCounts => ({
  answeredInTime: inTime,
  answeredLate: late,
  breached,
  openWithinWindow: 1,
  excludedDeleted: 0,
  medianFirstResponseMs: null,
  p90FirstResponseMs: null,
  substantive: null,
});

describe('movers against the previous edition', () => {
  it('says there is nothing to compare without a previous edition or common organizations', () => {
    expect(editionMovers([row('a', { scoreChange: 5 })], false)).toMatchObject({ status: 'not_enough_data', code: 'no_previous_edition' });
    expect(editionMovers([row('a'), row('b', { rank: null, score: null })], true)).toMatchObject({ status: 'not_enough_data', code: 'no_common_organizations' });
  });

  it('orders the biggest rise and fall by score change, ties by name, up to the limit', () => {
    const rows = [
      row('a', { scoreChange: 3 }),
      row('b', { scoreChange: 10 }),
      row('c', { scoreChange: -4 }),
      row('d', { scoreChange: -9 }),
      row('e', { scoreChange: 0 }),
      row('f', { scoreChange: 10 }),
    ];
    const movers = editionMovers(rows, true, 2);
    expect(movers.status).toBe('ok');
    if (movers.status !== 'ok') return;
    expect(movers.improved.map((m) => m.organizationCode)).toEqual(['b', 'f']);
    expect(movers.fallen.map((m) => m.organizationCode)).toEqual(['d', 'c']);
    expect(movers.compared).toBe(6);
  });
});

describe('headline figures', () => {
  it('counts organizations, pages and the median score of ranked rows only', () => {
    const rows = [row('a', { score: 40 }), row('b', { score: 80, rank: 2 }), row('c', { score: null, rank: null, accountsScored: 0, accountsTotal: 3 })];
    const headline = editionHeadline({ rows, hasPrevious: false, sla: slaSummary([], 10, null) });
    expect(headline).toMatchObject({ organizations: 3, rankedOrganizations: 2, unrankedOrganizations: 1, pagesMonitored: 7, pagesScored: 2 });
    expect(headline.medianScore).toEqual({ status: 'ok', value: 60 });
    expect(headline.sla).toMatchObject({ status: 'not_enough_data', code: 'below_minimum_sample' });
    expect(headline.movers).toMatchObject({ code: 'no_previous_edition' });
    expect(medianScore([row('x', { rank: null, score: null })])).toMatchObject({ status: 'not_enough_data', code: 'no_ranked_organizations' });
  });

  it('states the 24-hour share over decided questions with the minimum sample', () => {
    const summary = slaSummary([counts(6, 2, 2), counts(3, 0, 1)], 10, 3_600_000);
    expect(summary).toEqual({ status: 'ok', decided: 14, shareWithin24h: 9 / 14, medianFirstResponseMs: 3_600_000 });
    expect(slaSummary([counts(3, 0, 1)], 10, 1)).toMatchObject({ status: 'not_enough_data' });
  });
});

describe('municipalities', () => {
  it('averages ranked scores, sums SLA counts and names the best and worst organization', () => {
    const rows = [
      row('a', { score: 90, rank: 1 }),
      row('b', { score: 30, rank: 7 }),
      row('c', { score: null, rank: null }),
      row('d', { municipalityCode: 'marks', municipalityName: 'Марксовский муниципальный район', score: null, rank: null }),
      row('r', { municipalityCode: null, municipalityName: null }),
    ];
    const sla = new Map([
      ['a', counts(8, 1, 1)],
      ['b', counts(2, 0, 0)],
    ]);
    const summaries = municipalitySummaries(rows, sla, 10);
    expect(summaries.map((s) => s.code)).toEqual(['marks', 'engels']);
    const [marks, engels] = summaries;
    expect(engels).toMatchObject({ code: 'engels', organizations: 3, rankedOrganizations: 2, averageScore: { status: 'ok', value: 60 } });
    expect(engels!.best?.organizationCode).toBe('a');
    expect(engels!.worst?.organizationCode).toBe('b');
    expect(engels!.sla).toMatchObject({ status: 'ok', decided: 12, shareWithin24h: 10 / 12 });
    expect(marks).toMatchObject({ code: 'marks', averageScore: { code: 'no_ranked_organizations' }, sla: { code: 'below_minimum_sample' }, best: null, worst: null });
  });
});

describe('comparison', () => {
  it('puts every criterion on a row and marks a missing one as not measured', () => {
    const criteria = [
      { code: 'A', name: 'Телефон', weight: 1 },
      { code: 'B', name: 'Ответ за 24 часа', weight: 2 },
    ];
    const comparison = compareColumns(criteria, [
      {
        code: 'a',
        name: 'А',
        score: 70,
        rank: 1,
        unranked: null,
        criteria: [
          { code: 'A', score: 100 },
          { code: 'B', score: 50 },
        ],
      },
      { code: 'b', name: 'Б', score: null, rank: null, unranked: 'мало данных', criteria: [{ code: 'A', score: 0 }] },
    ]);
    expect(comparison.columns.map((c) => c.code)).toEqual(['a', 'b']);
    expect(comparison.criteria[1]!.cells).toEqual([
      { status: 'measured', score: 50 },
      { status: 'not_measured', text: 'Не измерялся в этом выпуске' },
    ]);
  });

  it('turns a municipality into a column of per-criterion means', () => {
    const rows = [
      row('a', {
        criteria: [
          { code: 'A', score: 100 },
          { code: 'B', score: 0 },
        ],
      }),
      row('b', { criteria: [{ code: 'A', score: 50 }] }),
    ];
    const [summary] = municipalitySummaries(rows, new Map(), 10);
    const column = municipalityColumn(summary!, rows);
    expect(column.criteria).toEqual([
      { code: 'A', score: 75 },
      { code: 'B', score: 0 },
    ]);
    expect(column.score).toBe(50);
  });
});
