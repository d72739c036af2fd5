import { describe, expect, it } from 'vitest';
import { classifyComment } from './classify';
import { describeClassifierReason, describeClassifierReasons } from './reasons';

describe('classifier reasons in Russian', () => {
  it('describes plain codes and lexicon matches without raw keys', () => {
    expect(describeClassifierReason('no_signal')).toBe('нет явных признаков вопроса, просьбы или жалобы');
    expect(describeClassifierReason('interrogative:когда')).toBe('вопросительное слово: «когда»');
    expect(describeClassifierReason('something_new')).toBe('другой признак');
    expect(describeClassifierReason('')).toBeNull();
    expect(describeClassifierReasons(['question_mark', 'question_mark', ''])).toEqual(['вопросительный знак']);
  });

  it('never shows a snake_case or lexicon key for what the classifier really says', () => {
    const samples = ['Когда починят дорогу на Садовой?', 'Спасибо!', 'ок', 'Подскажите, пожалуйста, график работы', 'Опять нет воды, безобразие', '[id1|Иван], привет'];
    for (const text of samples) {
      for (const line of describeClassifierReasons(classifyComment(text).reasons)) {
        expect(line).not.toMatch(/[a-z]+_[a-z]+|^[a-z]+:/);
        expect(line).toMatch(/[а-яё]/);
      }
    }
  });
});
