import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, For, Show } from 'solid-js';
import { fetchMethodology, fetchOrganization, type MethodologyCriterion, type OrganizationProfile } from '../../api/public';
import { LineChart } from '../../components/ScoreChart';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { formatDate, formatNumber } from '../../format';
import { label, locale, t } from '../../i18n';
import { verdictOfScore, type ScoreVerdict } from '@most/domain/browser';

export function VerdictBadge(props: { verdict: ScoreVerdict }) {
  const m = () => t().organization;
  const text = () => ({ pass: `✓ ${m().pass}`, partial: `◐ ${m().partial}`, fail: `✗ ${m().fail}` })[props.verdict];
  return <span class={props.verdict === 'pass' ? 'pass' : props.verdict === 'partial' ? 'warn' : 'fail'}>{text()}</span>;
}

function Profile(props: { org: OrganizationProfile; criteria: Map<string, MethodologyCriterion> }) {
  const m = () => t().organization;
  // The API lists editions newest first; the chart reads left to right in time.
  const history = createMemo(() => [...props.org.rankings].reverse());
  const latest = () => props.org.rankings[0];
  const criterionTitle = (code: string) => {
    const criterion = props.criteria.get(code);
    if (!criterion) return code;
    return locale() === 'ru' ? criterion.title : criterion.titleEn;
  };

  return (
    <>
      <h1>{props.org.shortName}</h1>
      <p>{props.org.fullName}</p>
      <dl class="meta">
        <dt>{t().ranking.category}</dt>
        <dd>{label(t().kinds, props.org.kind)}</dd>
        <dt>{t().ranking.sector}</dt>
        <dd>{label(t().sectors, props.org.sector)}</dd>
        <Show when={props.org.municipality}>
          <dt>{m().municipality}</dt>
          <dd>{props.org.municipality!.name}</dd>
        </Show>
        <Show when={props.org.parent}>
          {(parent) => (
            <>
              <dt>{m().parent}</dt>
              <dd>
                <A href={`/organizations/${encodeURIComponent(parent().code)}`}>{parent().shortName}</A>
              </dd>
            </>
          )}
        </Show>
        <Show when={props.org.website}>
          <dt>{m().website}</dt>
          <dd>
            <a href={props.org.website!} rel="noopener noreferrer">
              {props.org.website}
            </a>
          </dd>
        </Show>
      </dl>

      <h2>{m().accounts}</h2>
      <Show when={props.org.accounts.length > 0} fallback={<p class="state">{t().app.noData}</p>}>
        <ul data-testid="accounts">
          <For each={props.org.accounts}>
            {(account) => (
              <li>
                {label(t().networks, account.network)}:{' '}
                <a href={account.url} rel="noopener noreferrer">
                  {account.url}
                </a>{' '}
                <span class="muted" data-testid="account-read">
                  ({label(t().accountStatuses, account.status)}
                  <Show when={account.read !== undefined}> · {account.read ? m().pageRead : m().pageNotRead}</Show>)
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>

      <h2>{m().history}</h2>
      <Show when={history().length > 0} fallback={<p class="state">{m().noHistory}</p>}>
        <figure>
          <LineChart
            xLabels={history().map((point) => formatDate(point.periodEnd, locale()))}
            series={[{ label: t().ranking.score, values: history().map((point) => point.score), color: '#0b57d0' }]}
          />
          <figcaption class="muted">{m().historyChart}</figcaption>
        </figure>
        <div class="table-wrap">
          <table class="stack" data-testid="history-table">
            <caption>{m().history}</caption>
            <thead>
              <tr>
                <th scope="col">{t().ranking.edition}</th>
                <th scope="col" class="num">{t().ranking.score}</th>
                <th scope="col" class="num">{t().ranking.rank}</th>
                <th scope="col" class="num">{t().ranking.coverage}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.org.rankings}>
                {(point) => (
                  <tr>
                    <td data-label={t().ranking.edition}>
                      <A href={`/rankings/${encodeURIComponent(point.editionSlug)}`}>{point.editionTitle}</A>
                    </td>
                    <td class="num" data-label={t().ranking.score}>
                      {point.enoughData ? formatNumber(point.score, locale()) : t().ranking.notEnoughData}
                    </td>
                    <td class="num" data-label={t().ranking.rank}>
                      {point.rank === null ? '—' : `${point.rank} / ${point.rankedCount}`}
                    </td>
                    <td class="num" data-label={t().ranking.coverage}>
                      {point.accountsScored}/{point.accountsTotal}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>

      <h2>{m().criteria}</h2>
      <Show when={latest() && latest()!.criteria.length > 0} fallback={<p class="state">{t().app.noData}</p>}>
        <p class="muted">
          {t().ranking.edition}: {latest()!.editionTitle}
        </p>
        <div class="table-wrap">
          <table class="stack" data-testid="criteria-table">
            <caption>{m().criteria}</caption>
            <thead>
              <tr>
                <th scope="col">{m().criterion}</th>
                <th scope="col">{m().result}</th>
                <th scope="col" class="num">{t().ranking.score}</th>
                <th scope="col">{m().explanation}</th>
              </tr>
            </thead>
            <tbody>
              <For each={latest()!.criteria}>
                {(criterion) => (
                  <tr>
                    <td data-label={m().criterion}>{criterionTitle(criterion.code)}</td>
                    <td data-label={m().result}>
                      <VerdictBadge verdict={verdictOfScore(criterion.score)} />
                    </td>
                    <td class="num" data-label={t().ranking.score}>
                      {formatNumber(criterion.score, locale())} {m().outOf100}
                    </td>
                    <td data-label={m().explanation}>{props.criteria.get(criterion.code)?.rule ?? '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </>
  );
}

export default function OrganizationPage() {
  const params = useParams<{ code: string }>();
  const query = useQuery(() => ({ queryKey: ['public', 'organization', params.code], queryFn: () => fetchOrganization(params.code) }));
  const methodology = useQuery(() => ({ queryKey: ['public', 'methodology'], queryFn: fetchMethodology, staleTime: Infinity }));
  /** Criterion texts by code; a later version's wording wins. */
  const criteria = createMemo(() => new Map((methodology.data ?? []).flatMap((version) => version.criteria.map((c) => [c.code, c] as const))));
  return (
    <section>
      <QueryView query={query} missing={() => <NotFound title={t().missing.organization} detail={t().missing.organizationDetail} />}>
        {(org) => <Profile org={org} criteria={criteria()} />}
      </QueryView>
    </section>
  );
}
