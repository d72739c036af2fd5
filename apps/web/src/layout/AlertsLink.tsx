import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { mayUse } from '@most/domain/access';
import { Show } from 'solid-js';
import { queries } from '../api/trpc';
import { fill, t } from '../i18n';
import type { Role } from '../session';

/** The app shell's alerts entry with the unread count, and the profile link, for roles that get alerts. */
export function AlertsLink(props: { role: Role }) {
  const unread = useQuery(() => ({
    ...queries.alerts.unread.queryOptions(),
    enabled: mayUse(props.role, 'alerts'),
    refetchInterval: 60_000,
  }));
  const count = () => unread.data?.count ?? 0;
  return (
    <Show when={mayUse(props.role, 'alerts')}>
      <A href="/notifications" class="alerts-link" activeClass="is-active" data-testid="notifications-link" aria-label={fill(t().alerts.navUnread, { count: String(count()) })}>
        {t().alerts.nav}
        <Show when={count() > 0}>
          {' '}
          <span class="badge badge--count" data-testid="unread-count">
            {count()}
          </span>
        </Show>
      </A>
      <A href="/profile" activeClass="is-active" data-testid="profile-link">
        {t().alerts.profile}
      </A>
    </Show>
  );
}
