import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { queries } from '../api/trpc';
import { formatDuration, formatNumber } from '../format';
import { fill, locale, t } from '../i18n';
import { DataTable } from './DataTable';
import { BarChart } from './ScoreChart';
import { QueryView } from './State';

const BUCKETS = ['under1h', 'from1to4h', 'from4to24h', 'over24h', 'unanswered'] as const;
const RANGES = ['30', '90', '365'] as const;
const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

/** An organization's SLA distribution and first-response percentiles: bar charts with the same figures in tables. */
export function SlaCharts(props: { organizationId: number }) {
  const [days, setDays] = createSignal<(typeof RANGES)[number]>('90');
  const data = useQuery(() => ({
    ...queries.sla.distribution.queryOptions({ organizationId: props.organizationId, days: Number(days()) }),
  }));
  const m = () => t().sla;
  return (
    <section aria-labelledby="sla-distribution-title" data-testid="sla-distribution">
      <h2 id="sla-distribution-title">{m().distributionTitle}</h2>
      <div class="toolbar">
        <label>
          {m().range}{' '}
          <select value={days()} onChange={(event) => setDays(event.currentTarget.value as (typeof RANGES)[number])}>
            <For each={RANGES}>{(range) => <option value={range}>{m().ranges[range]}</option>}</For>
          </select>
        </label>
      </div>
      <QueryView query={data}>
        {(d) => (
          <Show
            when={d.state === 'measured'}
            fallback={
              <div class="state state--empty" data-testid="sla-not-enough-data">
                <p>
                  <strong>{m().notEnoughData}</strong>
                </p>
                <p class="muted">{fill(m().decided, { decided: d.decided, pending: d.pending })}</p>
              </div>
            }
          >
            <p class="muted">{fill(m().decided, { decided: d.decided, pending: d.pending })}</p>
            <div class="sla-charts">
              <figure>
                <BarChart labels={BUCKETS.map((b) => m().buckets[b])} values={BUCKETS.map((b) => Math.round(d.shares[b] * 1000) / 10)} seriesLabel={m().share} color="#0b57d0" yMax={100} />
                <figcaption class="muted">{m().distributionCaption}</figcaption>
              </figure>
              <figure>
                <Show when={d.percentiles.p50 !== null} fallback={<p class="muted">{m().noAnswers}</p>}>
                  <BarChart labels={['p50', 'p90', 'p95']} values={[hours(d.percentiles.p50), hours(d.percentiles.p90), hours(d.percentiles.p95)]} seriesLabel={m().hours} color="#8a4baf" />
                </Show>
                <figcaption class="muted">{m().percentilesCaption}</figcaption>
              </figure>
            </div>
            <DataTable
              caption={m().distributionCaption}
              testId="sla-distribution-table"
              rows={BUCKETS}
              columns={[
                { header: m().bucket, rowHeader: true, cell: (bucket) => m().buckets[bucket] },
                { header: m().count, numeric: true, cell: (bucket) => d.counts[bucket] },
                { header: m().share, numeric: true, cell: (bucket) => `${formatNumber(d.shares[bucket] * 100, locale())}%` },
              ]}
            />
            <DataTable
              caption={m().percentilesCaption}
              testId="sla-percentiles-table"
              rows={['p50', 'p90', 'p95'] as const}
              columns={[
                { header: m().percentile, rowHeader: true, cell: (p) => m()[p] },
                { header: m().hours, numeric: true, cell: (p) => formatNumber(hours(d.percentiles[p]), locale()) },
                { header: m().bucket, numeric: true, cell: (p) => (d.percentiles[p] === null ? '—' : formatDuration(Math.round(d.percentiles[p]!) * 1000, t().units)) },
              ]}
            />
          </Show>
        )}
      </QueryView>
    </section>
  );
}
