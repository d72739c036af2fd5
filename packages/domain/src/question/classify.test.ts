import { describe, expect, it } from 'vitest';
import { classifyComment } from './classify';
import { EVAL_SET, type LabelledComment } from './eval-set';
import { EVAL_HOLDOUT } from './eval-holdout';
import { NEEDS_ANSWER_CATEGORIES } from './types';

describe('question detection on the labelled evaluation set', () => {
  const ALL = [...EVAL_SET, ...EVAL_HOLDOUT];

  it('has at least 400 labelled comments', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(400);
  });

  it('reaches precision ≥ 0.9 and recall ≥ 0.85 for "needs an answer" on the whole set and on the hold-out', () => {
    const whole = measure('whole set', ALL);
    const holdout = measure('hold-out', EVAL_HOLDOUT);
    for (const figures of [whole, holdout]) {
      expect(figures.precision).toBeGreaterThanOrEqual(0.9);
      expect(figures.recall).toBeGreaterThanOrEqual(0.85);
    }
  });
});

function measure(name: string, set: readonly LabelledComment[]): { precision: number; recall: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let sameCategory = 0;
  const misses: string[] = [];
  for (const [text, label] of set) {
    const expected = NEEDS_ANSWER_CATEGORIES.has(label);
    const got = classifyComment(text);
    if (got.category === label) sameCategory += 1;
    if (got.needsAnswer && expected) tp += 1;
    else if (got.needsAnswer && !expected) fp += 1;
    else if (!got.needsAnswer && expected) fn += 1;
    if (got.needsAnswer !== expected) misses.push(`${expected ? 'FN' : 'FP'} [${label}→${got.category}] ${text}`);
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  console.log(
    `question detection (${name}): n=${set.length} precision=${precision.toFixed(3)} recall=${recall.toFixed(3)} ` +
      `F1=${((2 * precision * recall) / (precision + recall)).toFixed(3)} category accuracy=${(sameCategory / set.length).toFixed(3)}\n` +
      misses.join('\n'),
  );
  return { precision, recall };
}

describe('classifyComment', () => {
  it('explains its decision', () => {
    const result = classifyComment('Когда включат воду на Рабочей?');
    expect(result).toMatchObject({ needsAnswer: true, category: 'question' });
    expect(result.reasons).toContain('question_mark');
    expect(result.confidence).toBeGreaterThan(0.5);
  });

  it('treats emoji-only and mention-only comments as other', () => {
    expect(classifyComment('👍👍').category).toBe('other');
    expect(classifyComment('[id1|Иван]').category).toBe('other');
  });

  it('recognises sarcastic thanks with a concrete failure as a complaint', () => {
    expect(classifyComment('Спасибо за «уборку», снег лежит вторую неделю').category).toBe('complaint');
    expect(classifyComment('Спасибо за оперативную уборку снега!').category).toBe('gratitude');
  });

  it('is bounded on very long input', () => {
    expect(classifyComment(`${'а'.repeat(100_000)}?`).needsAnswer).toBe(false);
  });
});
