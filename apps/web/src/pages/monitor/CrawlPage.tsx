import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/State';
import { QueueStatus } from './QueueStatus';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';

const NETWORKS = ['vk', 'ok', 'telegram'] as const;
type Network = (typeof NETWORKS)[number];

/** Crawl health: per account the last success and error, open alerts; failing accounts first. */
export default function CrawlPage() {
  const [failingOnly, setFailingOnly] = createSignal(false);
  const [network, setNetwork] = createSignal<Network | ''>('');
  const [page, setPage] = createSignal(1);
  const health = useQuery(() => {
    const input = { failingOnly: failingOnly(), network: network() || undefined, page: page(), pageSize: 100 };
    return { queryKey: ['accounts.crawlHealth', input], queryFn: () => trpc.accounts.crawlHealth.query(input), refetchInterval: 30_000 };
  });
  const alerts = useQuery(() => ({ queryKey: ['accounts.crawlAlerts'], queryFn: () => trpc.accounts.crawlAlerts.query(), refetchInterval: 30_000 }));
  const m = () => t().monitor;
  const when = (value: string | null) => (value ? formatDateTime(value, locale()) : '—');

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="crawl-title">
        <h1 id="crawl-title">{m().crawlTitle}</h1>

        <h2>{m().alerts}</h2>
        <QueryView query={alerts} empty={(list) => list.length === 0} emptyDetail={m().noAlerts}>
          {(list) => (
            <ul data-testid="crawl-alerts">
              <For each={list}>
                {(alert) => (
                  <li class="notice notice--bad">
                    <strong>{label(t().networks, alert.network)}</strong>: {alert.message}{' '}
                    <span class="muted">
                      ({alert.occurrences} × , {when(alert.lastRaisedAt)})
                    </span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </QueryView>

        <h2>{m().queue}</h2>
        <QueueStatus />

        <h2>{t().organization.accounts}</h2>
        <form class="form-row" onSubmit={(e) => e.preventDefault()} aria-label={t().ranking.filters}>
          <div class="field field--inline">
            <input
              id="crawl-failing"
              type="checkbox"
              checked={failingOnly()}
              onChange={(e) => {
                setPage(1);
                setFailingOnly(e.currentTarget.checked);
              }}
            />
            <label for="crawl-failing">{m().failingOnly}</label>
          </div>
          <div class="field">
            <label for="crawl-network">{t().organization.network}</label>
            <select
              id="crawl-network"
              value={network()}
              onChange={(e) => {
                setPage(1);
                setNetwork(e.currentTarget.value as Network | '');
              }}
            >
              <option value="">{t().app.all}</option>
              <For each={NETWORKS}>{(value) => <option value={value}>{label(t().networks, value)}</option>}</For>
            </select>
          </div>
        </form>
        <QueryView query={health} empty={(data) => data.total === 0}>
          {(data) => (
            <>
              <p class="muted" role="status">
                {fill(t().ranking.rows, { n: data.total })}
              </p>
              <DataTable
                caption={m().crawlTitle}
                testId="crawl-table"
                rows={data.items}
                columns={[
                  {
                    header: t().ranking.organization,
                    cell: (row) => (
                      <>
                        {row.organizationName}
                        <div>
                          <a href={row.canonicalUrl} rel="noopener noreferrer" class="muted">
                            {row.canonicalUrl}
                          </a>
                        </div>
                      </>
                    ),
                  },
                  { header: t().organization.network, cell: (row) => `${label(t().networks, row.network)} · ${label(t().accountStatuses, row.status)}` },
                  { header: m().lastSuccess, cell: (row) => when(row.lastSuccessAt) },
                  {
                    header: m().lastError,
                    cell: (row) => (
                      <Show when={row.lastErrorAt} fallback="—">
                        <span class="fail">{when(row.lastErrorAt)}</span>
                        <div>
                          {row.lastErrorKind}: {row.lastError}
                        </div>
                      </Show>
                    ),
                  },
                  { header: m().failuresInRow, numeric: true, cell: (row) => row.consecutiveFailures },
                  { header: m().nextRun, cell: (row) => when(row.nextRunAt) },
                ]}
              />
              <nav class="toolbar" aria-label={m().pages}>
                <button type="button" class="button--ghost" disabled={page() <= 1} onClick={() => setPage(page() - 1)}>
                  ← {m().previous}
                </button>
                <span>
                  {data.page} / {Math.max(1, Math.ceil(data.total / data.pageSize))}
                </span>
                <button type="button" class="button--ghost" disabled={data.page * data.pageSize >= data.total} onClick={() => setPage(page() + 1)}>
                  {m().next} →
                </button>
              </nav>
            </>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
