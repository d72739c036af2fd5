import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { PagedTable } from '../../components/PagedTable';
import { QueryView } from '../../components/State';
import { QueueStatus } from './QueueStatus';
import { CrawlNow } from './CrawlNow';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { CRAWL_PROBLEMS, NETWORKS, type CrawlProblem, type Network } from '@most/domain/browser';
import { Field } from '../../components/Form';
import { QueryList } from '../../components/QueryList';

/**
 * Crawl health: how many pages have each problem (failing, gone, closed, never or long not read),
 * filterable; per page the reason in words, last success and error; open alerts; crawl now.
 * "All read" is said only when every page was read successfully within the recent window.
 */
export default function CrawlPage() {
  const [failingOnly, setFailingOnly] = createSignal(false);
  const [network, setNetwork] = createSignal<Network | ''>('');
  const [problem, setProblem] = createSignal<CrawlProblem | 'any' | ''>('');
  const [page, setPage] = createSignal(1);
  const health = useQuery(() => {
    const input = { failingOnly: failingOnly(), network: network() || undefined, problem: problem() || undefined, page: page(), pageSize: 100 };
    return { ...queries.accounts.crawlHealth.queryOptions(input), refetchInterval: 30_000 };
  });
  const problems = useQuery(() => {
    const input = { network: network() || undefined };
    return { ...queries.accounts.crawlProblems.queryOptions(input), refetchInterval: 30_000 };
  });
  const alerts = useQuery(() => ({ ...queries.accounts.crawlAlerts.queryOptions(), refetchInterval: 30_000 }));
  const m = () => t().monitor;
  const c = () => t().crawlHealth;
  const when = (value: string | null) => (value ? formatDateTime(value, locale()) : '—');
  const choose = (value: CrawlProblem | 'any' | '') => {
    setPage(1);
    setProblem(value);
  };

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="crawl-title">
        <h1 id="crawl-title">{m().crawlTitle}</h1>

        <QueryView query={problems}>
          {(counts) => {
            const attention = () => counts.total - counts.readRecently;
            return (
              <div data-testid="crawl-problems">
                <Show when={counts.total > 0} fallback={<p class="notice">{c().noPages}</p>}>
                  <Show when={attention() > 0} fallback={<p class="notice">{fill(c().allRead, { n: counts.total, hours: counts.recentHours })}</p>}>
                    <p class="notice notice--bad" data-testid="crawl-attention">
                      {fill(c().needAttention, { n: attention(), total: counts.total, hours: counts.recentHours, ok: counts.readRecently })}
                    </p>
                    <ul class="problem-counts">
                      <For each={CRAWL_PROBLEMS.filter((p) => counts.problems[p] > 0)}>
                        {(p) => (
                          <li data-problem={p}>
                            <button type="button" class="button--ghost" aria-pressed={problem() === p} onClick={() => choose(problem() === p ? '' : p)}>
                              {label(c().problems, p)}: <strong>{counts.problems[p]}</strong>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </Show>
              </div>
            );
          }}
        </QueryView>

        <h2>{m().alerts}</h2>
        <QueryList query={alerts} emptyDetail={m().noAlerts} testId="crawl-alerts">
          {(alert) => (
            <li class="notice notice--bad">
              <strong>{label(t().networks, alert.network)}</strong>: {(c().alertKinds as Record<string, string>)[alert.kind] ?? c().unknownError}{' '}
              <span class="muted">
                ({alert.occurrences} × , {when(alert.lastRaisedAt)})
              </span>
            </li>
          )}
        </QueryList>

        <h2>{m().queue}</h2>
        <QueueStatus />

        <h2>{t().organization.accounts}</h2>
        <form class="form-row" onSubmit={(e) => e.preventDefault()} aria-label={t().ranking.filters}>
          <Field id="crawl-problem" label={c().problemFilter}>
            <select id="crawl-problem" value={problem()} onChange={(e) => choose(e.currentTarget.value as CrawlProblem | 'any' | '')}>
              <option value="">{t().app.all}</option>
              <option value="any">{c().anyProblem}</option>
              <For each={CRAWL_PROBLEMS}>{(value) => <option value={value}>{label(c().problems, value)}</option>}</For>
            </select>
          </Field>
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
          <Field id="crawl-network" label={t().organization.network}>
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
          </Field>
        </form>
        <PagedTable
          query={health}
          page={page()}
          onPage={setPage}
          caption={m().crawlTitle}
          testId="crawl-table"
          rowAttrs={(row) => ({ 'data-problem': row.problem ?? 'none', 'data-network': row.network })}
          rowClass={(row) => ({
            'row--problem': row.problem !== null && row.problem !== 'stale' && row.problem !== 'never_read',
            'row--warn': row.problem === 'stale' || row.problem === 'never_read',
          })}
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
            {
              header: c().reason,
              cell: (row) => (
                <Show when={row.problem} fallback={<span class="pass">{c().readOk}</span>}>
                  {(p) => (
                    <>
                      <strong class={p() === 'stale' || p() === 'never_read' ? 'warn' : 'fail'}>{label(c().problems, p())}</strong>
                      <Show when={p() === 'failing'}>
                        <div>{(c().errorKinds as Record<string, string>)[row.lastErrorKind ?? ''] ?? c().unknownError}</div>
                      </Show>
                    </>
                  )}
                </Show>
              ),
            },
            { header: m().lastSuccess, cell: (row) => when(row.lastSuccessAt) },
            { header: m().lastError, cell: (row) => (row.consecutiveFailures > 0 ? when(row.lastErrorAt) : '—') },
            { header: m().failuresInRow, numeric: true, cell: (row) => row.consecutiveFailures },
            { header: m().nextRun, cell: (row) => when(row.nextRunAt) },
            { header: t().app.actions, cell: (row) => <CrawlNow accountId={row.accountId} /> },
          ]}
        />
      </section>
    </RequireRole>
  );
}
