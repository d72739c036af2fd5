import { escapeHtml } from './escape';
import type { OpenApiDocument } from './openapi';

/** A plain, dependency-free HTML rendering of the OpenAPI document. */
export function docsHtml(doc: OpenApiDocument): string {
  const base = doc.servers[0]!.url;
  const operations = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(
        methods as Record<
          string,
          {
            summary: string;
            description?: string;
            parameters?: { name: string; in: string; required?: boolean; description?: string; schema: { type?: string; enum?: string[]; default?: unknown } }[];
          }
        >,
      ).map(([method, op]) => {
        const params = (op.parameters ?? [])
          .map(
            (p) =>
              `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'да' : ''}</td><td>${escapeHtml(p.description ?? '')}${p.schema.enum ? ` <small>(${p.schema.enum.map(escapeHtml).join(', ')})</small>` : ''}${p.schema.default !== undefined ? ` <small>по умолчанию ${escapeHtml(p.schema.default)}</small>` : ''}</td></tr>`,
          )
          .join('');
        return `<section>
<h2><span class="m">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary)}</p>
${op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : ''}
${params ? `<table><thead><tr><th>Параметр</th><th>Где</th><th>Обяз.</th><th>Описание</th></tr></thead><tbody>${params}</tbody></table>` : ''}
<p><a href="${escapeHtml(base + path.replace(/\{[^}]+\}/g, (m) => (m === '{slug}' ? 'latest' : m)))}">${escapeHtml(base + path)}</a></p>
</section>`;
      }),
    )
    .join('\n');
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} — API</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1b1f24}
h1{font-size:24px}h2{font-size:17px;margin:28px 0 4px}
code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
.m{display:inline-block;min-width:48px;color:#fff;background:#0b5cad;border-radius:3px;padding:0 6px;font-size:13px;text-align:center}
.d{color:#57606a}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
a{color:#0b5cad}
</style>
</head>
<body>
<h1>${escapeHtml(doc.info.title)}</h1>
<p>${escapeHtml(doc.info.description)}</p>
<p>Базовый адрес: <code>${escapeHtml(base)}</code>. Машиночитаемое описание: <a href="${escapeHtml(`${base}/openapi.json`)}">openapi.json</a> (OpenAPI ${escapeHtml(doc.openapi)}). Лицензия данных: <a href="${escapeHtml(doc.info.license.url)}">${escapeHtml(doc.info.license.name)}</a>.</p>
<p>Виджет для сайта: <code>&lt;iframe src="/embed/rankings/{slug}?kind=…&amp;sector=…&amp;municipality=…"&gt;</code> — готовый код есть в поле <code>embed.html</code> ответа выпуска.</p>
${operations}
</body>
</html>
`;
}
