/**
 * A small, safe Markdown dialect for bulletin text: paragraphs, line breaks, `#` headings,
 * `-`/`1.` lists, `>` quotes, **bold**, *italic*, `code` and [links](https://…). Every character
 * of the source is escaped on output; raw HTML is never passed through, and only http(s),
 * mailto and site-relative links become anchors.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Escapes text so that it reads literally inside Markdown (names, quoted titles). */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]()#>!]/g, (c) => `\\${c}`);

/** True for links that may become anchors: http(s), mailto, or a path on this site. */
export function isSafeLinkTarget(url: string): boolean {
  const trimmed = url.trim();
  if (/^\/(?![/\\])/.test(trimmed)) return true;
  return /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(trimmed);
}

/** Inline Markdown as a tree: the one reading of the dialect that every renderer (HTML, text, the dashboard) draws. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em'; children: MarkdownInline[] }
  | { type: 'link'; href: string; children: MarkdownInline[] };

export type MarkdownNode = { type: 'heading'; level: number; text: MarkdownInline[] } | { type: 'ul' | 'ol'; items: MarkdownInline[][] } | { type: 'quote' | 'paragraph'; lines: MarkdownInline[][] };

/** One line of the dialect as inline nodes: **bold**, *italic*, `code`, [text](url), backslash escapes. Unsafe links keep only their text. */
export function parseInlineMarkdown(source: string): MarkdownInline[] {
  const out: MarkdownInline[] = [];
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
        out.push({ type: 'strong', children: parseInlineMarkdown(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && next !== undefined && next !== ' ' && next !== '*') {
      const end = source.indexOf('*', i + 1);
      if (end > i + 1 && source[end - 1] !== ' ') {
        flush();
        out.push({ type: 'em', children: parseInlineMarkdown(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const link = /^\[([^\]\n]*)\]\(([^()\s]*)\)/.exec(source.slice(i));
      if (link) {
        flush();
        const children = parseInlineMarkdown(link[1]!);
        if (isSafeLinkTarget(link[2]!)) out.push({ type: 'link', href: link[2]!.trim(), children });
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

/** The dialect's block structure: headings, lists, quotes and paragraphs (a paragraph's lines are kept as line breaks). */
export function parseMarkdown(source: string): MarkdownNode[] {
  type Raw = { type: 'heading'; level: number; text: string } | { type: 'ul' | 'ol'; items: string[] } | { type: 'quote' | 'paragraph'; lines: string[] };
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
    if (heading) push({ type: 'heading', level: heading[1]!.length, text: heading[2]!.trim() });
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
        return { type: 'heading', level: block.level, text: parseInlineMarkdown(block.text) };
      case 'ul':
      case 'ol':
        return { type: block.type, items: block.items.map(parseInlineMarkdown) };
      default:
        return { type: block.type, lines: block.lines.map(parseInlineMarkdown) };
    }
  });
}

const inlineToHtml = (nodes: readonly MarkdownInline[]): string =>
  nodes
    .map((n) => {
      switch (n.type) {
        case 'text':
          return escapeHtml(n.text);
        case 'code':
          return `<code>${escapeHtml(n.text)}</code>`;
        case 'strong':
          return `<strong>${inlineToHtml(n.children)}</strong>`;
        case 'em':
          return `<em>${inlineToHtml(n.children)}</em>`;
        case 'link':
          return `<a href="${escapeHtml(n.href)}" rel="nofollow noopener">${inlineToHtml(n.children)}</a>`;
      }
    })
    .join('');

/** Inline nodes as plain text, links written out as "text (url)". */
export const inlineNodesToText = (nodes: readonly MarkdownInline[]): string =>
  nodes
    .map((n) => {
      if (n.type === 'text' || n.type === 'code') return n.text;
      const inner = inlineNodesToText(n.children);
      return n.type === 'link' && inner !== n.href ? `${inner} (${n.href})` : inner;
    })
    .join('');

/** One line of Markdown as HTML (no block structure). */
export const renderInlineMarkdown = (source: string): string => inlineToHtml(parseInlineMarkdown(source));
/** One line of Markdown as plain text, links written out as "text (url)". */
export const inlineMarkdownToText = (source: string): string => inlineNodesToText(parseInlineMarkdown(source));

/** Markdown to HTML; safe to embed anywhere in a page. */
export function renderMarkdown(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.type) {
        case 'heading': {
          const tag = block.level === 1 ? 'h3' : 'h4';
          return `<${tag}>${inlineToHtml(block.text)}</${tag}>`;
        }
        case 'ul':
        case 'ol':
          return `<${block.type}>${block.items.map((item) => `<li>${inlineToHtml(item)}</li>`).join('')}</${block.type}>`;
        case 'quote':
          return `<blockquote><p>${block.lines.map(inlineToHtml).join('<br>')}</p></blockquote>`;
        case 'paragraph':
          return `<p>${block.lines.map(inlineToHtml).join('<br>')}</p>`;
      }
    })
    .join('\n');
}

/** Markdown to plain text for the text part of e-mails. */
export function markdownToText(source: string): string {
  return parseMarkdown(source)
    .map((block) => {
      switch (block.type) {
        case 'heading':
          return inlineNodesToText(block.text).toUpperCase();
        case 'ul':
          return block.items.map((item) => `• ${inlineNodesToText(item)}`).join('\n');
        case 'ol':
          return block.items.map((item, index) => `${index + 1}. ${inlineNodesToText(item)}`).join('\n');
        case 'quote':
          return block.lines.map((line) => `> ${inlineNodesToText(line)}`).join('\n');
        case 'paragraph':
          return block.lines.map(inlineNodesToText).join('\n');
      }
    })
    .join('\n\n');
}

// Characters that have no place in edited text: C0/C1 controls other than tab and newline, bidi overrides.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const RAW_HTML = /<!--[\s\S]*?-->|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*(\S+).*$/gm;

/**
 * Cleans Markdown typed by a monitor before it is stored, so that any renderer (ours or a
 * dashboard's) gets text without raw HTML, control characters or script links.
 */
export function sanitizeMarkdown(source: string): string {
  let text = source.normalize('NFC').replace(/\r\n?/g, '\n').replace(FORBIDDEN_CHARACTERS, '');
  // Repeat until stable so that nested fragments like <scr<b>ipt> cannot reassemble into a tag.
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(RAW_HTML, '');
  }
  text = text.replace(/\[([^\]\n]*)\]\(((?:[^()\n]|\([^()\n]*\))*)\)/g, (whole, label: string, url: string) => (isSafeLinkTarget(url) && !/\s/.test(url.trim()) ? whole : label));
  text = text.replace(REFERENCE_DEFINITION, (whole, url: string) => (isSafeLinkTarget(url) ? whole : ''));
  text = text.replace(/\b(?:javascript|vbscript|data)\s*:/gi, '');
  return text.replace(/[ \t]+$/gm, '').trim();
}
