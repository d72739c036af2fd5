import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, For, Show } from 'solid-js';
import { fetchMethodology, fetchOrganization, fetchTrends, type MethodologyCriterion, type MethodologyVersion, type OrganizationProfile, type TrendPoint } from '../../api/public';
import { compareColumns } from '@most/domain/insights';
import { SlaShare } from './Headline';
import { LineChart } from '../../components/ScoreChart';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { formatNumber, formatPeriodMonths } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { verdictOfScore, type ScoreVerdict } from '@most/domain/browser';

export function VerdictBadge(props: { verdict: ScoreVerdict }) {
  const m = () => t().organization;
  const text = () => ({ pass: `✓ ${m().pass}`, partial: `◐ ${m().partial}`, fail: `✗ ${m().fail}` })[props.verdict];
  return <span class={props.verdict === 'pass' ? 'pass' : props.verdict === 'partial' ? 'warn' : 'fail'}>{text()}</span>;
}

function Profile(props: { org: OrganizationProfile; criteria: Map<string, MethodologyCriterion>; versions: MethodologyVersion[]; trends: TrendPoint[] }) {
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
        <Show when={props.trends.length > 0}>
          <TrendCharts trends={props.trends} />
        </Show>
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
      <Show when={latest() && rows().length > 0} fallback={<p class="state">{t().app.noData}</p>}>
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
              <For each={rows()}>
                {(criterion) => (
                  <tr data-testid="criterion-row">
                    <td data-label={m().criterion}>{criterionTitle(criterion.code)}</td>
                    <Show
                      when={criterion.cell.status === 'measured' ? criterion.cell : null}
                      fallback={
                        <>
                          <td data-label={m().result}>{t().insights.notMeasured}</td>
                          <td class="num" data-label={t().ranking.score}>—</td>
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

/** Score beside the region's median, and the 24-hour share beside the region's, edition by edition. */
function TrendCharts(props: { trends: TrendPoint[] }) {
  const m = () => t().insights;
  const labels = () => props.trends.map((p) => formatPeriodMonths(p.periodStart, p.periodEnd, locale()));
  const share = (sla: TrendPoint['sla']) => (sla.status === 'ok' ? Math.round(sla.shareWithin24h * 1000) / 10 : null);
  return (
    <>
      <div class="sla-charts">
        <figure>
          <LineChart
            xLabels={labels()}
            series={[
              { label: m().organizationSeries, values: props.trends.map((p) => p.score), color: '#0b57d0' },
              { label: m().regionMedian, values: props.trends.map((p) => p.regionMedianScore), color: '#6b7280' },
            ]}
          />
          <figcaption class="muted">{m().trendsChart}</figcaption>
        </figure>
        <figure>
          <LineChart
            xLabels={labels()}
            series={[
              { label: m().organizationSeries, values: props.trends.map((p) => share(p.sla)), color: '#0b57d0' },
              { label: m().region, values: props.trends.map((p) => share(p.regionSla)), color: '#6b7280' },
            ]}
          />
          <figcaption class="muted">{m().share24hTrend}</figcaption>
        </figure>
      </div>
      <div class="table-wrap">
        <table class="stack" data-testid="trends-table">
          <caption>{m().trends}</caption>
          <thead>
            <tr>
              <th scope="col">{t().ranking.period}</th>
              <th scope="col" class="num">{t().ranking.score}</th>
              <th scope="col" class="num">{m().regionMedian}</th>
              <th scope="col" class="num">{m().slaOrganization}</th>
              <th scope="col" class="num">{m().slaRegion}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.trends}>
              {(point, index) => (
                <tr>
                  <td data-label={t().ranking.period}>{labels()[index()]}</td>
                  <td class="num" data-label={t().ranking.score}>{point.score === null ? m().notRanked : formatNumber(point.score, locale())}</td>
                  <td class="num" data-label={m().regionMedian}>{formatNumber(point.regionMedianScore, locale())}</td>
                  <td class="num" data-label={m().slaOrganization}><SlaShare sla={point.sla} short /></td>
                  <td class="num" data-label={m().slaRegion}><SlaShare sla={point.regionSla} short /></td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="muted">{m().notEnoughNote}</p>
    </>
  );
}

export default function OrganizationPage() {
  const params = useParams<{ code: string }>();
  const query = useQuery(() => ({ queryKey: ['public', 'organization', params.code], queryFn: () => fetchOrganization(params.code) }));
  const trends = useQuery(() => ({ queryKey: ['public', 'trends', params.code], queryFn: () => fetchTrends(params.code) }));
  const methodology = useQuery(() => ({ queryKey: ['public', 'methodology'], queryFn: fetchMethodology, staleTime: Infinity }));
  /** Criterion texts by code; a later version's wording wins. */
  const criteria = createMemo(() => new Map((methodology.data ?? []).flatMap((version) => version.criteria.map((c) => [c.code, c] as const))));
  return (
    <section>
      <QueryView query={query} missing={() => <NotFound title={t().missing.organization} detail={t().missing.organizationDetail} />}>
        {(org) => <Profile org={org} criteria={criteria()} versions={methodology.data ?? []} trends={trends.data ?? []} />}
      </QueryView>
    </section>
  );
}
