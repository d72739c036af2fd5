import { describe, expect, it } from 'vitest';
import { blocksUnderTitle, groupByState, inlineText, isPeriodKey, isSafeLink, moveKey, parseInline, parseMarkdown, previousMonthKey, previousQuarterKey } from './bulletin-view';

describe('previousMonthKey', () => {
  it('gives the month before, as seen in Saratov', () => {
    expect(previousMonthKey(new Date('2026-12-02T04:00:00Z'))).toBe('2026-11');
    expect(previousMonthKey(new Date('2026-01-15T12:00:00Z'))).toBe('2025-12');
    // 21:00 UTC on 31 January is already 1 February in Saratov.
    expect(previousMonthKey(new Date('2026-01-31T21:00:00Z'))).toBe('2026-01');
  });
});

describe('moveKey', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(moveKey(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveKey(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveKey(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveKey(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveKey(['a'], 5, 1)).toEqual(['a']);
  });
});

describe('groupByState', () => {
  it('orders groups draft, review, published and drops empty ones', () => {
    const groups = groupByState([
      { state: 'published', id: 1 },
      { state: 'draft', id: 2 },
      { state: 'published', id: 3 },
    ]);
    expect(groups.map((g) => [g.state, g.issues.map((i) => i.id)])).toEqual([
      ['draft', [2]],
      ['published', [1, 3]],
    ]);
  });
});

describe('Markdown reading', () => {
  it('parses emphasis, code and safe links into nodes', () => {
    expect(parseInline('**Итоги** и *важно*: `x<y` [сайт](https://most.example/a)')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'Итоги' }] },
      { type: 'text', text: ' и ' },
      { type: 'em', children: [{ type: 'text', text: 'важно' }] },
      { type: 'text', text: ': ' },
      { type: 'code', text: 'x<y' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://most.example/a', children: [{ type: 'text', text: 'сайт' }] },
    ]);
  });

  it('keeps script links as text and markup as literal characters', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: '[click](javascript:alert(1))' }]);
    expect(parseInline('[click](javascript:x)')).toEqual([{ type: 'text', text: 'click' }]);
    expect(inlineText(parseInline('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
    expect(isSafeLink('//evil.example')).toBe(false);
    expect(isSafeLink('/bulletin/x')).toBe(true);
  });

  it('reads headings, lists, quotes and paragraphs', () => {
    const nodes = parseMarkdown('# Заголовок\n\nПервая строка\nвторая\n\n- один\n- два\n\n1. раз\n\n> цитата');
    expect(nodes.map((n) => n.type)).toEqual(['heading', 'paragraph', 'ul', 'ol', 'quote']);
    expect(nodes[1]).toEqual({ type: 'paragraph', lines: [[{ type: 'text', text: 'Первая строка' }], [{ type: 'text', text: 'вторая' }]] });
    expect(nodes[2]).toEqual({ type: 'ul', items: [[{ type: 'text', text: 'один' }], [{ type: 'text', text: 'два' }]] });
  });
});

describe('blocksUnderTitle', () => {
  it('drops an opening heading that repeats the section title only', () => {
    const heading = { kind: 'heading', text: 'Правительство области' };
    const table = { kind: 'table' };
    expect(blocksUnderTitle({ title: 'Правительство области', blocks: [heading, table] })).toEqual([table]);
    expect(blocksUnderTitle({ title: 'Общий выпуск', blocks: [heading, table] })).toEqual([heading, table]);
    expect(blocksUnderTitle({ title: 'Правительство области', blocks: [table, heading] })).toEqual([table, heading]);
    expect(blocksUnderTitle({ title: 'Пусто', blocks: [] })).toEqual([]);
  });
});

describe('previousQuarterKey and isPeriodKey', () => {
  it('names the quarter before the current one in Saratov time', () => {
    expect(previousQuarterKey(new Date('2026-12-02T04:00:00Z'))).toBe('2026-q3');
    // 21:00 UTC on 31 December is already January in Saratov.
    expect(previousQuarterKey(new Date('2026-12-31T21:00:00Z'))).toBe('2026-q4');
    expect(previousQuarterKey(new Date('2026-04-01T00:00:00Z'))).toBe('2026-q1');
  });

  it('accepts month and quarter keys only', () => {
    expect(['2026-11', '2026-q4'].every(isPeriodKey)).toBe(true);
    expect(['2026-13', '2026-q5', '2026-Q4', '2026'].some(isPeriodKey)).toBe(false);
  });
});
