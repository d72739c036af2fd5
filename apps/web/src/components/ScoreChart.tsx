import { onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../format';
import { locale, t } from '../i18n';

/** Axis figures in the interface's number format (not the browser's). */
const yTicks = (_u: uPlot, splits: number[]) => splits.map((value) => formatNumber(value, locale(), 2));

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
}

/**
 * A small uPlot line chart. The x axis is the point index; `xLabels` names each point.
 * Screen readers get the accompanying table (the canvas itself is hidden from them).
 */
export function LineChart(props: { xLabels: string[]; series: ChartSeries[]; height?: number; yMax?: number }) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;

  onMount(() => {
    const width = () => Math.max(280, host.clientWidth);
    const xs = props.xLabels.map((_, index) => index);
    plot = new uPlot(
      {
        width: width(),
        height: props.height ?? 240,
        scales: { x: { time: false }, y: { range: [0, props.yMax ?? 100] } },
        // The legend names the lines only: live values under a static chart read as «Значение: —».
        legend: { live: false },
        axes: [{ values: (_u, splits) => splits.map((index) => (Number.isInteger(index) ? (props.xLabels[index] ?? '') : '')) }, { values: yTicks }],
        // The legend speaks Russian: the period's name and ru-RU figures, a dash where there is no value.
        series: [
          { label: t().chart.period, value: (_u, index) => (index === null ? t().chart.noValue : (props.xLabels[index] ?? t().chart.noValue)) },
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            points: { show: true, size: 6 },
            value: (_u: uPlot, value: number | null) => (value === null ? t().chart.noValue : formatNumber(value, locale())),
          })),
        ],
      },
      [xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      host,
    );
    const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: props.height ?? 240 }));
    resize.observe(host);
    onCleanup(() => resize.disconnect());
  });
  onCleanup(() => plot?.destroy());

  return <div class="chart" ref={host} aria-hidden="true" />;
}

/**
 * A small uPlot bar chart of one series over named categories (SLA distribution, percentiles).
 * Like the line chart it is hidden from screen readers: pages show the same figures in a table.
 */
export function BarChart(props: { labels: string[]; values: (number | null)[]; seriesLabel: string; color: string; height?: number; yMax?: number }) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;

  onMount(() => {
    const width = () => Math.max(280, host.clientWidth);
    const xs = props.labels.map((_, index) => index);
    const finite = props.values.filter((v): v is number => v !== null && Number.isFinite(v));
    const top = props.yMax ?? Math.max(1, ...finite) * 1.1;
    const bars = uPlot.paths.bars!({ size: [0.6, 80] });
    plot = new uPlot(
      {
        width: width(),
        height: props.height ?? 220,
        legend: { show: false },
        scales: { x: { time: false, range: [-0.5, props.labels.length - 0.5] }, y: { range: [0, top] } },
        axes: [{ splits: () => xs, values: (_u, splits) => splits.map((index) => props.labels[index] ?? '') }, { values: yTicks }],
        series: [{}, { label: props.seriesLabel, stroke: props.color, fill: props.color, width: 1, paths: bars, points: { show: false } }],
      },
      [xs, props.values] as uPlot.AlignedData,
      host,
    );
    const resize = new ResizeObserver(() => plot?.setSize({ width: width(), height: props.height ?? 220 }));
    resize.observe(host);
    onCleanup(() => resize.disconnect());
  });
  onCleanup(() => plot?.destroy());

  return <div class="chart" ref={host} aria-hidden="true" />;
}
