import { A, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { fetchInsights, type MunicipalitySummary } from '../../api/public';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/State';
import { NotFound } from '../../components/NotFound';
import { usePageTitle } from '../../layout/title';
import { formatNumber } from '../../format';
import { locale, t } from '../../i18n';
import { bandOf, DISTRICT_TILES, NO_DATA_COLOR, SCORE_BANDS } from './district-tiles';
import { SlaShare, StatedScore } from './Headline';

/** The municipality's own page in the given edition. */
const municipalityHref = (code: string, slug: string) => `/municipalities/${encodeURIComponent(code)}?edition=${encodeURIComponent(slug)}`;

const scoreOf = (m: MunicipalitySummary) => (m.averageScore.status === 'ok' ? m.averageScore.value : null);

/** The best or worst organization of a municipality, linked, with its score. */
export function MoverLink(props: { mover: MunicipalitySummary['best'] }) {
  return (
    <Show when={props.mover} fallback="—">
      {(org) => (
        <>
          <A href={`/organizations/${encodeURIComponent(org().organizationCode)}`}>{org().organizationName}</A> ({formatNumber(org().score, locale())})
        </>
      )}
    </Show>
  );
}

/** The districts as tiles coloured by average score; the table beside it carries the same figures for everyone. */
function TileGrid(props: { municipalities: MunicipalitySummary[]; slug: string }) {
  const m = () => t().insights;
  const placed = () => props.municipalities.filter((x) => DISTRICT_TILES[x.code]);
  return (
    <figure class="tile-map">
      {/* Scrolls sideways on a phone: focusable so keyboards can scroll it too. */}
      <ul class="tile-grid" data-testid="tile-grid" tabindex="0" aria-label={m().mapTitle}>
        <For each={placed()}>
          {(municipality) => {
            const [column, row] = DISTRICT_TILES[municipality.code]!;
            const band = bandOf(scoreOf(municipality));
            return (
              <li class="tile" style={{ 'grid-column': column + 1, 'grid-row': row + 1, background: band?.color ?? NO_DATA_COLOR }} data-testid="tile" data-code={municipality.code}>
                <A class="tile__link" href={municipalityHref(municipality.code, props.slug)}>
                  <span class="tile__name">{municipality.name.replace(' муниципальный район', '').replace('городской округ ', '')}</span>
                  <span class="tile__score">{formatNumber(scoreOf(municipality), locale())}</span>
                </A>
              </li>
            );
          }}
        </For>
      </ul>
      <figcaption>
        <strong>{m().mapTitle}.</strong> <span class="muted">{m().mapNote}</span>
        <ul class="legend" aria-label={m().legend}>
          <For each={SCORE_BANDS}>
            {(band) => (
              <li>
                <span class="legend__swatch" style={{ background: band.color }} /> {band.from}–{band.to}
              </li>
            )}
          </For>
          <li>
            <span class="legend__swatch" style={{ background: NO_DATA_COLOR }} /> {m().legendNoData}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

function MunicipalityTable(props: { municipalities: MunicipalitySummary[]; slug: string }) {
  const m = () => t().insights;
  return (
    <DataTable<MunicipalitySummary>
      caption={m().municipalitiesTitle}
      testId="municipalities-table"
      rows={props.municipalities}
      rowAttrs={(municipality) => ({ 'data-testid': 'municipality-row', 'data-code': municipality.code })}
      columns={[
        { header: m().municipality, cell: (municipality) => <A href={municipalityHref(municipality.code, props.slug)}>{municipality.name}</A> },
        {
          header: m().averageScore,
          numeric: true,
          cell: (municipality) => <StatedScore value={municipality.averageScore} />,
        },
        { header: m().sla, numeric: true, cell: (municipality) => <SlaShare sla={municipality.sla} short /> },
        { header: m().best, cell: (municipality) => <MoverLink mover={municipality.best} /> },
        { header: m().worst, cell: (municipality) => <MoverLink mover={municipality.worst} /> },
      ]}
    />
  );
}

/** Per-municipality figures of an edition: a tile grid of the districts and the accessible table beside it. */
export default function MunicipalitiesPage() {
  const [params] = useSearchParams<{ edition?: string }>();
  const slug = () => params.edition || 'latest';
  const query = useQuery(() => ({ queryKey: ['public', 'insights', slug()], queryFn: () => fetchInsights(slug()), staleTime: 60_000 }));
  usePageTitle(() => [t().insights.municipalitiesTitle]);
  return (
    <section aria-labelledby="municipalities-title">
      <h1 id="municipalities-title">{t().insights.municipalitiesTitle}</h1>
      <QueryView query={query} missing={() => <NotFound title={t().missing.edition} detail={t().missing.editionDetail} heading={2} />}>
        {(insights) => (
          <>
            <p class="muted">
              {t().insights.municipalitiesLead} <A href={`/rankings/${encodeURIComponent(insights.edition.slug)}`}>{insights.edition.title}</A>
            </p>
            <p class="toolbar">
              <A href={`/compare?edition=${encodeURIComponent(insights.edition.slug)}&municipalities=`}>
                {t().insights.compareTitle}: {t().insights.compareMunicipalities.toLowerCase()}
              </A>
            </p>
            <div class="municipalities">
              <TileGrid municipalities={insights.municipalities} slug={insights.edition.slug} />
              <MunicipalityTable municipalities={insights.municipalities} slug={insights.edition.slug} />
            </div>
          </>
        )}
      </QueryView>
    </section>
  );
}
