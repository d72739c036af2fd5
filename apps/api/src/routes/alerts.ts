import { Hono, type Context } from 'hono';
import { alertUnsubscribeTokenExists, unsubscribeAlertEmails } from '@most/db/alerts';
import type { Sql } from '@most/db';
import { escapeBulletinHtml as escapeHtml } from '@most/domain';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const HTML_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

function page(title: string, body: string): string {
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

const html = (c: Context, body: string, status: 200 | 404 = 200) => c.body(body, status, HTML_HEADERS);
const invalid = (c: Context) => html(c, page('Ссылка недействительна', '<p>Проверьте ссылку из письма или настройте оповещения в <a href="/profile">профиле</a>.</p>'), 404);

/**
 * The unsubscribe link of alert e-mails. GET shows a one-button confirmation (mail scanners follow
 * links); POST — the button, or a mail client's one-click (RFC 8058) — stops every alert e-mail.
 */
export function alertRoutes(deps: { sql: Sql }): Hono {
  const app = new Hono();
  app.get('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token) || !(await alertUnsubscribeTokenExists(deps.sql, token))) return invalid(c);
    return html(
      c,
      page(
        'Отписка от писем-оповещений',
        '<p>Письма о вопросах жителей и сроках ответа перестанут приходить на ваш адрес. Оповещения на сайте и в Telegram останутся.</p><form method="post"><button type="submit">Отписаться от писем</button></form>',
      ),
    );
  });
  app.post('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const result = TOKEN.test(token) ? await unsubscribeAlertEmails(deps.sql, token) : null;
    if (!result) return invalid(c);
    return html(c, page('Вы отписаны', `<p>На адрес ${escapeHtml(result.email)} больше не придут письма-оповещения. Вернуть их можно в <a href="/profile">профиле</a>.</p>`));
  });
  return app;
}
