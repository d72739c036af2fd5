import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { criterionReasonRu } from '@most/domain/criterion-text';
import { queries } from '../../api/trpc';
import { DisputeForm } from '../../components/DisputeForm';
import { EvidenceList } from '../../components/Evidence';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { LineChart } from '../../components/ScoreChart';
import { NoData, QueryView } from '../../components/State';
import { formatDate, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { user } from '../../session';
import { DataTable } from '../../components/DataTable';
import { usePageTitle } from '../../layout/title';

type PeriodKind = 'week' | 'month' | 'quarter';
interface PeriodRef {
  accountId: number;
  periodKind: PeriodKind;
  periodStart: string;
  methodologyVersion: number;
}

const STATUS_CLASS: Record<string, string> = { pass: 'pass', fail: 'fail', partial: 'warn' };
/** Points mean something only where the criterion was measured. */
const MEASURED = new Set(['pass', 'partial', 'fail']);

function ScoreDetail(props: { period: PeriodRef }) {
  const detail = useQuery(() => queries.accounts.scoreDetail.queryOptions(props.period));
  const [disputing, setDisputing] = createSignal<string>();
  const m = () => t().agency;
  return (
    <QueryView query={detail}>
      {(score) => (
        <div class="table-wrap" tabindex="0">
          <table class="stack" data-testid="score-detail">
            <caption>
              {m().evidence}: {formatDate(score.periodStart, locale())} — {formatDate(score.periodEnd, locale())}
            </caption>
            <thead>
              <tr>
                <th scope="col">{m().criterion}</th>
                <th scope="col">{m().status}</th>
                <th scope="col" class="num">
                  {m().points}
                </th>
                <th scope="col">{m().evidence}</th>
                <th scope="col">{t().app.actions}</th>
              </tr>
            </thead>
            <tbody>
              <For each={score.criteria}>
                {(criterion) => (
                  <>
                    <tr data-testid="criterion-row" data-status={criterion.status}>
                      <td data-label={m().criterion}>
                        <strong>{criterion.title}</strong>
                        <div class="muted">{criterion.rule}</div>
                      </td>
                      <td data-label={m().status}>
                        <span class={STATUS_CLASS[criterion.status] ?? 'muted'} data-testid="criterion-status">
                          {criterion.statusText}
                        </span>
                        <div data-testid="criterion-result">{criterion.result}</div>
                      </td>
                      <td class="num" data-label={m().points}>
                        {MEASURED.has(criterion.status) ? `${formatNumber(criterion.points, locale())} / ${formatNumber(criterion.maxPoints, locale())}` : '—'}
                      </td>
                      <td data-label={m().evidence}>
                        <EvidenceList items={criterion.evidence} />
                      </td>
                      <td data-label={t().app.actions}>
                        <button
                          type="button"
                          class="button--ghost"
                          aria-expanded={disputing() === criterion.criterionCode}
                          aria-label={`${m().dispute}: ${criterion.title}`}
                          onClick={() => setDisputing(disputing() === criterion.criterionCode ? undefined : criterion.criterionCode)}
                        >
                          {m().dispute}
                        </button>
                      </td>
                    </tr>
                    <Show when={disputing() === criterion.criterionCode}>
                      <tr>
                        <td colSpan={5}>
                          <DisputeForm
                            accountId={props.period.accountId}
                            idSuffix={criterion.criterionCode}
                            target={{ criterion: { code: criterion.criterionCode, periodKind: props.period.periodKind, periodStart: props.period.periodStart } }}
                          />
                        </td>
                      </tr>
                    </Show>
                  </>
                )}
              </For>
            </tbody>
          </table>
        </div>
      )}
    </QueryView>
  );
}

function AccountScores(props: { accountId: number; url: string }) {
  const scores = useQuery(() => queries.accounts.scores.queryOptions({ accountId: props.accountId, limit: 52 }));
  const [period, setPeriod] = createSignal<PeriodRef>();
  const m = () => t().agency;
  return (
    <article class="card" aria-label={props.url}>
      <h3>
        <a href={props.url} rel="noopener noreferrer">
          {props.url}
        </a>
      </h3>
      <QueryView query={scores} empty={(list) => list.length === 0}>
        {(list) => (
          <>
            <DataTable
              caption={m().scoresTitle}
              testId="account-scores"
              rows={list}
              columns={[
                { header: m().period, cell: (row) => `${formatDate(row.periodStart, locale())} — ${formatDate(row.periodEnd, locale())}` },
                {
                  header: m().total,
                  numeric: true,
                  cell: (row) => (row.status === 'ok' ? formatNumber(row.total, locale()) : row.reason ? `${m().notMeasured}: ${criterionReasonRu(row.reason)}` : t().ranking.notEnoughData),
                },
                { header: m().questions, numeric: true, cell: (row) => row.questions },
                {
                  header: t().app.actions,
                  cell: (row) => (
                    <button
                      type="button"
                      class="button--ghost"
                      aria-pressed={period()?.periodStart === row.periodStart && period()?.periodKind === row.periodKind}
                      onClick={() => setPeriod({ accountId: props.accountId, periodKind: row.periodKind as PeriodKind, periodStart: row.periodStart, methodologyVersion: row.methodologyVersion })}
                    >
                      {m().choosePeriod}
                    </button>
                  ),
                },
              ]}
            />
            <Show when={period()} keyed>
              {(chosen) => <ScoreDetail period={chosen} />}
            </Show>
          </>
        )}
      </QueryView>
    </article>
  );
}

function OrganizationTrend(props: { organizationId: number }) {
  const scores = useQuery(() => queries.accounts.organizationScores.queryOptions({ organizationId: props.organizationId, limit: 52 }));
  return (
    <QueryView query={scores} empty={(list) => list.length === 0}>
      {(list) => {
        // A trend by month: weeks and quarters would interleave on one axis.
        const points = list.filter((p) => p.periodKind === 'month').reverse();
        const latest = points.at(-1);
        return (
          <>
            <Show when={points.some((p) => p.score !== null)} fallback={<NoData detail={t().agency.trendNotEnoughData} />}>
              <figure>
                <LineChart xLabels={points.map((p) => formatDate(p.periodEnd, locale()))} series={[{ label: t().ranking.score, values: points.map((p) => p.score), color: '#0b57d0' }]} />
                <figcaption class="muted">{t().agency.organizationTrend}</figcaption>
              </figure>
            </Show>
            <Show when={latest}>
              {(month) => (
                <div data-testid="organization-coverage">
                  <p>
                    {t().agency.coverage} {formatDate(month().periodEnd, locale())}: {month().pages.filter((p) => p.measured).length} / {month().pages.length}
                  </p>
                  <ul>
                    <For each={month().pages}>
                      {(page) => (
                        <li>
                          {label(t().networks, page.network)} {page.url} —{' '}
                          {page.measured ? t().agency.pageMeasured : `${page.reason ? t().agency.notMeasured : t().ranking.notEnoughData}: ${page.reasonText ?? ''}`}
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              )}
            </Show>
          </>
        );
      }}
    </QueryView>
  );
}

/** The agency's own organization: its score trend, each page's periods, and per-criterion evidence with a dispute action. */
export default function MyOrganizationPage() {
  const accounts = useQuery(() => ({ ...queries.accounts.mine.queryOptions(), enabled: user()?.role === 'agency' }));
  const organizationId = () => user()?.organizationId ?? 0;
  const organization = useQuery(() => ({ ...queries.registry.organization.queryOptions({ id: organizationId() }), enabled: organizationId() > 0 }));
  const m = () => t().agency;
  // Named after the organization, so that tabs and bookmarks of different agencies differ.
  const heading = () => (organization.data ? fill(m().scoresOf, { name: organization.data.shortName }) : m().scoresTitle);
  usePageTitle(() => [heading()]);
  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="agency-title">
        <h1 id="agency-title">{heading()}</h1>
        <h2>{m().organizationTrend}</h2>
        <Show when={user()?.organizationId}>{(id) => <OrganizationTrend organizationId={id()} />}</Show>
        <h2>{t().organization.accounts}</h2>
        <QueryView query={accounts} empty={(list) => list.length === 0}>
          {(list) => (
            <div data-testid="my-accounts">
              <For each={list}>
                {(account) => (
                  <>
                    <p class="muted">
                      {label(t().networks, account.network)} · {label(t().accountStatuses, account.status)}
                    </p>
                    <AccountScores accountId={account.id} url={account.canonicalUrl} />
                  </>
                )}
              </For>
            </div>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
