import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { Show, type JSX } from 'solid-js';
import { fetchInsights, type EditionInsights, type NotStated, type SlaSummary } from '../../api/public';
import type { EditionMover } from '@most/domain/insights';
import { DataTable } from '../../components/DataTable';
import { formatDuration, formatNumber } from '../../format';
import { fill, locale, t } from '../../i18n';

/** A figure or, when it cannot be stated honestly, the reason in words. */
export function Stated<T extends { status: string }>(props: { value: T | NotStated; children: (value: T) => JSX.Element; short?: boolean }) {
  return (
    <Show
      when={props.value.status !== 'not_enough_data'}
      fallback={
        <span class="muted" data-testid="not-stated">
          {props.short ? t().insights.notEnough : (props.value as NotStated).text}
        </span>
      }
    >
      {props.children(props.value as T)}
    </Show>
  );
}

/** A score (average, median) with one decimal, or the reason it is not stated. */
export function StatedScore(props: { value: { status: 'ok'; value: number } | NotStated }) {
  return <Stated value={props.value}>{(score) => <>{formatNumber(score.value, locale())}</>}</Stated>;
}

export const percent = (share: number) => `${formatNumber(share * 100, locale(), 0)} %`;
export const signed = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatNumber(Math.abs(value), locale())}`;

/** In tables (`short`) a missing share reads «недостаточно данных»; the reason is stated once beside the table. */
export function SlaShare(props: { sla: SlaSummary; short?: boolean }) {
  return (
    <Stated value={props.sla} short={props.short}>
      {(sla) => <>{percent(sla.shareWithin24h)}</>}
    </Stated>
  );
}

export function Figure(props: { label: string; testId: string; children: JSX.Element; note?: JSX.Element }) {
  return (
    <div class="figure" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        <span class="figure__value">{props.children}</span>
        <Show when={props.note}>
          <span class="figure__note muted">{props.note}</span>
        </Show>
      </dd>
    </div>
  );
}

function MoverName(props: { mover: EditionMover | undefined }) {
  return (
    <Show when={props.mover} fallback={<span class="muted">{t().insights.nobody}</span>}>
      {(mover) => (
        <>
          <A href={`/organizations/${encodeURIComponent(mover().organizationCode)}`}>{mover().organizationName}</A>{' '}
          <span class={mover().scoreChange > 0 ? 'up' : 'down'}>{signed(mover().scoreChange)}</span>
        </>
      )}
    </Show>
  );
}

/** The edition's figures: coverage, the region's answer speed, the median score and the biggest movers. */
export function HeadlineFigures(props: { insights: EditionInsights }) {
  const m = () => t().insights;
  const h = () => props.insights.headline;
  return (
    <section aria-labelledby="headline-title" class="headline">
      <h2 id="headline-title" class="visually-hidden">
        {m().figures}
      </h2>
      {/* On a phone the figures scroll sideways in one strip, so the ranking starts on the first screen. */}
      <div class="figures-strip" tabindex="0" role="region" aria-labelledby="headline-title">
        <dl class="figures">
          <Figure label={m().organizations} testId="figure-organizations" note={fill(m().ranked, { n: h().rankedOrganizations })}>
            {h().organizations}
          </Figure>
          <Figure label={m().pages} testId="figure-pages" note={fill(m().pagesScored, { n: h().pagesScored })}>
            {h().pagesMonitored}
          </Figure>
          <Figure label={m().share24h} testId="figure-share24h" note={h().sla.status === 'ok' ? fill(m().share24hOf, { n: (h().sla as { decided: number }).decided }) : undefined}>
            <SlaShare sla={h().sla} />
          </Figure>
          <Figure label={m().medianResponse} testId="figure-median-response">
            <Stated value={h().sla}>{(sla) => <>{sla.medianFirstResponseMs === null ? '—' : formatDuration(sla.medianFirstResponseMs, t().units)}</>}</Stated>
          </Figure>
          <Figure label={m().medianScore} testId="figure-median-score">
            <StatedScore value={h().medianScore} />
          </Figure>
          <Figure label={m().mostImproved} testId="figure-most-improved">
            <Stated value={h().movers}>{(movers) => <MoverName mover={movers.improved[0]} />}</Stated>
          </Figure>
          <Figure label={m().biggestFall} testId="figure-biggest-fall">
            <Stated value={h().movers}>{(movers) => <MoverName mover={movers.fallen[0]} />}</Stated>
          </Figure>
        </dl>
      </div>
    </section>
  );
}

/** Edition-to-edition movers, folded: the figures above already name the top of each list. */
function MoversList(props: { title: string; movers: EditionMover[]; testId: string }) {
  const m = () => t().insights;
  return (
    <Show when={props.movers.length > 0}>
      <DataTable<EditionMover>
        caption={props.title}
        testId={props.testId}
        rows={props.movers}
        columns={[
          { header: t().ranking.organization, cell: (mover) => <A href={`/organizations/${encodeURIComponent(mover.organizationCode)}`}>{mover.organizationName}</A> },
          { header: t().ranking.score, numeric: true, cell: (mover) => formatNumber(mover.score, locale()) },
          { header: m().scoreChange, numeric: true, cell: (mover) => signed(mover.scoreChange) },
          { header: t().ranking.rank, numeric: true, cell: (mover) => mover.rank },
        ]}
      />
    </Show>
  );
}

export function MoversTable(props: { insights: EditionInsights }) {
  const m = () => t().insights;
  const movers = () => (props.insights.headline.movers.status === 'ok' ? props.insights.headline.movers : null);
  return (
    <Show when={movers()}>
      {(list) => (
        <details class="movers" data-testid="movers">
          <summary>{m().movers}</summary>
          <MoversList title={m().moversUp} movers={list().improved} testId="movers-up" />
          <MoversList title={m().moversDown} movers={list().fallen} testId="movers-down" />
        </details>
      )}
    </Show>
  );
}

/** Headline figures and movers of an edition, with links to the municipality and compare views. */
export function EditionHeadline(props: { slug: string }) {
  const query = useQuery(() => ({ queryKey: ['public', 'insights', props.slug], queryFn: () => fetchInsights(props.slug), staleTime: 60_000 }));
  return (
    <Show when={query.data}>
      {(insights) => (
        <>
          <HeadlineFigures insights={insights()} />
          <p class="toolbar">
            <A href={`/municipalities?edition=${encodeURIComponent(props.slug)}`}>{t().insights.toMunicipalities}</A>
            <A href={`/compare?edition=${encodeURIComponent(props.slug)}`}>{t().insights.toCompare}</A>
          </p>
          <MoversTable insights={insights()} />
        </>
      )}
    </Show>
  );
}
