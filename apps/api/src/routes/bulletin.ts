import { Hono, type Context } from 'hono';
import { findAcknowledgement, findSessionUser, getIssuePdf, listPublishedIssues, loadIssueView, unsubscribeBulletinContact, type Sql } from '@most/db';
import { acknowledgeBulletin } from '@most/services';
import { escapeBulletinHtml as escapeHtml, renderArchiveHtml, renderAtom, renderIssueHtml, renderRss, type FeedEntry } from '@most/domain';
import { readCookie, SESSION_COOKIE } from '../http/cookies';
import { EMAIL_LINK_TOKEN, messagePage, sendHtml } from '../http/message-page';
import { publicBase } from '../http/public-origin';

export interface BulletinRoutesDeps {
  sql: Sql;
  /** Absolute base for links in feeds; the request's origin when absent. */
  publicUrl?: string | undefined;
}

const SLUG = /^[0-9a-z_-]{4,60}$/;
const notFoundPage = (c: Context) => sendHtml(c, messagePage('Выпуск не найден', '<p>Такого выпуска нет в архиве. <a href="/bulletin">Архив выпусков</a> · <a href="/">На главную</a></p>'), 404);

/**
 * The bulletin on the web: the public archive with a page and a PDF per published issue, RSS and
 * Atom feeds, the links from agencies' e-mails (acknowledge, unsubscribe), and for signed-in users
 * the agency sections and monitors' previews. Every text on these pages is escaped.
 */
export function bulletinRoutes(deps: BulletinRoutesDeps): Hono {
  const app = new Hono();
  const base = (c: Context) => publicBase(c, deps.publicUrl);
  const sessionUser = async (c: Context) => {
    const token = readCookie(c, SESSION_COOKIE);
    return token ? ((await findSessionUser(deps.sql, token))?.user ?? null) : null;
  };

  app.get('/', async (c) => {
    const issues = await listPublishedIssues(deps.sql);
    const entries = issues.map((i) => ({ slug: i.slug, title: i.title, periodLabel: i.periodLabel, revision: i.revision, publishedAt: i.publishedAt!, correctionNote: i.correctionNote }));
    return sendHtml(c, renderArchiveHtml(entries, { base: '/bulletin', home: '/', rss: '/bulletin/rss.xml', atom: '/bulletin/atom.xml' }));
  });

  const feedEntries = async (c: Context): Promise<FeedEntry[]> =>
    (await listPublishedIssues(deps.sql, 50)).map((i) => ({
      slug: i.slug,
      title: i.title,
      url: `${base(c)}/bulletin/${i.slug}`,
      publishedAt: i.publishedAt!,
      summary: i.correctionNote ? `Исправленная редакция ${i.revision}: ${i.correctionNote}` : `Выпуск бюллетеня за период: ${i.periodLabel}`,
    }));
  const channel = (c: Context, self: string) => ({
    title: 'Бюллетень «Цифровой мост»',
    siteUrl: `${base(c)}/bulletin`,
    selfUrl: `${base(c)}/bulletin/${self}`,
    description: 'Общественный мониторинг официальных страниц органов власти и учреждений в социальных сетях',
  });
  app.get('/rss.xml', async (c) => c.body(renderRss(channel(c, 'rss.xml'), await feedEntries(c)), 200, { 'content-type': 'application/rss+xml; charset=utf-8' }));
  app.get('/atom.xml', async (c) => c.body(renderAtom(channel(c, 'atom.xml'), await feedEntries(c)), 200, { 'content-type': 'application/atom+xml; charset=utf-8' }));

  // Links from e-mails carry their own unguessable token, so they need no session. GET only shows
  // a confirmation form (mail scanners follow links); the change happens on POST.
  app.get('/acknowledge/:token', async (c) => {
    const token = c.req.param('token');
    const link = EMAIL_LINK_TOKEN.test(token) ? await findAcknowledgement(deps.sql, token) : null;
    if (!link) return sendHtml(c, messagePage('Ссылка недействительна', '<p>Проверьте ссылку из письма.</p>'), 404);
    const done = link.acknowledgedAt ? '<p>Получение уже подтверждено. Спасибо!</p>' : `<form method="post"><button type="submit">Подтвердить получение рекомендаций</button></form>`;
    return sendHtml(c, messagePage('Подтверждение получения', `<p>${escapeHtml(link.organizationName)}: ${escapeHtml(link.issueTitle)}.</p>${done}`));
  });
  app.post('/acknowledge/:token', async (c) => {
    const token = c.req.param('token');
    const result = EMAIL_LINK_TOKEN.test(token) ? await acknowledgeBulletin(deps.sql, { token, actor: { id: null, label: 'acknowledge-link' } }) : null;
    if (!result) return sendHtml(c, messagePage('Ссылка недействительна', '<p>Проверьте ссылку из письма.</p>'), 404);
    return sendHtml(c, messagePage('Спасибо!', `<p>${escapeHtml(result.organizationName)} подтвердила получение рекомендаций выпуска «${escapeHtml(result.issueTitle)}».</p>`));
  });

  app.get('/unsubscribe/:token', async (c) => {
    if (!EMAIL_LINK_TOKEN.test(c.req.param('token'))) return sendHtml(c, messagePage('Ссылка недействительна', ''), 404);
    return sendHtml(c, messagePage('Отписка от бюллетеня', '<form method="post"><button type="submit">Отписаться от рассылки</button></form>'));
  });
  // Also the target of one-click unsubscribe (RFC 8058) from mail clients.
  app.post('/unsubscribe/:token', async (c) => {
    const result = await unsubscribeBulletinContact(deps.sql, c.req.param('token'));
    if (!result) return sendHtml(c, messagePage('Ссылка недействительна', '<p>Проверьте ссылку из письма.</p>'), 404);
    return sendHtml(c, messagePage('Вы отписаны', `<p>Адрес ${escapeHtml(result.email)} больше не получает бюллетень.</p>`));
  });

  // A monitor's preview of any issue, every section included (drafts too).
  app.get('/preview/:id{[0-9]+}', async (c) => {
    const user = await sessionUser(c);
    if (!user) return sendHtml(c, messagePage('Нужен вход', '<p><a href="/login">Войдите</a>, чтобы открыть предпросмотр.</p>'), 401);
    if (user.role !== 'admin' && user.role !== 'monitor') return sendHtml(c, messagePage('Нет доступа', ''), 403);
    const view = await loadIssueView(deps.sql, { id: Number(c.req.param('id')) });
    if (!view) return notFoundPage(c);
    return sendHtml(c, renderIssueHtml(view, view.sections));
  });

  // An agency's own section of a published issue, as a page or its PDF (monitors may open any agency's).
  app.get('/:slug/agency/:file{[0-9]+(?:\\.pdf)?}', async (c) => {
    const slug = c.req.param('slug');
    const file = c.req.param('file');
    const isPdf = file.endsWith('.pdf');
    const organizationId = Number(isPdf ? file.slice(0, -4) : file);
    const user = await sessionUser(c);
    if (!user) return sendHtml(c, messagePage('Нужен вход', '<p><a href="/login">Войдите</a>, чтобы открыть раздел ведомства.</p>'), 401);
    const allowed = user.role === 'admin' || user.role === 'monitor' || (user.role === 'agency' && user.organizationId === organizationId);
    if (!allowed) return sendHtml(c, messagePage('Нет доступа', '<p>Раздел доступен только сотрудникам этого ведомства.</p>'), 403);
    if (!SLUG.test(slug)) return notFoundPage(c);
    const view = await loadIssueView(deps.sql, { slug }, [`org-${organizationId}`, 'public']);
    if (view?.state !== 'published' || !view.sections.some((s) => s.organizationId === organizationId)) return notFoundPage(c);
    if (isPdf) {
      const pdf = await getIssuePdf(deps.sql, view.id, `org-${organizationId}`);
      if (!pdf) return sendHtml(c, messagePage('PDF готовится', '<p>Файл появится через несколько минут.</p>'), 404);
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="bulletin-${slug}-${organizationId}.pdf"`,
        'cache-control': 'private, no-store',
      });
    }
    const own = view.sections.filter((s) => s.organizationId === organizationId);
    const links = { home: '/', archive: '/bulletin', pdf: `/bulletin/${slug}/agency/${organizationId}.pdf` };
    return sendHtml(c, renderIssueHtml(view, [...own, ...view.sections.filter((s) => s.audience === 'public')], links));
  });

  app.get('/:file', async (c) => {
    const file = c.req.param('file');
    const isPdf = file.endsWith('.pdf');
    const slug = isPdf ? file.slice(0, -4) : file;
    if (!SLUG.test(slug)) return notFoundPage(c);
    const view = await loadIssueView(deps.sql, { slug }, ['public']);
    if (view?.state !== 'published') return notFoundPage(c);
    if (isPdf) {
      const pdf = await getIssuePdf(deps.sql, view.id);
      if (!pdf) return sendHtml(c, messagePage('PDF готовится', '<p>Файл появится через несколько минут.</p>'), 404);
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="bulletin-${slug}.pdf"`,
        'cache-control': 'public, max-age=3600',
      });
    }
    return sendHtml(c, renderIssueHtml(view, view.sections, { home: '/', archive: '/bulletin', pdf: `/bulletin/${slug}.pdf`, rss: '/bulletin/rss.xml', atom: '/bulletin/atom.xml' }));
  });
  return app;
}
