import { Hono } from 'hono';
import type { Sql } from '@most/db';
import { verifyCertificate, type CertificateVerification } from '@most/services';

/** Everything the page prints passes through here: the data is ours, but names are typed by people. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const formatDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const formatMoment = (date: Date) => new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Saratov', dateStyle: 'short', timeStyle: 'short' }).format(date);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Цифровой мост</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6fa;color:#1b1f2a}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}
.status{padding:.75rem 1rem;border-radius:.375rem;font-weight:600}
.valid{background:#e3f5e8;color:#14532d}.revoked{background:#fde8e8;color:#7f1d1d}.missing{background:#eef0f4;color:#333}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function row(label: string, value: string): string {
  return `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
}

export function renderVerification(result: CertificateVerification | null, code: string): string {
  if (!result) {
    return page(
      'Документ не найден',
      `<h1>Проверка документа об обучении</h1>
<p class="status missing" data-status="not_found">Документ с кодом «${escapeHtml(code.slice(0, 40))}» не найден.</p>
<p>Проверьте код на документе: 12 знаков, латинские буквы и цифры.</p>`,
    );
  }
  const details = `<dl>
${row('Документ', result.documentTypeLabel)}
${row('Серия и номер', `${result.series} № ${result.number}`)}
${row('Регистрационный номер', result.registrationNumber)}
${row('Дата выдачи', formatDate(result.issueDate))}
${row('Получатель', result.holderName)}
${row('Программа', `${result.programmeKindLabel}: «${result.programmeTitle}»`)}
${row('Объём', `${result.hours} ч`)}
</dl>`;
  if (result.status === 'revoked') {
    return page(
      'Документ отозван',
      `<h1>Проверка документа об обучении</h1>
<p class="status revoked" data-status="revoked">Документ отозван${result.revokedAt ? ` ${escapeHtml(formatMoment(result.revokedAt))}` : ''}.</p>
<p>Причина: ${escapeHtml(result.revokedReason ?? '')}</p>
${details}`,
    );
  }
  return page(
    'Документ действителен',
    `<h1>Проверка документа об обучении</h1>
<p class="status valid" data-status="valid">Документ действителен.</p>
${details}`,
  );
}

/** GET /verify/:code — the public page a certificate's QR code points to; no login. */
export function verifyRoutes(deps: { sql: Sql }): Hono {
  const routes = new Hono();
  routes.get('/:code', async (c) => {
    const code = c.req.param('code');
    const result = await verifyCertificate(deps.sql, code);
    // Revocation must show at once: never cached.
    c.header('cache-control', 'no-store');
    c.header('x-robots-tag', 'noindex');
    return c.html(renderVerification(result, code), result ? 200 : 404);
  });
  return routes;
}
