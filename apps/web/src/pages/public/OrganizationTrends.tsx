import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { TREND_STEPS, type TrendStep } from '@most/domain/insights';
import { fetchTrends, type TrendPoint } from '../../api/public';
import { DataTable } from '../../components/DataTable';
import { LineChart } from '../../components/ScoreChart';
import { QueryView } from '../../components/State';
import { formatNumber, formatPeriodMonths } from '../../format';
import { locale, t } from '../../i18n';
import { SlaShare } from './Headline';

const share = (sla: TrendPoint['sla']) => (sla.status === 'ok' ? Math.round(sla.shareWithin24h * 1000) / 10 : null);

/** Score beside the region's median, and the 24-hour share beside the region's, period by period. */
function TrendCharts(props: { trends: TrendPoint[] }) {
  const m = () => t().insights;
  const labels = () => props.trends.map((p) => formatPeriodMonths(p.periodStart, p.periodEnd, locale()));
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
      <DataTable<TrendPoint>
        caption={m().trends}
        testId="trends-table"
        rows={props.trends}
        columns={[
          { header: t().ranking.period, cell: (point) => formatPeriodMonths(point.periodStart, point.periodEnd, locale()) },
          { header: t().ranking.score, numeric: true, cell: (point) => (point.score === null ? m().notRanked : formatNumber(point.score, locale())) },
          { header: m().regionMedian, numeric: true, cell: (point) => formatNumber(point.regionMedianScore, locale()) },
          { header: m().slaOrganization, numeric: true, cell: (point) => <SlaShare sla={point.sla} short /> },
          { header: m().slaRegion, numeric: true, cell: (point) => <SlaShare sla={point.regionSla} short /> },
        ]}
      />
      <p class="muted">{m().notEnoughNote}</p>
    </>
  );
}

/** The organization's trends by edition or by calendar month (one API route, `by=`). */
export function OrganizationTrends(props: { code: string }) {
  const [step, setStep] = createSignal<TrendStep>('edition');
  const trends = useQuery(() => ({ queryKey: ['public', 'trends', props.code, step()], queryFn: () => fetchTrends(props.code, step()) }));
  const m = () => t().trends;
  const stepLabel = (value: TrendStep) => (value === 'edition' ? m().byEdition : m().byMonth);
  return (
    <>
      <fieldset class="compare-kind" data-testid="trend-step">
        <legend class="visually-hidden">{m().step}</legend>
        <For each={TREND_STEPS}>
          {(value) => (
            <label>
              <input type="radio" name="trend-step" checked={step() === value} onChange={() => setStep(value)} /> {stepLabel(value)}
            </label>
          )}
        </For>
      </fieldset>
      <QueryView query={trends}>
        {(points) => (
          <Show when={points.length > 0} fallback={<p class="state">{step() === 'month' ? m().noMonths : t().organization.noHistory}</p>}>
            <TrendCharts trends={points} />
          </Show>
        )}
      </QueryView>
    </>
  );
}
