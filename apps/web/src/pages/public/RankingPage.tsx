import { A, useParams, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, For, Show } from 'solid-js';
import { editionCsvUrl, editionJsonUrl, fetchEdition, fetchEditions, type Edition, type EditionRow, type RankingFilters } from '../../api/public';
import { QueryView } from '../../components/State';
import { formatDate, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { distinct, viewRows, type RankingSort } from './ranking-view';

const SORTS: RankingSort[] = ['rank', 'score', 'name', 'change'];

function Change(props: { value: number | null }) {
  return (
    <Show when={props.value !== null && props.value !== 0} fallback={<span class="muted">—</span>}>
      <span class={props.value! > 0 ? 'up' : 'down'}>
        {props.value! > 0 ? '▲' : '▼'} {Math.abs(props.value!)}
      </span>
    </Show>
  );
}

function RankingTable(props: { rows: EditionRow[]; caption: string; ranked: boolean }) {
  const m = () => t().ranking;
  return (
    <div class="table-wrap">
      <table class="stack" data-testid={props.ranked ? 'ranking-table' : 'not-enough-table'}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <Show when={props.ranked}>
              <th scope="col" class="num">{m().rank}</th>
            </Show>
            <th scope="col">{m().organization}</th>
            <th scope="col">{m().municipality}</th>
            <Show when={props.ranked}>
              <th scope="col" class="num">{m().score}</th>
              <th scope="col" class="num">{m().change}</th>
            </Show>
            <th scope="col" class="num">{m().coverage}</th>
            <th scope="col" class="num">{m().sample}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr data-testid="ranking-row">
                <Show when={props.ranked}>
                  <td class="num" data-label={m().rank}>{row.rank ?? '—'}</td>
                </Show>
                <td data-label={m().organization}>
                  <A href={`/organizations/${encodeURIComponent(row.organizationId)}`}>{row.organizationName}</A>
                  <div class="muted">{label(t().sectors, row.sector)}</div>
                </td>
                <td data-label={m().municipality}>{row.municipality ?? '—'}</td>
                <Show when={props.ranked}>
                  <td class="num" data-label={m().score}>{formatNumber(row.score, locale())}</td>
                  <td class="num" data-label={m().change}>
                    <Change value={row.rankChange} />
                  </td>
                </Show>
                <td class="num" data-label={m().coverage} title={`${row.accountsScored} ${m().coverageHint} ${row.accountsTotal}`}>
                  {row.accountsScored}/{row.accountsTotal}
                </td>
                <td class="num" data-label={m().sample}>{row.sampleSize}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function EditionView(props: { edition: Edition; editions: readonly { id: string; title: string }[] }) {
  const [params, setParams] = useSearchParams<{ category?: string; sector?: string; municipality?: string; q?: string; sort?: string }>();
  const m = () => t().ranking;
  const sort = (): RankingSort => (SORTS.includes(params.sort as RankingSort) ? (params.sort as RankingSort) : 'rank');
  const filters = (): RankingFilters => ({ category: params.category, sector: params.sector, municipality: params.municipality });
  const visible = createMemo(() => viewRows(props.edition.rows, { ...filters(), search: params.q, sort: sort() }));
  const ranked = () => visible().filter((row) => !row.notEnoughData);
  const unranked = () => visible().filter((row) => row.notEnoughData);
  const options = createMemo(() => ({
    categories: distinct(props.edition.rows, (row) => row.category),
    sectors: distinct(props.edition.rows, (row) => row.sector),
    municipalities: distinct(props.edition.rows, (row) => row.municipality),
  }));
  const set = (key: string, value: string) => setParams({ [key]: value || undefined }, { replace: true });

  return (
    <>
      <dl class="meta">
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

      <form class="form-row" role="search" aria-label={m().filters} onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="f-category">{m().category}</label>
          <select id="f-category" value={params.category ?? ''} onChange={(e) => set('category', e.currentTarget.value)}>
            <option value="">{t().app.all}</option>
            <For each={options().categories}>{(value) => <option value={value}>{label(t().kinds, value)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-sector">{m().sector}</label>
          <select id="f-sector" value={params.sector ?? ''} onChange={(e) => set('sector', e.currentTarget.value)}>
            <option value="">{t().app.all}</option>
            <For each={options().sectors}>{(value) => <option value={value}>{label(t().sectors, value)}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="f-municipality">{m().municipality}</label>
          <select id="f-municipality" value={params.municipality ?? ''} onChange={(e) => set('municipality', e.currentTarget.value)}>
            <option value="">{t().app.all}</option>
            <For each={options().municipalities}>{(value) => <option value={value}>{value}</option>}</For>
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
        <button type="button" class="button--ghost" onClick={() => setParams({ category: undefined, sector: undefined, municipality: undefined, q: undefined, sort: undefined }, { replace: true })}>
          {m().resetFilters}
        </button>
      </form>

      <div class="toolbar">
        <a class="button" href={editionCsvUrl(props.edition.id, filters())} download="" data-testid="csv-link">
          {m().downloadCsv}
        </a>
        <a href={editionJsonUrl(props.edition.id, filters())}>{m().downloadJson}</a>
        <span class="muted" role="status" aria-live="polite" data-testid="row-count">
          {fill(m().rows, { n: visible().length })}
        </span>
      </div>

      <Show when={visible().length > 0} fallback={<p class="state">{m().noRows}</p>}>
        <Show when={ranked().length > 0}>
          <RankingTable rows={ranked()} caption={props.edition.title} ranked />
        </Show>
        <Show when={unranked().length > 0}>
          <h2>{m().notEnoughData}</h2>
          <p class="muted">{m().notEnoughDataHint}</p>
          <RankingTable rows={unranked()} caption={m().notEnoughData} ranked={false} />
        </Show>
      </Show>

      <Show when={props.editions.length > 1}>
        <h2>{m().otherEditions}</h2>
        <ul>
          <For each={props.editions}>
            {(edition) => (
              <li>
                <A href={`/editions/${encodeURIComponent(edition.id)}`}>{edition.title}</A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

/** Public home: the latest published ranking edition (or the one in the URL) with filters, sort, search and CSV. */
export function RankingPage() {
  const params = useParams<{ editionId?: string }>();
  const editions = useQuery(() => ({ queryKey: ['public', 'editions'], queryFn: fetchEditions }));
  const editionId = () => params.editionId ?? editions.data?.[0]?.id;
  const edition = useQuery(() => ({
    queryKey: ['public', 'edition', editionId()],
    queryFn: () => fetchEdition(editionId()!),
    enabled: !!editionId(),
  }));

  return (
    <section aria-labelledby="ranking-title">
      <h1 id="ranking-title">{t().ranking.title}</h1>
      <p class="muted">{t().app.tagline}</p>
      <QueryView query={editions} empty={(list) => list.length === 0 && !params.editionId} emptyDetail={t().ranking.noEditions}>
        {(list) => <QueryView query={edition}>{(data) => <EditionView edition={data} editions={list} />}</QueryView>}
      </QueryView>
    </section>
  );
}
