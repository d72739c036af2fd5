/**
 * Pure helpers for the bulletin screens: the default month, block ordering and a structured
 * reading of the bulletin's small Markdown dialect (rendered as text nodes, never as HTML).
 */

export type IssueState = 'draft' | 'in_review' | 'published';

/** `YYYY-MM` of the month before `now`, as seen in Saratov (UTC+4, no DST). */
export function previousMonthKey(now: Date): string {
  const local = new Date(now.getTime() + 4 * 3_600_000);
  let year = local.getUTCFullYear();
  let month = local.getUTCMonth(); // 0-based current month = 1-based previous month
  if (month === 0) {
    year -= 1;
    month = 12;
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** `YYYY-qN` of the quarter before the one containing `now`, as seen in Saratov. */
export function previousQuarterKey(now: Date): string {
  const local = new Date(now.getTime() + 4 * 3_600_000);
  const year = local.getUTCFullYear();
  const current = Math.floor(local.getUTCMonth() / 3) + 1;
  return current === 1 ? `${year - 1}-q4` : `${year}-q${current - 1}`;
}

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

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type MarkdownNode =
  | { type: 'heading'; text: Inline[] }
  | { type: 'ul' | 'ol'; items: Inline[][] }
  | { type: 'quote' | 'paragraph'; lines: Inline[][] };

/** True for links that may become anchors: http(s), mailto, or a path on this site. */
export function isSafeLink(url: string): boolean {
  const trimmed = url.trim();
  if (/^\/(?![/\\])/.test(trimmed)) return true;
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed);
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** One line of the dialect as inline nodes: **bold**, *italic*, `code`, [text](url), backslash escapes. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\\' && next !== undefined && ASCII_PUNCTUATION.test(next)) {
      plain += next;
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '*' && next === '*') {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && next !== undefined && next !== ' ' && next !== '*') {
      const end = source.indexOf('*', i + 1);
      if (end > i + 1 && source[end - 1] !== ' ') {
        flush();
        out.push({ type: 'em', children: parseInline(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const link = /^\[([^\]\n]*)\]\(([^()\s]*)\)/.exec(source.slice(i));
      if (link) {
        flush();
        const children = parseInline(link[1]!);
        if (isSafeLink(link[2]!)) out.push({ type: 'link', href: link[2]!.trim(), children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

/** The dialect's block structure: headings, lists, quotes and paragraphs (lines kept as line breaks). */
export function parseMarkdown(source: string): MarkdownNode[] {
  type Raw = { type: 'heading'; text: string } | { type: 'ul' | 'ol'; items: string[] } | { type: 'quote' | 'paragraph'; lines: string[] };
  const blocks: Raw[] = [];
  let current: Raw | undefined;
  const push = (block: Raw) => {
    blocks.push(block);
    current = block;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (heading) push({ type: 'heading', text: heading[2]!.trim() });
    else if (bullet) current?.type === 'ul' ? current.items.push(bullet[1]!) : push({ type: 'ul', items: [bullet[1]!] });
    else if (numbered) current?.type === 'ol' ? current.items.push(numbered[1]!) : push({ type: 'ol', items: [numbered[1]!] });
    else if (quote) current?.type === 'quote' ? current.lines.push(quote[1]!) : push({ type: 'quote', lines: [quote[1]!] });
    else if (current?.type === 'paragraph' || current?.type === 'quote') current.lines.push(line.trim());
    else if (current?.type === 'ul' || current?.type === 'ol') current.items[current.items.length - 1] += ` ${line.trim()}`;
    else push({ type: 'paragraph', lines: [line.trim()] });
  }
  return blocks.map((block): MarkdownNode => {
    switch (block.type) {
      case 'heading':
        return { type: 'heading', text: parseInline(block.text) };
      case 'ul':
      case 'ol':
        return { type: block.type, items: block.items.map(parseInline) };
      default:
        return { type: block.type, lines: block.lines.map(parseInline) };
    }
  });
}

/** Inline nodes as plain text (for labels and accessible names). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : inlineText(n.children))).join('');
}
