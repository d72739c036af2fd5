import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
import { MutationError } from '../../components/MutationError';
import { ALERT_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { locale, t } from '../../i18n';
import { user } from '../../session';

type Channel = 'in_app' | 'email' | 'telegram';
const CHANNELS: Channel[] = ['in_app', 'email', 'telegram'];
const toTime = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const toMinute = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The user's alert settings: what goes where, quiet hours, e-mail opt-out, Telegram link. */
export default function ProfilePage() {
  const client = useQueryClient();
  const settings = useQuery(() => queries.alerts.settings.queryOptions());
  const refresh = () => invalidate(client, queries.alerts.settings.queryKey());
  const subscribe = useMutation(() => ({ mutationFn: (input: { kind: string; channel: Channel; enabled: boolean }) => trpc.alerts.subscribe.mutate(input as never), onSuccess: refresh }));
  const update = useMutation(() => ({
    mutationFn: (input: { quietHours?: { startMinute: number; endMinute: number } | null; emailEnabled?: boolean }) => trpc.alerts.updateSettings.mutate(input),
    onSuccess: refresh,
  }));
  const link = useMutation(() => ({ mutationFn: () => trpc.alerts.telegramLink.mutate() }));
  const unlink = useMutation(() => ({ mutationFn: () => trpc.alerts.telegramUnlink.mutate(), onSuccess: refresh }));
  const [from, setFrom] = createSignal('22:00');
  const [to, setTo] = createSignal('08:00');
  const m = () => t().alerts;
  return (
    <RequireRole roles={ALERT_ROLES}>
      <section aria-labelledby="profile-title">
        <h1 id="profile-title">{m().profileTitle}</h1>
        <p class="muted">{user()?.email}</p>
        <QueryView query={settings}>
          {(s) => (
            <>
              <h2>{m().subscriptionsTitle}</h2>
              <DataTable
                caption={m().subscriptionsTitle}
                captionClass="visually-hidden"
                rows={s.subscriptions}
                testId="subscriptions"
                columns={[
                  { header: m().kind, cell: (row) => row.title },
                  ...CHANNELS.map((channel) => ({
                    header: m().channels[channel],
                    cell: (row: (typeof s.subscriptions)[number]) => (
                      <input
                        type="checkbox"
                        aria-label={`${row.title}: ${m().channels[channel]}`}
                        data-testid={`sub-${row.kind}-${channel}`}
                        checked={row.channels[channel]}
                        disabled={subscribe.isPending}
                        onChange={(event) => subscribe.mutate({ kind: row.kind, channel, enabled: event.currentTarget.checked })}
                      />
                    ),
                  })),
                ]}
              />
              <MutationError error={subscribe.error} />

              <h2>{m().quietTitle}</h2>
              <p class="muted">{m().quietHelp}</p>
              <p data-testid="quiet-state">{s.quietHours ? `${m().quietFrom} ${toTime(s.quietHours.startMinute)} ${m().quietTo} ${toTime(s.quietHours.endMinute)}` : m().quietNone}</p>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  update.mutate({ quietHours: { startMinute: toMinute(from()), endMinute: toMinute(to()) } });
                }}
              >
                <label>
                  {m().quietFrom} <input type="time" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} required data-testid="quiet-from" />
                </label>{' '}
                <label>
                  {m().quietTo} <input type="time" value={to()} onInput={(e) => setTo(e.currentTarget.value)} required data-testid="quiet-to" />
                </label>{' '}
                <button type="submit" disabled={update.isPending} data-testid="quiet-save">
                  {m().quietSave}
                </button>{' '}
                <Show when={s.quietHours}>
                  <button type="button" class="button--ghost" onClick={() => update.mutate({ quietHours: null })}>
                    {m().quietClear}
                  </button>
                </Show>
              </form>

              <h2>{m().emailTitle}</h2>
              <p data-testid="email-state">{s.emailUnsubscribed ? m().emailOff : m().emailOn}</p>
              <button type="button" class="button--ghost" onClick={() => update.mutate({ emailEnabled: s.emailUnsubscribed })} disabled={update.isPending} data-testid="email-toggle">
                {s.emailUnsubscribed ? m().emailEnable : m().emailDisable}
              </button>
              <MutationError error={update.error} />

              <h2>{m().telegramTitle}</h2>
              <Show when={s.telegram !== 'not_configured'} fallback={<p data-testid="telegram-state">{m().telegramNotConfigured}</p>}>
                <p data-testid="telegram-state">{s.telegram === 'linked' ? m().telegramLinked : m().telegramNotLinked}</p>
                <Show
                  when={s.telegram === 'linked'}
                  fallback={
                    <button type="button" onClick={() => link.mutate()} disabled={link.isPending} data-testid="telegram-link">
                      {m().telegramLink}
                    </button>
                  }
                >
                  <button type="button" class="button--ghost" onClick={() => unlink.mutate()} disabled={unlink.isPending}>
                    {m().telegramUnlink}
                  </button>
                </Show>
                <Show when={link.data}>
                  {(data) => (
                    <p>
                      <a href={data().url} rel="noopener noreferrer" target="_blank" data-testid="telegram-deep-link">
                        {data().url}
                      </a>
                      <br />
                      <span class="muted">
                        {m().telegramLinkHelp} ({formatDateTime(data().expiresAt, locale())})
                      </span>
                    </p>
                  )}
                </Show>
                <MutationError error={link.error ?? unlink.error} />
              </Show>
            </>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
