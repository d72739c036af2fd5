import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Index, Show } from 'solid-js';
import { trpc, queries, invalidate, type RouterOutputs } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime, REGION_TIME_ZONE } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { RescoreNow } from './RescoreNow';
import { QueryTable } from '../../components/QueryTable';

type ManualCriterion = RouterOutputs['scoring']['manualCriteria'][number];
type Assessment = RouterOutputs['scoring']['manualAssessments'][number];
interface ChosenAccount {
  accountId: number;
  canonicalUrl: string;
  organizationName: string;
  applicableCodes: string[];
}

/** Today in the region's time zone as YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: REGION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A monitor's choice: a score on the criterion's scale, or "does not apply to this page". */
type Choice = number | 'not_applicable';

/** pass / partial / fail of a score under the criterion's thresholds (manual scales grow upwards). */
function outcomeOf(criterion: ManualCriterion, score: number | null): 'pass' | 'partial' | 'fail' | 'not_applicable' {
  if (score === null) return 'not_applicable';
  if (score >= criterion.pass) return 'pass';
  return score >= criterion.partial ? 'partial' : 'fail';
}

const scaleOf = (criterion: ManualCriterion) => Array.from({ length: criterion.scale.max - criterion.scale.min + 1 }, (_, i) => criterion.scale.max - i);

function CriterionForm(props: { account: ChosenAccount; criterion: ManualCriterion; current: Assessment | undefined }) {
  const client = useQueryClient();
  const m = () => t().scoring;
  const c = () => props.criterion;
  const text = (value: { ru: string; en: string }) => (locale() === 'ru' ? value.ru : value.en);
  const [score, setScore] = createSignal<Choice>();
  const needsReason = () => score() === 'not_applicable' && note().trim() === '';
  const [note, setNote] = createSignal('');
  const [validFrom, setValidFrom] = createSignal(today());
  const record = useMutation(() => ({
    mutationFn: (input: { score: Choice; note: string; validFrom: string }) =>
      trpc.scoring.recordManual.mutate({
        accountId: props.account.accountId,
        criterionCode: c().code,
        score: input.score === 'not_applicable' ? null : input.score,
        validFrom: input.validFrom,
        note: input.note || undefined,
      }),
    onSuccess: () => {
      invalidate(client, queries.scoring.manualAssessments.queryKey(), queries.scoring.manualAccounts.queryKey());
    },
  }));
  const idBase = () => `manual-${props.account.accountId}-${c().code}`;
  const applicable = () => props.account.applicableCodes.includes(c().code);

  return (
    <li class="card" data-testid="manual-criterion" data-code={c().code}>
      <h3 id={`${idBase()}-title`}>{text(c().title)}</h3>
      <p>{text(c().description)}</p>
      <p class="muted">
        {m().scale}: {text(c().guidance)}
      </p>
      <p data-testid="manual-current">
        <strong>{m().current}:</strong>{' '}
        <Show when={props.current} fallback={<span class="muted">{m().notAssessed}</span>}>
          {(current) => (
            <>
              <span class={{ pass: 'pass', fail: 'fail', partial: 'warn', not_applicable: 'muted' }[outcomeOf(c(), current().score)]}>
                {label(m().outcomes, outcomeOf(c(), current().score))}
                {current().score === null ? '' : ` (${current().score})`}
              </span>{' '}
              <span class="muted">
                · {m().validFrom} {formatDate(current().validFrom, locale())} · {fill(m().assessedBy, { who: current().assessedBy ?? '—', when: formatDateTime(current().assessedAt, locale()) })}
              </span>
              <Show when={current().note}>
                <span class="muted"> — {current().note}</span>
              </Show>
            </>
          )}
        </Show>
      </p>
      <Show
        when={applicable()}
        fallback={
          <p class="muted" data-testid="manual-not-applicable">
            {m().notApplicable}
          </p>
        }
      >
        <form
          aria-labelledby={`${idBase()}-title`}
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = score();
            if (chosen === undefined || needsReason()) return;
            record.mutate({ score: chosen, note: note().trim(), validFrom: validFrom() });
          }}
        >
          <fieldset>
            <legend>
              {m().result}: {text(c().title)}
            </legend>
            <div class="toolbar" role="radiogroup" aria-label={`${m().result}: ${text(c().title)}`}>
              <For each={scaleOf(c())}>
                {(value) => (
                  <label>
                    <input type="radio" name={`${idBase()}-score`} value={value} checked={score() === value} onChange={() => setScore(value)} /> {label(m().outcomes, outcomeOf(c(), value))} ({value})
                  </label>
                )}
              </For>
              <label>
                <input type="radio" name={`${idBase()}-score`} value="not_applicable" checked={score() === 'not_applicable'} onChange={() => setScore('not_applicable')} />{' '}
                {m().outcomes.not_applicable}
              </label>
            </div>
          </fieldset>
          <div class="toolbar">
            <label for={`${idBase()}-from`}>{m().validFrom}</label>
            <input id={`${idBase()}-from`} type="date" required value={validFrom()} onInput={(event) => setValidFrom(event.currentTarget.value)} />
          </div>
          <label for={`${idBase()}-note`}>{score() === 'not_applicable' ? m().reasonRequired : m().comment}</label>
          <textarea id={`${idBase()}-note`} rows={2} maxLength={2000} required={score() === 'not_applicable'} value={note()} onInput={(event) => setNote(event.currentTarget.value)} />
          <div class="toolbar">
            <button type="submit" disabled={record.isPending || score() === undefined || needsReason()}>
              {m().save}
            </button>
            <Show when={score() === undefined}>
              <span class="muted">{m().chooseResult}</span>
            </Show>
          </div>
          <MutationError error={record.error} />
          <Show when={record.data}>
            {(done) => (
              <p class="notice notice--ok" role="status">
                {fill(m().saved, { count: done().rescored })}
              </p>
            )}
          </Show>
        </form>
      </Show>
    </li>
  );
}

function AccountCriteria(props: { account: ChosenAccount }) {
  const criteria = useQuery(() => ({ ...queries.scoring.manualCriteria.queryOptions(), staleTime: 600_000 }));
  const assessments = useQuery(() => queries.scoring.manualAssessments.queryOptions({ accountId: props.account.accountId }));
  return (
    <section aria-labelledby="manual-criteria-title" data-testid="manual-criteria">
      <h2 id="manual-criteria-title">
        {t().scoring.criteriaTitle}: {props.account.organizationName} ·{' '}
        <a href={props.account.canonicalUrl} rel="noopener noreferrer">
          {props.account.canonicalUrl}
        </a>
      </h2>
      <QueryView query={criteria} empty={(list) => list.length === 0}>
        {(list) => (
          <ul class="plain">
            <Index each={list}>{(criterion) => <CriterionForm account={props.account} criterion={criterion()} current={assessments.data?.find((a) => a.criterionCode === criterion().code)} />}</Index>
          </ul>
        )}
      </QueryView>
    </section>
  );
}

/** Manual criteria scoring: pick a page (those awaiting scores first), then score each manual criterion of the methodology. */
export default function ScoringPage() {
  const [search, setSearch] = createSignal('');
  const [chosen, setChosen] = createSignal<ChosenAccount>();
  const accounts = useQuery(() => {
    const input = { search: search().trim() || undefined, limit: 200 };
    return { ...queries.scoring.manualAccounts.queryOptions(input) };
  });
  const m = () => t().scoring;
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="scoring-title">
        <h1 id="scoring-title">{m().title}</h1>
        <p class="muted">{m().intro}</p>
        <RescoreNow />
        <form role="search" aria-label={m().search} class="toolbar" onSubmit={(event) => event.preventDefault()}>
          <label for="scoring-search">{m().search}</label>
          <input id="scoring-search" type="search" value={search()} onInput={(event) => setSearch(event.currentTarget.value)} />
        </form>
        <QueryTable
          query={accounts}
          caption={m().accountsCaption}
          testId="manual-accounts"
          columns={[
            { header: m().organization, cell: (row) => row.organizationName },
            {
              header: m().page,
              cell: (row) => (
                <>
                  {label(t().networks, row.network)}:{' '}
                  <a href={row.canonicalUrl} rel="noopener noreferrer">
                    {row.canonicalUrl}
                  </a>
                </>
              ),
            },
            {
              header: m().progress,
              numeric: true,
              cell: (row) => (
                <span class={row.assessed < row.applicable ? 'warn' : 'pass'}>
                  {row.assessed} / {row.applicable}
                </span>
              ),
            },
            { header: m().lastAssessed, cell: (row) => (row.lastAssessedAt ? formatDateTime(row.lastAssessedAt, locale()) : '—') },
            {
              header: t().app.actions,
              cell: (row) => (
                <button
                  type="button"
                  class="button--ghost"
                  aria-pressed={chosen()?.accountId === row.accountId}
                  aria-label={`${m().choose}: ${row.canonicalUrl}`}
                  onClick={() => setChosen({ accountId: row.accountId, canonicalUrl: row.canonicalUrl, organizationName: row.organizationName, applicableCodes: row.applicableCodes })}
                >
                  {m().choose}
                </button>
              ),
            },
          ]}
        />
        <Show when={chosen()} keyed>
          {(account) => <AccountCriteria account={account} />}
        </Show>
      </section>
    </RequireRole>
  );
}
