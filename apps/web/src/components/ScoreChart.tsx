import { onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
        axes: [
          { values: (_u, splits) => splits.map((index) => (Number.isInteger(index) ? (props.xLabels[index] ?? '') : '')) },
          {},
        ],
        series: [{}, ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: true, size: 6 } }))],
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
