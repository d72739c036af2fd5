import type { EditionView } from '@most/services';
import { escapeHtml } from './escape';
import { formatPeriod, KIND_LABELS, SECTOR_LABELS } from './labels';

/** The query string a widget or snippet carries: filters only. */
export function filterQuery(filters: { kind: string | null; sector: string | null; municipality: string | null }, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Copy-paste HTML for embedding an edition (with the same filters) on another site. */
export function embedSnippet(base: string, view: EditionView): { url: string; html: string } {
  const url = `${base}/embed/rankings/${encodeURIComponent(view.edition.slug)}${filterQuery(view.filters)}`;
  const html = `<iframe src="${escapeHtml(url)}" title="${escapeHtml(view.edition.title)}" width="100%" height="640" style="border:0;max-width:900px" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>`;
  return { url, html };
}

const change = (value: number | null) => (value === null ? '—' : value > 0 ? `▲ ${value}` : value < 0 ? `▼ ${-value}` : '＝');
const score = (value: number | null) => (value === null ? '—' : value.toFixed(1).replace('.', ','));

/**
 * A self-contained, script-free HTML table for iframes. Every text value is escaped; the page
 * links back to the full edition and its methodology.
 */
export function embedHtml(base: string, view: EditionView): string {
  const filterLabel = [
    view.filters.kind ? (KIND_LABELS[view.filters.kind as keyof typeof KIND_LABELS] ?? view.filters.kind) : null,
    view.filters.sector ? (SECTOR_LABELS[view.filters.sector as keyof typeof SECTOR_LABELS] ?? view.filters.sector) : null,
    view.filters.municipality,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows = view.ranked.rows
    .map(
      (r) =>
        `<tr><td class="n">${r.rank ?? ''}</td><td>${escapeHtml(r.organizationName)}${r.municipalityName ? `<div class="m">${escapeHtml(r.municipalityName)}</div>` : ''}</td><td class="n">${score(r.score)}</td><td class="n c">${change(r.rankChange)}</td><td class="n m">${r.coverage.accountsScored}/${r.coverage.accountsTotal}</td></tr>`,
    )
    .join('\n');
  const fullUrl = `${base}/rankings/${encodeURIComponent(view.edition.slug)}${filterQuery(view.filters)}`;
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.edition.title)}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:12px;color:#1b1f24;background:#fff}
h1{font-size:16px;margin:0 0 2px}
p{margin:0 0 8px;color:#57606a;font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{font-size:12px;color:#57606a;font-weight:600}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.m{color:#57606a;font-size:12px}
.c{color:#57606a}
a{color:#0b5cad}
footer{margin-top:8px;font-size:12px;color:#57606a}
</style>
</head>
<body>
<h1>${escapeHtml(view.edition.title)}</h1>
<p>${escapeHtml(formatPeriod(view.edition.periodStart, view.edition.periodEnd))} · методика, версия ${escapeHtml(view.edition.methodologyVersion)}${filterLabel ? ` · ${escapeHtml(filterLabel)}` : ''}</p>
<table>
<thead><tr><th class="n">Место</th><th>Организация</th><th class="n">Балл</th><th class="n">Изменение</th><th class="n">Охват</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${view.notEnoughData.length > 0 ? `<p>Недостаточно данных для оценки: ${view.notEnoughData.length}</p>` : ''}
<footer><a href="${escapeHtml(fullUrl)}" target="_blank" rel="noopener">Полный рейтинг и методика — «Цифровой мост»</a></footer>
</body>
</html>
`;
}
