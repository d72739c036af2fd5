import { describe, expect, it } from 'vitest';
import { classifyComment } from './classify';
import { isMeToo, ME_TOO_REASON } from './me-too';

describe('"me too" comments', () => {
  it.each([
    'Тоже интересует',
    'тоже интересует этот вопрос',
    'Присоединяюсь к вопросу!',
    'Присоединяюсь',
    '+1',
    '+',
    '+1 когда уже?',
    'И меня интересует',
    'Меня тоже интересует, когда включат воду?',
    'Тот же вопрос',
    'У нас такой же вопрос, ответьте пожалуйста',
    'Тоже хочу узнать',
    'Тоже ждём ответа',
    'Вопрос актуален',
    'Поддерживаю вопрос',
    '[id123|Марина], тоже интересует',
  ])('joins: %s', (text) => {
    expect(isMeToo(text)).toBe(true);
    expect(classifyComment(text).reasons).toContain(ME_TOO_REASON);
  });

  it.each([
    'Когда включат воду на Рабочей?',
    'Меня интересует, когда включат воду',
    'Мой сын тоже там выступал, очень переживал',
    'А для жителей района бесплатно или тоже по билетам?',
    'Присоединяюсь. А ещё у нас во дворе огромная яма уже месяц, когда её заделают и кто за это отвечает?',
    '+7 917 123 45 67 позвоните',
    'Спасибо за ответ',
  ])('does not join: %s', (text) => {
    expect(isMeToo(text)).toBe(false);
    expect(classifyComment(text).reasons).not.toContain(ME_TOO_REASON);
  });

  it("keeps the classifier's verdict: a joining comment may still need an answer", () => {
    expect(classifyComment('Тоже интересует, когда включат воду?')).toMatchObject({ needsAnswer: true });
  });
});
