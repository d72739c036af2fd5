import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { fetchOrganization, type OrganizationProfile } from '../../api/public';
import { LineChart } from '../../components/ScoreChart';
import { QueryView } from '../../components/State';
import { formatDate, formatNumber } from '../../format';
import { label, locale, t } from '../../i18n';

function Verdict(props: { passed: boolean | null }) {
  const m = () => t().organization;
  return (
    <Show when={props.passed !== null} fallback={<span class="muted">{m().notApplicable}</span>}>
      <span class={props.passed ? 'pass' : 'fail'}>{props.passed ? `✓ ${m().pass}` : `✗ ${m().fail}`}</span>
    </Show>
  );
}

function Profile(props: { org: OrganizationProfile }) {
  const m = () => t().organization;
  const history = () => props.org.history;
  return (
    <>
      <h1>{props.org.shortName}</h1>
      <p>{props.org.fullName}</p>
      <dl class="meta">
        <dt>{t().ranking.category}</dt>
        <dd>{label(t().kinds, props.org.category)}</dd>
        <dt>{t().ranking.sector}</dt>
        <dd>{label(t().sectors, props.org.sector)}</dd>
        <Show when={props.org.municipality}>
          <dt>{m().municipality}</dt>
          <dd>{props.org.municipality}</dd>
        </Show>
        <Show when={props.org.parent}>
          {(parent) => (
            <>
              <dt>{m().parent}</dt>
              <dd>
                <A href={`/organizations/${encodeURIComponent(parent().id)}`}>{parent().name}</A>
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
                  {account.handle || account.url}
                </a>{' '}
                <span class="muted">({label(t().accountStatuses, account.status)})</span>
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
          <table class="stack">
            <caption>{m().history}</caption>
            <thead>
              <tr>
                <th scope="col">{t().ranking.edition}</th>
                <th scope="col" class="num">{t().ranking.score}</th>
                <th scope="col" class="num">{t().ranking.rank}</th>
              </tr>
            </thead>
            <tbody>
              <For each={history()}>
                {(point) => (
                  <tr>
                    <td data-label={t().ranking.edition}>
                      <A href={`/editions/${encodeURIComponent(point.editionId)}`}>{point.title}</A>
                    </td>
                    <td class="num" data-label={t().ranking.score}>{formatNumber(point.score, locale())}</td>
                    <td class="num" data-label={t().ranking.rank}>{point.rank ?? '—'}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>

      <h2>{m().criteria}</h2>
      <Show when={props.org.criteria.length > 0} fallback={<p class="state">{t().app.noData}</p>}>
        <div class="table-wrap">
          <table class="stack" data-testid="criteria-table">
            <caption>{m().criteria}</caption>
            <thead>
              <tr>
                <th scope="col">{m().criterion}</th>
                <th scope="col">{m().result}</th>
                <th scope="col">{m().value}</th>
                <th scope="col">{m().explanation}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.org.criteria}>
                {(criterion) => (
                  <tr>
                    <td data-label={m().criterion}>{criterion.name}</td>
                    <td data-label={m().result}>
                      <Verdict passed={criterion.passed} />
                    </td>
                    <td data-label={m().value}>{criterion.value ?? '—'}</td>
                    <td data-label={m().explanation}>{criterion.explanation}</td>
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
  const params = useParams<{ organizationId: string }>();
  const query = useQuery(() => ({ queryKey: ['public', 'organization', params.organizationId], queryFn: () => fetchOrganization(params.organizationId) }));
  return (
    <section>
      <QueryView query={query}>{(org) => <Profile org={org} />}</QueryView>
    </section>
  );
}
