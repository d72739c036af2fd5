import { A, useParams, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { editionFileUrl, editionJsonUrl, FILE_FORMATS, fetchEdition, fetchEditions, type EditionRow, type EditionSummary, type EditionView, type RankingFilters } from '../../api/public';
import { DataTable, type DataColumn } from '../../components/DataTable';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { usePageTitle } from '../../layout/title';
import { formatDate, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { options, RANKING_SORTS, viewRows, type RankingSort } from './ranking-view';
import { EditionHeadline } from './Headline';
import { Downloads } from './Downloads';

type SearchParams = { kind?: string; sector?: string; municipality?: string; q?: string; sort?: string };

function Change(props: { value: number | null }) {
  return (
    <Show when={props.value !== null && props.value !== 0} fallback={<span class="muted">—</span>}>
      <span class={props.value! > 0 ? 'up' : 'down'}>
        <span aria-hidden="true">{props.value! > 0 ? '▲' : '▼'}</span>
        <span class="visually-hidden">{props.value! > 0 ? t().ranking.up : t().ranking.down}</span> {Math.abs(props.value!)}
      </span>
    </Show>
  );
}

export function RankingTable(props: { rows: EditionRow[]; caption: string; ranked: boolean; testId?: string }) {
  const m = () => t().ranking;
  const columns = (): DataColumn<EditionRow>[] => [
    ...(props.ranked ? [{ header: m().rank, numeric: true, cell: (row: EditionRow) => row.rank ?? '—' }] : []),
    {
      header: m().organization,
      cell: (row) => (
        <>
          <A href={`/organizations/${encodeURIComponent(row.organizationCode)}`}>{row.organizationName}</A>
          <div class="muted secondary">{label(t().sectors, row.sector)}</div>
        </>
      ),
    },
    { header: m().municipality, cellClass: 'secondary', cell: (row) => row.municipalityName ?? '—' },
    ...(props.ranked
      ? [
          { header: m().score, numeric: true, cell: (row: EditionRow) => formatNumber(row.score, locale()) },
          { header: m().change, numeric: true, cell: (row: EditionRow) => <Change value={row.rankChange} /> },
        ]
      : []),
    {
      header: m().coverage,
      numeric: true,
      cellClass: 'secondary',
      cellAttrs: (row) => ({ title: `${row.coverage.accountsScored} ${m().coverageHint} ${row.coverage.accountsTotal}` }),
      cell: (row) => `${row.coverage.accountsScored}/${row.coverage.accountsTotal}`,
    },
    { header: m().sample, numeric: true, cellClass: 'secondary', cell: (row) => row.sampleSize },
    ...(props.ranked ? [] : [{ header: m().unrankedReason, cellAttrs: () => ({ 'data-testid': 'unranked-reason' }), cell: (row: EditionRow) => row.unranked?.text ?? '—' }]),
  ];
  return (
    <DataTable<EditionRow>
      caption={props.caption}
      tableClass={props.ranked ? 'ranking ranking--ranked' : 'ranking'}
      testId={props.testId ?? (props.ranked ? 'ranking-table' : 'not-enough-table')}
      rows={props.rows}
      rowAttrs={() => ({ 'data-testid': 'ranking-row' })}
      columns={columns()}
    />
  );
}

/** What the meta and rows read of an edition: the monitor's draft preview (no public addresses) fits too. */
type EditionDates = Pick<EditionSummary, 'periodStart' | 'periodEnd' | 'publishedAt' | 'methodologyVersion'>;
type EditionRowsView = Pick<EditionView, 'ranked' | 'notEnoughData'> & { edition: Pick<EditionSummary, 'title'> };

export function EditionMeta(props: { edition: EditionDates }) {
  const m = () => t().ranking;
  return (
    <dl class="meta edition-meta">
      <dt>{m().period}</dt>
      <dd>
        {formatDate(props.edition.periodStart, locale())} — {formatDate(props.edition.periodEnd, locale())}
      </dd>
      <Show when={props.edition.publishedAt}>
        <dt>{m().publishedAt}</dt>
        <dd>{formatDate(props.edition.publishedAt!, locale())}</dd>
      </Show>
      <dt>{m().methodologyVersion}</dt>
      <dd>
        <A href="/methodology">{props.edition.methodologyVersion}</A>
      </dd>
    </dl>
  );
}

/** Ranked and "not enough data" rows of a view, after search and sort. */
export function EditionRows(props: { view: EditionRowsView; search?: string; sort?: RankingSort }) {
  const m = () => t().ranking;
  const ranked = createMemo(() => viewRows(props.view.ranked.rows, { search: props.search, sort: props.sort }));
  const unranked = createMemo(() => viewRows(props.view.notEnoughData, { search: props.search, sort: 'name' }));
  return (
    <>
      <p class="muted" role="status" aria-live="polite" data-testid="row-count">
        {fill(m().rows, { n: ranked().length + unranked().length })}
      </p>
      <Show when={ranked().length + unranked().length > 0} fallback={<p class="state">{m().noRows}</p>}>
        <Show when={ranked().length > 0}>
          <RankingTable rows={ranked()} caption={props.view.edition.title} ranked />
        </Show>
        <Show when={unranked().length > 0}>
          <details class="unranked" data-testid="unranked-section">
            <summary>
              <h2>{fill(t().insights.unranked, { n: unranked().length })}</h2>
            </summary>
            <p class="muted">{t().insights.unrankedHint}</p>
            <RankingTable rows={unranked()} caption={m().notEnoughData} ranked={false} />
          </details>
        </Show>
      </Show>
    </>
  );
}

function EditionPage(props: { slug: string; editions: EditionSummary[] }) {
  const [params, setParams] = useSearchParams<SearchParams>();
  const m = () => t().ranking;
  const sort = (): RankingSort => (RANKING_SORTS.includes(params.sort as RankingSort) ? (params.sort as RankingSort) : 'rank');
  const filters = (): RankingFilters => ({ kind: params.kind || undefined, sector: params.sector || undefined, municipality: params.municipality || undefined });
  // The whole edition gives the filter options; the filtered view is ranked by the API within the filter.
  const whole = useQuery(() => ({ queryKey: ['public', 'edition', props.slug, {}], queryFn: () => fetchEdition(props.slug), staleTime: Infinity }));
  const filtered = useQuery(() => ({
    queryKey: ['public', 'edition', props.slug, filters()],
    queryFn: () => fetchEdition(props.slug, filters()),
    staleTime: Infinity,
    placeholderData: (previous: EditionView | undefined) => previous,
  }));
  const choices = createMemo(() => {
    const rows = whole.data ? [...whole.data.ranked.rows, ...whole.data.notEnoughData] : [];
    return {
      kinds: options(rows, (row) => [row.kind, label(t().kinds, row.kind)]),
      sectors: options(rows, (row) => [row.sector, label(t().sectors, row.sector)]),
      municipalities: options(rows, (row) => (row.municipalityCode ? [row.municipalityCode, row.municipalityName ?? row.municipalityCode] : null)),
    };
  });
  const set = (key: keyof SearchParams, value: string) => setParams({ [key]: value || undefined }, { replace: true });
  // Phones fold the filters behind one button so the first screen shows the ranking itself.
  const [filtersOpen, setFiltersOpen] = createSignal(false);

  return (
    <QueryView query={whole} missing={() => <NotFound title={t().missing.edition} detail={t().missing.editionDetail} heading={2} />}>
      {(edition) => (
        <>
          <EditionTitle title={edition.edition.title} />
          <h2 class="edition-title">{edition.edition.title}</h2>
          <EditionMeta edition={edition.edition} />
          <EditionHeadline slug={props.slug} />
          <div class="ranking-actions">
            <button type="button" class="filters-toggle button--ghost" aria-expanded={filtersOpen()} aria-controls="ranking-filters" onClick={() => setFiltersOpen(!filtersOpen())}>
              {t().insights.filtersButton}
            </button>
            <div class="toolbar">
              <Downloads what="edition" files={FILE_FORMATS.map((format) => ({ format, href: editionFileUrl(props.slug, filters(), format) }))} />
              <a href={editionJsonUrl(props.slug, filters())}>{m().downloadJson}</a>
              <A href={`/embed?edition=${encodeURIComponent(props.slug)}${filterSuffix(filters())}`}>{t().nav.embed}</A>
            </div>
          </div>
          <form id="ranking-filters" class="form-row filters" classList={{ 'is-open': filtersOpen() }} role="search" aria-label={m().filters} onSubmit={(event) => event.preventDefault()}>
            <div class="field">
              <label for="f-kind">{m().category}</label>
              <select id="f-kind" value={params.kind ?? ''} onChange={(e) => set('kind', e.currentTarget.value)}>
                <option value="">{t().app.all}</option>
                <For each={choices().kinds}>{([value, text]) => <option value={value}>{text}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="f-sector">{m().sector}</label>
              <select id="f-sector" value={params.sector ?? ''} onChange={(e) => set('sector', e.currentTarget.value)}>
                <option value="">{t().app.all}</option>
                <For each={choices().sectors}>{([value, text]) => <option value={value}>{text}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="f-municipality">{m().municipality}</label>
              <select id="f-municipality" value={params.municipality ?? ''} onChange={(e) => set('municipality', e.currentTarget.value)}>
                <option value="">{t().app.all}</option>
                <For each={choices().municipalities}>{([value, text]) => <option value={value}>{text}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="f-search">{m().searchLabel}</label>
              <input id="f-search" type="search" placeholder={m().searchPlaceholder} value={params.q ?? ''} onInput={(e) => set('q', e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="f-sort">{m().sortBy}</label>
              <select id="f-sort" value={sort()} onChange={(e) => set('sort', e.currentTarget.value === 'rank' ? '' : e.currentTarget.value)}>
                <option value="rank">{m().sortRank}</option>
                <option value="score">{m().sortScore}</option>
                <option value="name">{m().sortName}</option>
                <option value="change">{m().sortChange}</option>
              </select>
            </div>
            <button type="button" class="button--ghost" onClick={() => setParams({ kind: undefined, sector: undefined, municipality: undefined, q: undefined, sort: undefined }, { replace: true })}>
              {m().resetFilters}
            </button>
          </form>

          <QueryView query={filtered}>{(view) => <EditionRows view={view} search={params.q} sort={sort()} />}</QueryView>

          <Show when={props.editions.length > 1}>
            <h2>{m().otherEditions}</h2>
            <ul>
              <For each={props.editions}>
                {(other) => (
                  <li>
                    <A href={`/rankings/${encodeURIComponent(other.slug)}`} aria-current={other.slug === props.slug ? 'page' : undefined}>
                      {other.title}
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </>
      )}
    </QueryView>
  );
}

const filterSuffix = (filters: RankingFilters) =>
  Object.entries(filters)
    .filter(([, value]) => value)
    .map(([key, value]) => `&${key}=${encodeURIComponent(value!)}`)
    .join('');

/** Names the edition in the tab (editions would otherwise share the page heading). */
function EditionTitle(props: { title: string }) {
  usePageTitle(() => [props.title]);
  return null;
}

/** Public home: the latest published ranking edition (or the one in the URL) with filters, sort, search and CSV. */
export function RankingPage() {
  const params = useParams<{ slug?: string }>();
  const editions = useQuery(() => ({ queryKey: ['public', 'editions'], queryFn: fetchEditions }));
  return (
    <section aria-labelledby="ranking-title">
      <h1 id="ranking-title">{t().ranking.title}</h1>
      <p class="muted tagline">{t().app.tagline}</p>
      <QueryView query={editions} empty={(list) => list.length === 0 && !params.slug} emptyDetail={t().ranking.noEditions}>
        {(list) => (
          <Show when={params.slug ?? list[0]?.slug} keyed>
            {(slug) => <EditionPage slug={slug} editions={list} />}
          </Show>
        )}
      </QueryView>
    </section>
  );
}
