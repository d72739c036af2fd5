/**
 * Pure helpers for the bulletin screens: the default month, block ordering and a structured
 * reading of the bulletin's small Markdown dialect (rendered as text nodes, never as HTML).
 */

import { lastFullPeriod } from '@most/domain/bulletin-period';
import type { MarkdownInline as Inline } from '@most/domain/markdown';

export type IssueState = 'draft' | 'in_review' | 'published';

/** `YYYY-MM` of the month before `now`, as seen in Saratov (the domain's own rule for bulletin periods). */
export const previousMonthKey = (now: Date): string => lastFullPeriod('month', now).key;

/** `YYYY-qN` of the quarter before the one containing `now`, as seen in Saratov. */
export const previousQuarterKey = (now: Date): string => lastFullPeriod('quarter', now).key;

/** Whether a key names a month (`2026-11`) or a quarter (`2026-q4`) a draft can be made for. */
export const isPeriodKey = (key: string): boolean => /^\d{4}-(0[1-9]|1[0-2]|q[1-4])$/.test(key);

/** The keys with the one at `index` moved by `delta` places; unchanged when it would leave the list. */
export function moveKey(keys: readonly string[], index: number, delta: -1 | 1): string[] {
  const target = index + delta;
  if (index < 0 || index >= keys.length || target < 0 || target >= keys.length) return [...keys];
  const next = [...keys];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Issues grouped for the editors' list, in the order the groups are shown. */
export function groupByState<T extends { state: string }>(issues: readonly T[]): { state: IssueState; issues: T[] }[] {
  const order: IssueState[] = ['draft', 'in_review', 'published'];
  return order.map((state) => ({ state, issues: issues.filter((i) => i.state === state) })).filter((g) => g.issues.length > 0);
}

/** The blocks to show under a section's title: an opening heading that repeats the title is dropped. */
export function blocksUnderTitle<B extends { kind: string; text?: string }>(section: { title: string; blocks: B[] }): B[] {
  const [first, ...rest] = section.blocks;
  return first?.kind === 'heading' && first.text?.trim() === section.title.trim() ? rest : section.blocks;
}

// The bulletin's Markdown dialect is read by the same parser as the server's HTML, PDF and e-mail.
export { isSafeLinkTarget as isSafeLink, parseInlineMarkdown as parseInline, parseMarkdown, type MarkdownInline as Inline, type MarkdownNode } from '@most/domain/markdown';

/** Inline nodes as plain text (for labels and accessible names). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inlineText(n.children))).join('');
}
