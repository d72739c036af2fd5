import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, For, Show } from 'solid-js';
import { fetchMethodology, fetchOrganization, scorecardPdfUrl, type MethodologyCriterion, type MethodologyVersion, type OrganizationProfile, type RankingHistoryItem } from '../../api/public';
import { compareColumns } from '@most/domain/insights';
import { DataTable } from '../../components/DataTable';
import { Downloads } from './Downloads';
import { OrganizationTrends } from './OrganizationTrends';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { verdictOfScore, type ScoreVerdict } from '@most/domain/browser';

export function VerdictBadge(props: { verdict: ScoreVerdict }) {
  const m = () => t().organization;
  const text = () => ({ pass: `✓ ${m().pass}`, partial: `◐ ${m().partial}`, fail: `✗ ${m().fail}` })[props.verdict];
  return <span class={props.verdict === 'pass' ? 'pass' : props.verdict === 'partial' ? 'warn' : 'fail'}>{text()}</span>;
}

function Profile(props: { org: OrganizationProfile; criteria: Map<string, MethodologyCriterion>; versions: MethodologyVersion[] }) {
  const m = () => t().organization;
  const latest = () => props.org.rankings[0];
  /** Every criterion of the latest edition's methodology, measured or not (never silently absent). */
  const rows = createMemo(() => {
    const point = latest();
    if (!point) return [];
    const version = props.versions.find((v) => String(v.version) === point.methodologyVersion.replace(/^v/i, ''));
    const codes = version ? version.criteria.map((c) => ({ code: c.code, name: c.code, weight: c.weight })) : point.criteria.map((c) => ({ code: c.code, name: c.code, weight: c.weight }));
    const column = { code: props.org.code, name: props.org.shortName, score: point.score, rank: point.rank, unranked: null, criteria: point.criteria };
    return compareColumns(codes, [column]).criteria.map((c) => ({ code: c.code, cell: c.cells[0]! }));
  });
  const criterionTitle = (code: string) => {
    const criterion = props.criteria.get(code);
    if (!criterion) return code;
    return locale() === 'ru' ? criterion.title : criterion.titleEn;
  };

  return (
    <>
      <h1>{props.org.shortName}</h1>
      <p>{props.org.fullName}</p>
      <Show when={latest()}>
        {(point) => (
          <p class="score-line" data-testid="score-line">
            <Show when={point().enoughData && point().rank !== null} fallback={<strong>{t().insights.notRanked}</strong>}>
              <strong class="score-line__score">{formatNumber(point().score, locale())}</strong> {m().outOf100} ·{' '}
              <strong>{fill(t().insights.rankOf, { rank: point().rank!, n: point().rankedCount })}</strong>
            </Show>{' '}
            <span class="muted">{fill(t().insights.latestEdition, { title: point().editionTitle })}</span>{' '}
            <A href={`/compare?organizations=${encodeURIComponent(props.org.code)}`}>{t().insights.compareWith}</A>
          </p>
        )}
      </Show>
      <Downloads what="organization" files={[{ format: 'pdf', href: scorecardPdfUrl(props.org.code) }]} />
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
      <Show when={props.org.rankings.length > 0} fallback={<p class="state">{m().noHistory}</p>}>
        <OrganizationTrends code={props.org.code} />
        <DataTable<RankingHistoryItem>
          caption={m().history}
          testId="history-table"
          rows={props.org.rankings}
          columns={[
            { header: t().ranking.edition, cell: (point) => <A href={`/rankings/${encodeURIComponent(point.editionSlug)}`}>{point.editionTitle}</A> },
            { header: t().ranking.score, numeric: true, cell: (point) => (point.enoughData ? formatNumber(point.score, locale()) : t().ranking.notEnoughData) },
            { header: t().ranking.rank, numeric: true, cell: (point) => (point.rank === null ? '—' : `${point.rank} / ${point.rankedCount}`) },
            { header: t().ranking.coverage, numeric: true, cell: (point) => `${point.accountsScored}/${point.accountsTotal}` },
          ]}
        />
      </Show>

      <h2>{m().criteria}</h2>
      <Show when={latest() && rows().length > 0} fallback={<p class="state">{t().app.noData}</p>}>
        <p class="muted">
          {t().ranking.edition}: {latest()!.editionTitle}
        </p>
        <div class="table-wrap" tabindex="0">
          <table class="stack" data-testid="criteria-table">
            <caption>{m().criteria}</caption>
            <thead>
              <tr>
                <th scope="col">{m().criterion}</th>
                <th scope="col">{m().result}</th>
                <th scope="col" class="num">
                  {t().ranking.score}
                </th>
                <th scope="col">{m().explanation}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(criterion) => (
                  <tr data-testid="criterion-row">
                    <td data-label={m().criterion}>{criterionTitle(criterion.code)}</td>
                    <Show
                      when={criterion.cell.status === 'measured' ? criterion.cell : null}
                      fallback={
                        <>
                          <td data-label={m().result}>{t().insights.notMeasured}</td>
                          <td class="num" data-label={t().ranking.score}>
                            —
                          </td>
                          <td data-label={m().explanation}>{criterion.cell.status === 'not_measured' ? criterion.cell.text : ''}</td>
                        </>
                      }
                    >
                      {(cell) => (
                        <>
                          <td data-label={m().result}>
                            <VerdictBadge verdict={verdictOfScore(cell().score)} />
                          </td>
                          <td class="num" data-label={t().ranking.score}>
                            {formatNumber(cell().score, locale())} {m().outOf100}
                          </td>
                          <td data-label={m().explanation}>{props.criteria.get(criterion.code)?.rule ?? '—'}</td>
                        </>
                      )}
                    </Show>
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
        {(org) => <Profile org={org} criteria={criteria()} versions={methodology.data ?? []} />}
      </QueryView>
    </section>
  );
}
