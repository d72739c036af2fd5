import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { PAGE_REPORT_DECISIONS, PAGE_REPORT_STATUSES, type PageReportDecision, type PageReportStatus } from '@most/domain/browser';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { CardList, Fact } from '../../components/CardList';
import { formatDateTime } from '../../format';
import { label, locale, t } from '../../i18n';

const QUEUE_KEY = 'pageReports.list';

function DecideReport(props: { id: number }) {
  const client = useQueryClient();
  const [note, setNote] = createSignal('');
  const decide = useMutation(() => ({
    mutationFn: (decision: PageReportDecision) => trpc.pageReports.decide.mutate({ id: props.id, decision, note: note() }),
    onSuccess: () => void client.invalidateQueries({ queryKey: [QUEUE_KEY] }),
  }));
  const m = () => t().pageReports;
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <div class="field">
        <label for={`report-note-${props.id}`}>{m().note}</label>
        <textarea id={`report-note-${props.id}`} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <div class="toolbar">
        <For each={PAGE_REPORT_DECISIONS}>
          {(decision) => (
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate(decision)}>
              {label(m().decisions, decision)}
            </button>
          )}
        </For>
      </div>
      <MutationError error={decide.error} />
    </form>
  );
}

/** Visitors' reports of suspicious pages: new ones first; a monitor records a decision (audited). */
export default function PageReportsPage() {
  const [status, setStatus] = createSignal<PageReportStatus | ''>('new');
  const reports = useQuery(() => ({ queryKey: [QUEUE_KEY, status()], queryFn: () => trpc.pageReports.list.query({ status: status() || undefined }) }));
  const m = () => t().pageReports;
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="page-reports-title">
        <h1 id="page-reports-title">{m().title}</h1>
        <p>{m().intro}</p>
        <div class="field">
          <label for="page-reports-status">{m().status}</label>
          <select id="page-reports-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value as PageReportStatus | '')}>
            <option value="">{t().app.all}</option>
            <For each={PAGE_REPORT_STATUSES}>{(value) => <option value={value}>{label(m().statuses, value)}</option>}</For>
          </select>
        </div>
        <CardList
          query={reports}
          testId="page-reports"
          itemTestId="page-report"
          heading={(item) => (
            <a href={item.canonicalUrl ?? item.url} rel="noopener noreferrer nofollow">
              {item.canonicalUrl ?? item.url}
            </a>
          )}
          facts={(item) => (
            <>
              <Fact term={m().receivedAt}>{formatDateTime(item.createdAt, locale())}</Fact>
              <Fact term={m().inRegistry}>
                <Show when={item.registry} fallback={m().notInRegistry}>
                  {(registry) => (
                    <>
                      <a href={`/organizations/${encodeURIComponent(registry().organizationCode)}`}>{registry().organizationName}</a>:{' '}
                      {registry().official ? m().registryOfficial : m().registryNotOfficial}
                    </>
                  )}
                </Show>
              </Fact>
              <Fact term={m().status} testId="page-report-status">
                {label(m().statuses, item.status)}
              </Fact>
              <Show when={item.decidedAt}>
                {(at) => (
                  <Fact term={m().decidedAt}>
                    {formatDateTime(at(), locale())}
                    <Show when={item.decidedBy}>{(who) => `, ${who()}`}</Show>
                  </Fact>
                )}
              </Show>
            </>
          )}
        >
          {(item) => (
            <>
              <p class="citizen-text">
                <strong>{m().reason}:</strong> {item.reason}
              </p>
              <Show when={item.decisionNote}>
                <p>{item.decisionNote}</p>
              </Show>
              <Show when={item.status === 'new'}>
                <DecideReport id={item.id} />
              </Show>
            </>
          )}
        </CardList>
      </section>
    </RequireRole>
  );
}
