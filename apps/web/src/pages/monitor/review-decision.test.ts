import { describe, expect, it } from 'vitest';
import { decisionInput } from './review-decision';

describe('review decisions', () => {
  const reasons = { question: 'Это вопрос', notQuestion: 'Не вопрос', answeredElsewhere: 'Ответ дан в другом месте' };

  it('maps each decision to needsAnswer, category and a recorded reason with the optional note', () => {
    expect(decisionInput('question', reasons, '')).toEqual({ needsAnswer: true, category: 'question', reason: 'Это вопрос' });
    expect(decisionInput('not_question', reasons, ' спам ')).toEqual({ needsAnswer: false, category: 'other', reason: 'Не вопрос: спам' });
    expect(decisionInput('answered_elsewhere', reasons, '')).toMatchObject({ needsAnswer: false, category: 'question' });
  });
});
