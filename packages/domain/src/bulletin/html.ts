import type { Block, Section } from './blocks';
import { formatSaratovDate } from './format';
import { escapeHtml, isSafeLinkTarget, renderInlineMarkdown, renderMarkdown } from './markdown';

export const ISSUE_STATES = ['draft', 'in_review', 'published'] as const;
export type IssueState = (typeof ISSUE_STATES)[number];

/** What every output of one issue is rendered from. */
export interface IssueView {
  slug: string;
  title: string;
  periodLabel: string;
  revision: number;
  state: IssueState;
  publishedAt: string | null;
  /** Set on a correction: the note readers see and the revision it replaces. */
  correction: { note: string; correctsSlug: string } | null;
  /** Set on a published issue that a later correction replaced. */
  supersededBySlug: string | null;
  sections: Section[];
}

export interface PageLinks {
  /** On the web: the site's home page, so a reader who arrived by a shared link can go on. */
  home?: string;
  archive?: string;
  pdf?: string;
  rss?: string;
  atom?: string;
  /** In an agency's e-mail or page: where the agency confirms it received the recommendations. */
  acknowledge?: string;
  unsubscribe?: string;
}

const STYLE = `
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;color:#1b1f24;max-width:60rem;margin:0 auto;padding:1.5rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}th{background:#f3f5f7}.r{text-align:right}
.meta{color:#57606a;font-size:.9rem}.note{border-left:4px solid #bf8700;background:#fff8c5;padding:.5rem .75rem;margin:1rem 0}
.correction{border:1px solid #bf8700;background:#fff8c5;padding:.5rem .75rem;margin:1rem 0}.superseded{border:1px solid #cf222e;background:#ffebe9;padding:.5rem .75rem}
.bars{margin:.5rem 0}.bar-row{display:flex;align-items:center;gap:.5rem;margin:.15rem 0;font-size:.9rem}.bar-label{flex:0 0 40%}
.bar-track{flex:1;display:flex}.bar-half{flex:1;display:flex}.bar-half.neg{justify-content:flex-end}.bar{height:.8rem}.bar.pos{background:#2da44e}.bar.neg{background:#cf222e}
.bar-value{flex:0 0 4rem;text-align:right}figcaption{color:#57606a;font-size:.9rem}section{break-inside:auto}.agency{break-before:page}
nav a{margin-right:1rem}footer{margin-top:2rem;color:#57606a;font-size:.85rem}.actions a{display:inline-block;margin:.5rem 1rem .5rem 0}
@media print{nav{display:none}body{max-width:none;padding:0}}`;

const STATE_LABELS: Record<IssueState, string> = { draft: 'черновик', in_review: 'на проверке', published: 'опубликован' };

export function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return renderMarkdown(block.markdown);
    case 'note':
      return `<aside class="note"><strong>Примечание редакции.</strong> ${renderMarkdown(block.markdown)}</aside>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${renderInlineMarkdown(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const align = (index: number) => (block.columns[index]?.align === 'right' ? ' class="r"' : '');
      const head = block.columns.map((c, i) => `<th${align(i)}>${escapeHtml(c.label)}</th>`).join('');
      const body = block.rows
        .map((row, rowIndex) => {
          const link = block.rowLinks?.[rowIndex];
          const cells = row.map((cell, i) => {
            const text = escapeHtml(cell === null ? '—' : String(cell));
            const content = i === 0 && link && isSafeLinkTarget(link) ? `<a href="${escapeHtml(link)}" rel="nofollow noopener">${text}</a>` : text;
            return `<td${align(i)}>${content}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('');
      const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
      return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    case 'figure': {
      const extent = Math.max(...block.bars.map((b) => Math.abs(b.value)), 1e-9);
      const rows = block.bars
        .map((bar) => {
          const width = Math.round((Math.abs(bar.value) / extent) * 1000) / 10;
          const negative = bar.value < 0;
          return (
            `<div class="bar-row"><span class="bar-label">${escapeHtml(bar.label)}</span><span class="bar-track">` +
            `<span class="bar-half neg">${negative ? `<span class="bar neg" style="width:${width}%"></span>` : ''}</span>` +
            `<span class="bar-half">${negative ? '' : `<span class="bar pos" style="width:${width}%"></span>`}</span>` +
            `</span><span class="bar-value">${escapeHtml(bar.display)}</span></div>`
          );
        })
        .join('');
      return `<figure><div class="bars" role="img" aria-label="${escapeHtml(block.caption)}">${rows}</div><figcaption>${escapeHtml(block.caption)}</figcaption></figure>`;
    }
  }
}

export function renderSection(section: Section): string {
  return `<section id="${escapeHtml(section.key)}" class="${section.audience === 'agency' ? 'agency' : 'public'}">${section.blocks.map(renderBlock).join('\n')}</section>`;
}

/** A whole issue as a standalone HTML document: the web page, the PDF source and the e-mail body. */
export function renderIssueHtml(issue: IssueView, sections: readonly Section[], links: PageLinks = {}): string {
  const published = issue.publishedAt ? `опубликован ${formatSaratovDate(issue.publishedAt)}` : STATE_LABELS[issue.state];
  const nav = [
    links.home ? `<a href="${escapeHtml(links.home)}">На главную «Цифрового моста»</a>` : '',
    links.archive ? `<a href="${escapeHtml(links.archive)}">Архив выпусков</a>` : '',
    links.pdf ? `<a href="${escapeHtml(links.pdf)}">PDF</a>` : '',
    links.rss ? `<a href="${escapeHtml(links.rss)}">RSS</a>` : '',
    links.atom ? `<a href="${escapeHtml(links.atom)}">Atom</a>` : '',
  ].filter(Boolean);
  const correction = issue.correction ? `<div class="correction"><strong>Исправленная редакция (${issue.revision}).</strong> ${renderMarkdown(issue.correction.note)}</div>` : '';
  const superseded = issue.supersededBySlug
    ? `<p class="superseded">Этот выпуск исправлен: актуальная редакция — <a href="${escapeHtml(issue.supersededBySlug)}">${escapeHtml(issue.supersededBySlug)}</a>.</p>`
    : '';
  const actions = [
    links.acknowledge ? `<a href="${escapeHtml(links.acknowledge)}">Подтвердить получение рекомендаций</a>` : '',
    links.unsubscribe ? `<a href="${escapeHtml(links.unsubscribe)}">Отписаться от рассылки</a>` : '',
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(issue.title)}</title>`,
    links.rss ? `<link rel="alternate" type="application/rss+xml" href="${escapeHtml(links.rss)}" title="RSS">` : '',
    `<style>${STYLE}</style></head><body>`,
    nav.length > 0 ? `<nav>${nav.join('')}</nav>` : '',
    `<header><h1>${escapeHtml(issue.title)}</h1><p class="meta">Выпуск за ${escapeHtml(issue.periodLabel)} · ${escapeHtml(published)}</p></header>`,
    superseded,
    correction,
    `<main>${sections.map(renderSection).join('\n')}</main>`,
    actions.length > 0 ? `<p class="actions">${actions.join('')}</p>` : '',
    '<footer>«Цифровой мост» — общественный мониторинг официальных страниц органов власти в социальных сетях.</footer>',
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

export interface ArchiveEntry {
  slug: string;
  title: string;
  periodLabel: string;
  revision: number;
  publishedAt: string;
  correctionNote: string | null;
}

/** The public archive: every published issue, newest first, corrections marked. */
export function renderArchiveHtml(entries: readonly ArchiveEntry[], links: { base: string; home?: string; rss?: string; atom?: string }): string {
  const items = entries
    .map((e) => {
      const correction = e.correctionNote ? ` <span class="meta">— исправленная редакция ${e.revision}</span>` : '';
      return `<li><a href="${escapeHtml(`${links.base}/${e.slug}`)}">${escapeHtml(e.title)}</a> <span class="meta">(${escapeHtml(formatSaratovDate(e.publishedAt))})</span>${correction}</li>`;
    })
    .join('');
  const feeds = [
    links.home ? `<a href="${escapeHtml(links.home)}">На главную «Цифрового моста»</a>` : '',
    links.rss ? `<a href="${escapeHtml(links.rss)}">RSS</a>` : '',
    links.atom ? `<a href="${escapeHtml(links.atom)}">Atom</a>` : '',
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    '<title>Бюллетень «Цифровой мост»: архив выпусков</title>',
    links.rss ? `<link rel="alternate" type="application/rss+xml" href="${escapeHtml(links.rss)}" title="RSS">` : '',
    `<style>${STYLE}</style></head><body>`,
    feeds.length > 0 ? `<nav>${feeds.join('')}</nav>` : '',
    '<h1>Бюллетень «Цифровой мост»</h1><p class="meta">Архив опубликованных выпусков</p>',
    entries.length > 0 ? `<ul>${items}</ul>` : '<p>Пока нет опубликованных выпусков.</p>',
    '</body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}
