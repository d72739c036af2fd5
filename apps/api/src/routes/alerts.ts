import { Hono, type Context } from 'hono';
import { alertUnsubscribeTokenExists, unsubscribeAlertEmails } from '@most/db/alerts';
import type { Sql } from '@most/db';
import { escapeBulletinHtml as escapeHtml } from '@most/domain';
import { EMAIL_LINK_TOKEN, messagePage, sendHtml } from '../http/message-page';

const invalid = (c: Context) => sendHtml(c, messagePage('Ссылка недействительна', '<p>Проверьте ссылку из письма или настройте оповещения в <a href="/profile">профиле</a>.</p>'), 404);

/**
 * The unsubscribe link of alert e-mails. GET shows a one-button confirmation (mail scanners follow
 * links); POST — the button, or a mail client's one-click (RFC 8058) — stops every alert e-mail.
 */
export function alertRoutes(deps: { sql: Sql }): Hono {
  const app = new Hono();
  app.get('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    if (!EMAIL_LINK_TOKEN.test(token) || !(await alertUnsubscribeTokenExists(deps.sql, token))) return invalid(c);
    return sendHtml(
      c,
      messagePage(
        'Отписка от писем-оповещений',
        '<p>Письма о вопросах жителей и сроках ответа перестанут приходить на ваш адрес. Оповещения на сайте и в Telegram останутся.</p><form method="post"><button type="submit">Отписаться от писем</button></form>',
      ),
    );
  });
  app.post('/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const result = EMAIL_LINK_TOKEN.test(token) ? await unsubscribeAlertEmails(deps.sql, token) : null;
    if (!result) return invalid(c);
    return sendHtml(c, messagePage('Вы отписаны', `<p>На адрес ${escapeHtml(result.email)} больше не придут письма-оповещения. Вернуть их можно в <a href="/profile">профиле</a>.</p>`));
  });
  return app;
}
