import { describe, expect, it } from 'vitest';
import type { CriterionScore, ScoreResult } from '../criteria/types';
import { METHODOLOGY_V1 } from '../methodology/v1';
import { buildRecommendations } from './build';
import { pluralRu } from './plural';

function score(criteria: CriterionScore[]): ScoreResult {
  return { methodologyVersion: 1, status: 'ok', total: 50, earned: 10, possible: 20, coverage: 1, criteria };
}
const sla: CriterionScore = {
  code: 'SLA_WITHIN_24H',
  group: 'feedback',
  weight: 14,
  status: 'fail',
  value: 0.4,
  points: 0,
  maxPoints: 14,
  evidence: [
    { kind: 'figure', field: 'questions', value: 5 },
    { kind: 'comment', id: 'c1', url: 'https://vk.com/wall-1_10?reply=11', note: 'breached' },
    { kind: 'comment', id: 'c2', url: 'https://vk.com/wall-1_12?reply=13', note: 'answered_late' },
    { kind: 'comment', id: 'c3', url: null, note: 'breached' },
  ],
};

describe('buildRecommendations', () => {
  it('writes concrete Russian text with evidence and redacted quotes', () => {
    const texts = new Map([
      ['c1', 'Когда дадут воду? Мой номер 8-917-123-45-67, [id77|Ольга Смирнова]'],
      ['c2', 'Пишите на olga@mail.ru'],
    ]);
    const [rec] = buildRecommendations(METHODOLOGY_V1, score([sla]), { questionTexts: texts });
    expect(rec!.text).toMatch(/^3 вопроса остались без ответа более 24 часов: «Когда дадут воду\?/);
    expect(rec!.text).toContain('https://vk.com/wall-1_10?reply=11');
    expect(rec!.text).toContain('[телефон скрыт]');
    expect(rec!.text).not.toMatch(/917|olga@|Ольга|id77/);
    expect(rec!.evidence).toBe(sla.evidence);
    expect(rec!.potentialPoints).toBe(14);
  });

  it('makes one recommendation per unmet criterion and none for passed or unmeasured ones', () => {
    const recs = buildRecommendations(
      METHODOLOGY_V1,
      score([
        sla,
        { code: 'PROFILE_PHONE', group: 'profile', weight: 2, status: 'fail', value: 0, points: 0, maxPoints: 2, evidence: [] },
        { code: 'PROFILE_EMAIL', group: 'profile', weight: 2, status: 'pass', value: 1, points: 2, maxPoints: 2, evidence: [] },
        { code: 'RESPONSE_RATE', group: 'feedback', weight: 12, status: 'not_enough_data', value: null, points: 0, maxPoints: 0, evidence: [] },
        {
          code: 'POSTING_REGULARITY',
          group: 'activity',
          weight: 10,
          status: 'partial',
          value: 1,
          points: 5,
          maxPoints: 10,
          evidence: [
            { kind: 'figure', field: 'posts', value: 9 },
            { kind: 'figure', field: 'postsPerWeek', value: 2.1 },
            { kind: 'figure', field: 'longestGapDays', value: 4 },
          ],
        },
        { code: 'LITERACY_STYLE', group: 'content', weight: 4, status: 'partial', value: 1, points: 2, maxPoints: 4, evidence: [{ kind: 'manual', id: 'a1', value: 1 }] },
      ]),
    );
    expect(recs.map((r) => r.criterionCode)).toEqual(['SLA_WITHIN_24H', 'PROFILE_PHONE', 'POSTING_REGULARITY', 'LITERACY_STYLE']);
    expect(recs[1]!.text).toMatch(/^В профиле страницы не указан контактный телефон\. /);
    expect(recs[2]!.text).toBe(
      'За период 9 публикаций: 2,1 публикации в неделю, самый длинный перерыв — 4 дня при норме в среднем не менее 3 публикаций в неделю и ни одного перерыва дольше 7 дней. Составьте контент-план и публикуйте записи равномерно.',
    );
    expect(recs[3]!.text).toContain('Грамотность и стиль');
    expect(recs[2]!.potentialPoints).toBe(5);
  });

  it('words every profile field in its own gender, never «не указан(а)»', () => {
    const recs = buildRecommendations(
      METHODOLOGY_V1,
      score(
        ['PROFILE_DESCRIPTION', 'PROFILE_EMAIL', 'PROFILE_HEAD_LINK', 'PROFILE_WORKING_HOURS'].map((code) => ({
          code,
          group: 'profile' as const,
          weight: 2,
          status: 'fail' as const,
          value: 0,
          points: 0,
          maxPoints: 2,
          evidence: [],
        })),
      ),
    );
    expect(recs.map((r) => r.text.split('.')[0])).toEqual([
      'В профиле страницы не указано описание организации',
      'В профиле страницы не указан адрес электронной почты',
      'В профиле страницы не указана ссылка на аккаунт руководителя',
      'В профиле страницы не указан режим работы',
    ]);
    expect(recs.map((r) => r.text).join(' ')).not.toMatch(/\(а\)|[a-z]{3,}/);
  });

  it('writes a long gap with a fractional number of days in the genitive singular and no raw keys', () => {
    const [rec] = buildRecommendations(
      METHODOLOGY_V1,
      score([
        {
          code: 'POSTING_REGULARITY',
          group: 'activity',
          weight: 10,
          status: 'fail',
          value: 0,
          points: 0,
          maxPoints: 10,
          evidence: [
            { kind: 'figure', field: 'posts', value: 1 },
            { kind: 'figure', field: 'postsPerWeek', value: 0.11 },
            { kind: 'figure', field: 'longestGapDays', value: 65.3 },
            { kind: 'post', id: '1', url: 'https://vk.com/wall-1_1', note: 'gap_start' },
          ],
        },
      ]),
    );
    expect(rec!.text).toContain('За период 1 публикация: 0,1 публикации в неделю, самый длинный перерыв — 65,3 дня');
    expect(rec!.text).not.toMatch(/gap_|posts|longestGapDays|дней\)/);
  });

  it('pluralises Russian nouns', () => {
    expect([1.5, 65.3].map((n) => pluralRu(n, 'день', 'дня', 'дней'))).toEqual(['дня', 'дня']);
    expect(pluralRu(7.5, 'дня', 'дней', 'дней', 'дня')).toBe('дня');
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => pluralRu(n, 'вопрос', 'вопроса', 'вопросов'))).toEqual(['вопрос', 'вопроса', 'вопросов', 'вопросов', 'вопрос', 'вопроса', 'вопросов', 'вопросов']);
  });
});
