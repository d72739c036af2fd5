import { A, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { fill, locale, setLocale, t } from '../i18n';
import { isAgency, isMonitor, user } from '../session';
import { logout } from '../api/auth';
import { HealthBadge } from './HealthBadge';

interface NavLink {
  href: string;
  text: () => string;
  end?: boolean;
}

const publicLinks: NavLink[] = [
  { href: '/', text: () => t().nav.ranking, end: true },
  { href: '/methodology', text: () => t().nav.methodology },
  { href: '/check', text: () => t().nav.check },
  { href: '/embed', text: () => t().nav.embed },
  { href: '/bulletins', text: () => t().bulletin.navArchive },
];

const monitorLinks: NavLink[] = [
  { href: '/monitor/registry', text: () => t().nav.registry },
  { href: '/monitor/import', text: () => t().nav.import },
  { href: '/monitor/crawl', text: () => t().nav.crawl },
  { href: '/monitor/review', text: () => t().nav.review },
  { href: '/monitor/scoring', text: () => t().nav.scoring },
  { href: '/monitor/disputes', text: () => t().nav.disputes },
  { href: '/monitor/editions', text: () => t().nav.editions },
  { href: '/monitor/users', text: () => t().nav.users },
  { href: '/monitor/bulletins', text: () => t().bulletin.navMonitor },
];

const agencyLinks: NavLink[] = [
  { href: '/agency', text: () => t().nav.myScores, end: true },
  { href: '/agency/recommendations', text: () => t().nav.recommendations },
  { href: '/agency/sla', text: () => t().nav.sla },
  { href: '/agency/disputes', text: () => t().nav.myDisputes },
  { href: '/agency/bulletins', text: () => t().bulletin.navMine },
];

const traineeLinks: NavLink[] = [{ href: '/training', text: () => t().training.navMyLearning, end: true }];
const teachingLinks: NavLink[] = [{ href: '/training/teach', text: () => t().training.navTeach }];
const trainingManagerLinks: NavLink[] = [
  { href: '/training/manage', text: () => t().training.navManage },
  { href: '/training/enrolments', text: () => t().training.navEnrolments, end: true },
];

function LinkList(props: { links: NavLink[]; label?: string }) {
  return (
    <>
      <Show when={props.label}>
        <span class="nav__group" aria-hidden="true">
          {props.label}
        </span>
      </Show>
      <ul class="nav__list" aria-label={props.label}>
        <For each={props.links}>
          {(link) => (
            <li>
              <A href={link.href} end={link.end} activeClass="is-active">
                {link.text()}
              </A>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}

/** Page frame: skip link, header with navigation by role, language switch, main landmark, footer. */
export function Layout(props: RouteSectionProps) {
  const [menuOpen, setMenuOpen] = createSignal(false);
  const location = useLocation();
  let main: HTMLElement | undefined;

  createEffect(() => {
    document.title = t().app.name;
  });

  // Close the phone menu after navigation and move focus to the new page's content.
  createEffect((previous: string | undefined) => {
    const path = location.pathname;
    if (previous !== undefined && previous !== path) {
      setMenuOpen(false);
      main?.focus({ preventScroll: false });
    }
    return path;
  });

  return (
    <div class="page">
      <a class="skip-link" href="#main">
        {t().app.skipToContent}
      </a>
      <header class="header">
        <div class="header__bar">
          <A href="/" class="brand">
            {t().app.name}
          </A>
          <div class="header__tools">
            <button
              type="button"
              class="lang-switch"
              lang={locale() === 'ru' ? 'en' : 'ru'}
              aria-label={t().app.switchToLabel}
              onClick={() => setLocale(locale() === 'ru' ? 'en' : 'ru')}
            >
              {t().app.switchTo}
            </button>
            <button
              type="button"
              class="menu-toggle"
              aria-expanded={menuOpen()}
              aria-controls="main-nav"
              onClick={() => setMenuOpen(!menuOpen())}
            >
              {t().app.menu}
            </button>
          </div>
        </div>
        <nav id="main-nav" class="nav" classList={{ 'is-open': menuOpen() }} aria-label={t().app.mainNav}>
          <LinkList links={publicLinks} />
          <Show when={isMonitor()}>
            <LinkList links={monitorLinks} label={t().nav.monitor} />
          </Show>
          <Show when={isAgency()}>
            <LinkList links={agencyLinks} label={t().nav.agency} />
          </Show>
          <Show when={user()?.role === 'trainee'}>
            <LinkList links={traineeLinks} label={t().training.navGroup} />
          </Show>
          <Show when={user()?.role === 'instructor' || isMonitor()}>
            <LinkList links={isMonitor() ? [...teachingLinks, ...trainingManagerLinks] : teachingLinks} label={t().training.navGroup} />
          </Show>
          <div class="nav__account">
            <Show
              when={user()}
              fallback={
                <Show when={user() === null}>
                  <A href="/login" class="button button--ghost">
                    {t().nav.login}
                  </A>
                </Show>
              }
            >
              {(current) => (
                <>
                  <span class="muted" data-testid="signed-in-as">
                    {fill(t().nav.signedInAs, { name: current().displayName || current().email })} · {t().roles[current().role]}
                  </span>
                  <button type="button" class="button--ghost" onClick={() => void logout()}>
                    {t().nav.logout}
                  </button>
                </>
              )}
            </Show>
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {props.children}
      </main>
      <footer class="footer">
        <p>{t().app.footer}</p>
        <HealthBadge />
      </footer>
    </div>
  );
}
