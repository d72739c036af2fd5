import { A, useLocation, type RouteSectionProps } from '@solidjs/router';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { fill, locale, setLocale, t } from '../i18n';
import { isMonitor, user } from '../session';
import { logout } from '../api/auth';
import { HealthBadge } from './HealthBadge';
import { AlertsLink } from './AlertsLink';
import { navFor, type NavLink } from './nav';
import { usePageTitleFromHeading } from './title';

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

  usePageTitleFromHeading(() => main);

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
            <button type="button" class="lang-switch" lang={locale() === 'ru' ? 'en' : 'ru'} aria-label={t().app.switchToLabel} onClick={() => setLocale(locale() === 'ru' ? 'en' : 'ru')}>
              {t().app.switchTo}
            </button>
            <button type="button" class="menu-toggle" aria-expanded={menuOpen()} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen())}>
              {t().app.menu}
            </button>
          </div>
        </div>
        <nav id="main-nav" class="nav" classList={{ 'is-open': menuOpen() }} aria-label={t().app.mainNav}>
          <For each={navFor(user()?.role)}>{(group) => <LinkList links={group.links} label={group.label?.()} />}</For>
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
                  <AlertsLink role={current().role} />
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
        {/* Database and queue modes are for operators, not visitors. */}
        <Show when={isMonitor()}>
          <HealthBadge />
        </Show>
      </footer>
    </div>
  );
}
