import { describe, expect, it } from 'vitest';
import { METHODOLOGY_V1 } from '../methodology/v1';
import { METRICS, type CriterionDefinition } from '../methodology/types';
import * as text from './text';
import { criterionNormRu, criterionStatusRu, criterionValueRu } from './text';
import { criterionReasonRu, CRITERION_REASONS } from './reasons';
import { statusFor } from './score';

/** Non-breaking spaces keep «90 %» together on screen; the tests compare plain text. */
const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const criterionRuleRu = (c: Parameters<typeof text.criterionRuleRu>[0]) => plain(text.criterionRuleRu(c));
const criterionResultRu = (...args: Parameters<typeof text.criterionResultRu>) => plain(text.criterionResultRu(...args));
const evidenceRu = (e: Parameters<typeof text.evidenceRu>[0]) => plain(text.evidenceRu(e));
const byCode = (code: string) => METHODOLOGY_V1.criteria.find((c) => c.code === code)!;
const RAW = /[a-z]{3,}_[a-z]|\b(?:posts|longestGapDays|hasCover|gap_start|gap_end|undefined|null|NaN)\b|\(а\)/;

describe('criterion texts', () => {
  it('covers every metric and the manual kind in methodology v1', () => {
    const kinds = new Set(METHODOLOGY_V1.criteria.map((c) => (c.evaluation.kind === 'manual' ? 'manual' : c.evaluation.metric)));
    expect([...kinds].sort()).toEqual([...METRICS, 'manual'].sort());
  });

  it('generates the rule from the thresholds that score it', () => {
    expect(criterionRuleRu(byCode('POSTING_REGULARITY'))).toBe(
      'Выполнен, если за период в среднем не менее 3 публикаций в неделю и ни одного перерыва дольше 7 дней; частично — если выполнено одно из двух условий.',
    );
    const edited: CriterionDefinition = {
      ...byCode('POSTING_REGULARITY'),
      evaluation: { kind: 'automatic', metric: 'posting_regularity', parameters: { postsPerWeek: 2, maxGapDays: 10 } },
      thresholds: { direction: 'higher', pass: 1, partial: 1 },
    };
    expect(criterionRuleRu(edited)).toBe('Выполнен, если за период в среднем не менее 2 публикаций в неделю или ни одного перерыва дольше 10 дней.');
    expect(criterionRuleRu(byCode('RESPONSE_RATE'))).toBe('Выполнен при значении ≥ 90 %; частично — ≥ 60 %.');
    expect(criterionRuleRu(byCode('MEDIAN_FIRST_RESPONSE'))).toBe('Выполнен при значении ≤ 8 ч; частично — ≤ 24 ч.');
    expect(criterionRuleRu(byCode('ER_POST'))).toBe('Выполнен, если показатель ≥ 100 % медианы отрасли; частично — ≥ 50 % медианы отрасли.');
    expect(criterionRuleRu(byCode('PROFILE_WORKING_HOURS'))).toBe('Выполнен, если в профиле указан режим работы.');
    expect(criterionRuleRu(byCode('PROFILE_HEAD_LINK'))).toBe('Выполнен, если в профиле указана ссылка на аккаунт руководителя.');
    expect(criterionRuleRu(byCode('PROFILE_DESCRIPTION'))).toBe('Выполнен, если в профиле указано описание организации.');
    expect(criterionRuleRu(byCode('PROFILE_AVATAR_COVER'))).toBe('Выполнен, если у страницы установлены аватар и обложка.');
    expect(criterionRuleRu(byCode('WEBSITE_BACKLINK'))).toContain('ссылка на страницу');
    expect(criterionRuleRu(byCode('COMMENTS_OPEN'))).toBe('Выполнен, если комментарии к записям открыты.');
    expect(criterionRuleRu(byCode('LITERACY_STYLE'))).toBe(
      'Оценивает мониторинг по шкале от 0 до 2 (0 — много ошибок; 1 — отдельные ошибки; 2 — грамотно и понятно). Выполнен при оценке не ниже 2; частично — при оценке 1.',
    );
    expect(criterionRuleRu(byCode('GOV_BADGE'))).toMatch(/Выполнен при оценке не ниже 1\.$/);
  });

  it('shows the measured value with its unit against the norm, and the verdict follows the value', () => {
    const line = (code: string, value: number, evidence: unknown[] = []) => {
      const c = byCode(code);
      return { status: criterionStatusRu(statusFor(value, c.thresholds)), text: criterionResultRu(c, { status: statusFor(value, c.thresholds), value, evidence }) };
    };
    expect(line('SLA_WITHIN_24H', 0.45)).toEqual({ status: 'Не выполнен', text: '45 % при норме ≥ 90 %' });
    expect(line('RESPONSE_RATE', 0.95)).toEqual({ status: 'Выполнен', text: '95 % при норме ≥ 90 %' });
    expect(line('MEDIAN_FIRST_RESPONSE', 12.5)).toEqual({ status: 'Выполнен частично', text: '12,5 ч при норме ≤ 8 ч' });
    expect(
      line('ER_VIEW', 0.8, [
        { kind: 'figure', field: 'erView', value: 1.2 },
        { kind: 'figure', field: 'erViewSectorMedian', value: 1.5 },
      ]),
    ).toEqual({
      status: 'Выполнен частично',
      text: '80 % медианы отрасли (ERview 1,2 % при медиане 1,5 %) при норме ≥ 100 % медианы отрасли',
    });
    expect(
      line('POSTING_REGULARITY', 1, [
        { kind: 'figure', field: 'postsPerWeek', value: 2.1 },
        { kind: 'figure', field: 'longestGapDays', value: 4 },
      ]).text,
    ).toBe('2,1 публикации в неделю, самый длинный перерыв — 4 дня при норме в среднем не менее 3 публикаций в неделю и ни одного перерыва дольше 7 дней');
    expect(line('PROFILE_WORKING_HOURS', 0)).toEqual({ status: 'Не выполнен', text: 'Режим работы не указан; норма — указан' });
    expect(line('PROFILE_WORKING_HOURS', 1)).toEqual({ status: 'Выполнен', text: 'Режим работы указан; норма — указан' });
    expect(line('PROFILE_EMAIL', 0).text).toBe('Адрес электронной почты не указан; норма — указан');
    expect(
      line('PROFILE_AVATAR_COVER', 0, [
        { kind: 'snapshot', field: 'hasAvatar', value: true },
        { kind: 'snapshot', field: 'hasCover', value: false },
      ]),
    ).toEqual({
      status: 'Не выполнен',
      text: 'Аватар установлен, обложки нет; норма — установлены',
    });
    expect(line('PROFILE_AVATAR_COVER', 1).text).toBe('Аватар и обложка установлены; норма — установлены');
    expect(line('WEBSITE_BACKLINK', 0).text).toBe('Ссылки на страницу на сайте нет; норма — ссылка есть');
    expect(line('COMMENTS_OPEN', 0).text).toBe('Комментарии закрыты; норма — открыты');
    expect(line('OPERATIONAL_INFO', 1)).toEqual({ status: 'Выполнен частично', text: '1 из 2 при норме ≥ 2 из 2' });
    expect(line('POS_WIDGET', 0)).toEqual({ status: 'Не выполнен', text: '0 из 1 при норме ≥ 1 из 1' });
  });

  it('says why there is no verdict, and that a manual criterion was not assessed yet', () => {
    const phone = byCode('PROFILE_PHONE');
    expect(criterionResultRu(phone, { status: 'not_measured', value: null, reason: 'page_not_read' })).toBe('Не измерялся: страница не читалась');
    expect(criterionResultRu(phone, { status: 'not_measured', value: null, reason: 'page_not_found' })).toBe('Не измерялся: страница не найдена');
    expect(criterionResultRu(byCode('LITERACY_STYLE'), { status: 'not_measured', value: null, reason: 'not_assessed' })).toBe('Критерий ещё не оценивался');
    expect(criterionStatusRu('not_measured', 'not_assessed')).toBe('Ещё не оценивался');
    expect(criterionStatusRu('not_measured', 'page_not_read')).toBe('Не измерялся');
    expect(criterionResultRu(byCode('RESPONSE_RATE'), { status: 'not_applicable', value: null, reason: 'network_has_no_comments' })).toBe('Не применяется: в этой сети комментарии к записям не видны');
    expect(
      criterionResultRu(byCode('RESPONSE_RATE'), {
        status: 'not_enough_data',
        value: null,
        reason: 'small_sample',
        evidence: [
          { kind: 'figure', field: 'questions', value: 3 },
          { kind: 'figure', field: 'minimumSample', value: 10 },
        ],
      }),
    ).toBe('Мало данных: вопросов за период 3 при минимальной выборке 10');
    for (const reason of CRITERION_REASONS) expect(criterionReasonRu(reason)).toMatch(/^[а-яё]/);
  });

  it('writes every norm and value in Russian without raw keys', () => {
    for (const c of METHODOLOGY_V1.criteria) {
      expect(criterionNormRu(c)).not.toMatch(RAW);
      for (const value of [0, 0.5, 1, 2]) expect(criterionValueRu(c, value)).not.toMatch(RAW);
    }
  });

  it('turns evidence into Russian without raw keys, with right plurals', () => {
    const items = [
      { kind: 'figure' as const, field: 'posts', value: 0 },
      { kind: 'figure' as const, field: 'longestGapDays', value: 65.3 },
      { kind: 'figure' as const, field: 'longestGapDays', value: 5 },
      { kind: 'figure' as const, field: 'longestGapDays', value: 1 },
      { kind: 'figure' as const, field: 'longestGapDays', value: 2 },
      { kind: 'post' as const, id: '1', note: 'gap_start' },
      { kind: 'post' as const, id: '2', note: 'gap_end' },
      { kind: 'snapshot' as const, field: 'hasCover', value: false },
      { kind: 'snapshot' as const, field: 'workingHours', value: null },
      { kind: 'snapshot' as const, field: 'headAccountUrl', value: null },
      { kind: 'comment' as const, id: '3', note: 'breached' },
      { kind: 'manual' as const, id: '4', value: 1, note: 'Есть ошибки' },
    ];
    expect(items.map(evidenceRu)).toEqual([
      'публикаций за период: 0',
      'самый длинный перерыв: 65,3 дня',
      'самый длинный перерыв: 5 дней',
      'самый длинный перерыв: 1 день',
      'самый длинный перерыв: 2 дня',
      'последняя запись перед самым длинным перерывом',
      'первая запись после самого длинного перерыва',
      'обложка не установлена',
      'Режим работы не указан',
      'Ссылка на аккаунт руководителя не указана',
      'вопрос остался без ответа дольше срока',
      'оценка мониторинга: 1 — Есть ошибки',
    ]);
  });
});
