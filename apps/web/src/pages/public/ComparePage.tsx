import { A, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { COMPARE_MAX, COMPARE_MIN } from '@most/domain/insights';
import { comparisonUrl, fetchComparison, fetchEdition, fetchInsights, type CompareKind, type ComparisonView } from '../../api/public';
import { QueryView } from '../../components/State';
import { Downloads } from './Downloads';
import { usePageTitle } from '../../layout/title';
import { formatNumber } from '../../format';
import { fill, locale, t } from '../../i18n';

type Params = { edition?: string; organizations?: string; municipalities?: string };

const splitCodes = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean)
    .slice(0, COMPARE_MAX);

function ComparisonTable(props: { view: ComparisonView }) {
  const m = () => t().insights;
  return (
    <div class="table-wrap" tabindex="0">
      <table data-testid="compare-table" class="compare">
        <caption>
          {m().compareTable}: {props.view.edition.title}
        </caption>
        <thead>
          <tr>
            <th scope="col">{m().criterion}</th>
            <For each={props.view.columns}>
              {(column) => (
                <th scope="col" class="num">
                  <A href={`/${props.view.kind}/${encodeURIComponent(column.code)}`}>{column.name}</A>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="compare-total">
            <th scope="row">{m().total}</th>
            <For each={props.view.columns}>
              {(column) => (
                <td class="num">
                  <Show when={column.score !== null} fallback={<span class="muted">{column.unranked ?? m().notRanked}</span>}>
                    <strong>{formatNumber(column.score, locale())}</strong>
                    <Show when={column.rank !== null}>
                      <div class="muted">
                        {t().ranking.rank}: {column.rank}
                      </div>
                    </Show>
                  </Show>
                </td>
              )}
            </For>
          </tr>
          <For each={props.view.criteria}>
            {(criterion) => (
              <tr data-testid="compare-criterion">
                <th scope="row">{criterion.name}</th>
                <For each={criterion.cells}>
                  {(cell) => (
                    <td class="num">
                      <Show when={cell.status === 'measured' ? cell : null} fallback={<span class="muted">{t().insights.notMeasured}</span>}>
                        {(measured) => formatNumber(measured().score, locale())}
                      </Show>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** 2–5 organizations or municipalities side by side on every criterion; the URL holds the choice, so it can be shared. */
export default function ComparePage() {
  const [params, setParams] = useSearchParams<Params>();
  const m = () => t().insights;
  usePageTitle(() => [m().compareTitle]);
  const kind = (): CompareKind => (params.municipalities !== undefined && params.organizations === undefined ? 'municipalities' : 'organizations');
  const chosen = () => splitCodes(kind() === 'organizations' ? params.organizations : params.municipalities);
  const slug = () => params.edition || 'latest';
  const edition = useQuery(() => ({ queryKey: ['public', 'edition', slug(), {}], queryFn: () => fetchEdition(slug()), staleTime: Infinity }));
  const insights = useQuery(() => ({ queryKey: ['public', 'insights', slug()], queryFn: () => fetchInsights(slug()), staleTime: 60_000, enabled: kind() === 'municipalities' }));
  const comparison = useQuery(() => ({
    queryKey: ['public', 'compare', slug(), kind(), chosen()],
    queryFn: () => fetchComparison(kind(), chosen(), slug()),
    enabled: chosen().length >= COMPARE_MIN,
  }));
  /** Everything that can be added: code → name, sorted by name. */
  const choices = createMemo(() => {
    const list: [string, string][] =
      kind() === 'organizations'
        ? [...(edition.data?.ranked.rows ?? []), ...(edition.data?.notEnoughData ?? [])].map((r) => [r.organizationCode, r.organizationName])
        : (insights.data?.municipalities ?? []).map((x) => [x.code, x.name]);
    return list.sort((a, b) => a[1].localeCompare(b[1], 'ru'));
  });
  const nameOf = (code: string) => choices().find(([c]) => c === code)?.[1] ?? code;
  const [pick, setPick] = createSignal('');
  const write = (codes: string[]) =>
    setParams({ organizations: kind() === 'organizations' ? codes.join(',') : undefined, municipalities: kind() === 'municipalities' ? codes.join(',') : undefined }, { replace: true });
  const switchKind = (next: CompareKind) => setParams({ organizations: next === 'organizations' ? '' : undefined, municipalities: next === 'municipalities' ? '' : undefined }, { replace: true });

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">{m().compareTitle}</h1>
      <p class="muted">{m().compareLead}</p>
      <fieldset class="compare-kind">
        <legend class="visually-hidden">{m().compareTitle}</legend>
        <label>
          <input type="radio" name="compare-kind" checked={kind() === 'organizations'} onChange={() => switchKind('organizations')} /> {m().compareOrganizations}
        </label>
        <label>
          <input type="radio" name="compare-kind" checked={kind() === 'municipalities'} onChange={() => switchKind('municipalities')} /> {m().compareMunicipalities}
        </label>
      </fieldset>
      <ul class="chosen" data-testid="chosen">
        <For each={chosen()}>
          {(code) => (
            <li>
              {nameOf(code)}{' '}
              <button type="button" class="button--ghost" aria-label={fill(m().compareRemove, { name: nameOf(code) })} onClick={() => write(chosen().filter((c) => c !== code))}>
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={chosen().length < COMPARE_MAX} fallback={<p class="muted">{m().compareFull}</p>}>
        <form
          class="form-row"
          onSubmit={(event) => {
            event.preventDefault();
            if (pick() && !chosen().includes(pick())) write([...chosen(), pick()]);
            setPick('');
          }}
        >
          <div class="field">
            <label for="compare-pick">{kind() === 'organizations' ? m().comparePick : m().municipality}</label>
            <select id="compare-pick" value={pick()} onChange={(e) => setPick(e.currentTarget.value)}>
              <option value="">—</option>
              <For each={choices().filter(([code]) => !chosen().includes(code))}>{([code, name]) => <option value={code}>{name}</option>}</For>
            </select>
          </div>
          <button type="submit" disabled={!pick()}>
            {m().compareAdd}
          </button>
        </form>
      </Show>
      <Show when={chosen().length >= COMPARE_MIN} fallback={<p class="state">{m().compareNeedMore}</p>}>
        <QueryView query={comparison}>
          {(view) => (
            <>
              <ComparisonTable view={view} />
              <Downloads what="comparison" files={(['xlsx', 'csv-excel'] as const).map((format) => ({ format, href: comparisonUrl(kind(), chosen(), view.edition.slug, format) }))} />
            </>
          )}
        </QueryView>
      </Show>
    </section>
  );
}
