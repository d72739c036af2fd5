import { createEffect, createSignal, onCleanup, onMount } from 'solid-js';
import { t } from '../i18n';

/** "Part — part — Цифровой мост": what tabs, bookmarks and shared links show. */
export function composeTitle(parts: readonly (string | null | undefined)[], appName: string): string {
  return [...parts.map((p) => p?.trim()).filter((p): p is string => !!p), appName].join(' — ');
}

const [declared, setDeclared] = createSignal<{ owner: symbol; parts: (string | null | undefined)[] } | undefined>();

/**
 * A page that shows one thing (an edition, an organization…) names it in the tab; otherwise the
 * page's own heading is used. Undone when the page goes away.
 */
export function usePageTitle(parts: () => (string | null | undefined)[]): void {
  const owner = Symbol('page-title');
  createEffect(() => setDeclared({ owner, parts: parts() }));
  onCleanup(() => setDeclared((current) => (current?.owner === owner ? undefined : current)));
}

/** Layout side: the tab shows the declared title, else the main heading (h1) of whatever page is shown. */
export function usePageTitleFromHeading(main: () => HTMLElement | undefined): void {
  const [heading, setHeading] = createSignal<string>();
  onMount(() => {
    const root = main();
    if (!root) return;
    const read = () => setHeading(root.querySelector('h1')?.textContent?.trim() || undefined);
    const observer = new MutationObserver(read);
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    read();
    onCleanup(() => observer.disconnect());
  });
  createEffect(() => {
    const own = declared()?.parts.filter(Boolean);
    document.title = composeTitle(own && own.length > 0 ? own : [heading()], t().app.name);
  });
}
