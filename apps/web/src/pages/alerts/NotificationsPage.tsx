import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { ALERT_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { locale, t } from '../../i18n';

/** The signed-in user's in-app alerts, newest first; unread ones marked, each can be marked read. */
export default function NotificationsPage() {
  const client = useQueryClient();
  const list = useQuery(() => ({ ...queries.alerts.notifications.queryOptions(), refetchInterval: 60_000 }));
  const markRead = useMutation(() => ({
    mutationFn: (ids?: number[]) => trpc.alerts.markRead.mutate({ ids }),
    onSuccess: () => {
      invalidate(client, queries.alerts.notifications.queryKey(), queries.alerts.unread.queryKey());
    },
  }));
  const m = () => t().alerts;
  return (
    <RequireRole roles={ALERT_ROLES}>
      <section aria-labelledby="notifications-title">
        <h1 id="notifications-title">{m().listTitle}</h1>
        <QueryView query={list} empty={(items) => items.length === 0} emptyDetail={m().none}>
          {(items) => (
            <>
              <Show when={items.some((i) => !i.read)}>
                <button type="button" onClick={() => markRead.mutate(undefined)} disabled={markRead.isPending} data-testid="mark-all-read">
                  {m().markAllRead}
                </button>
              </Show>
              <MutationError error={markRead.error} />
              <ul class="notifications" data-testid="notifications">
                <For each={items}>
                  {(item) => (
                    <li class="notification" classList={{ 'notification--unread': !item.read }} data-testid="notification" data-read={item.read ? 'yes' : 'no'}>
                      <p>
                        <Show when={!item.read}>
                          <strong class="badge">{m().unread}</strong>{' '}
                        </Show>
                        <strong>{item.title}</strong> <span class="muted">{formatDateTime(item.createdAt, locale())}</span>
                      </p>
                      <p class="citizen-text" style={{ 'white-space': 'pre-line' }}>
                        {item.body}
                      </p>
                      <p>
                        <a href={item.link} rel="noopener noreferrer" target="_blank">
                          {m().open}
                        </a>
                        <Show when={!item.read}>
                          {' '}
                          <button type="button" class="button--ghost" onClick={() => markRead.mutate([item.id])} disabled={markRead.isPending}>
                            {m().markRead}
                          </button>
                        </Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
