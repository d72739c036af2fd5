import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useCriteria } from '../../api/criteria';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { formatDateTime, formatPeriod } from '../../format';
import { label, locale, t } from '../../i18n';
import { Field } from '../../components/Form';
import { CardList, Fact, PageFact } from '../../components/CardList';

type Status = 'open' | 'accepted' | 'rejected';

function DecideForm(props: { disputeId: number }) {
  const client = useQueryClient();
  const [reason, setReason] = createSignal('');
  const decide = useMutation(() => ({
    mutationFn: (accept: boolean) => trpc.disputes.decide.mutate({ disputeId: props.disputeId, accept, reason: reason() }),
    onSuccess: () => invalidate(client, queries.disputes.inbox.queryKey()),
  }));
  const m = () => t().monitor;
  let form!: HTMLFormElement;
  const submit = (accept: boolean) => {
    if (form.reportValidity()) decide.mutate(accept);
  };
  return (
    <form ref={form} onSubmit={(event) => event.preventDefault()}>
      <div class="field">
        <label for={`decision-${props.disputeId}`}>{m().decisionReason}</label>
        <textarea id={`decision-${props.disputeId}`} required maxLength={4000} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <div class="toolbar">
        <button type="button" disabled={decide.isPending} onClick={() => submit(true)}>
          {m().accept}
        </button>
        <button type="button" class="button--danger" disabled={decide.isPending} onClick={() => submit(false)}>
          {m().reject}
        </button>
      </div>
      <MutationError error={decide.error} />
    </form>
  );
}

/** Disputes raised by agencies: open first; a monitor accepts (the account is rescored) or rejects, with a reason. */
export default function DisputesInboxPage() {
  const criteria = useCriteria();
  const [status, setStatus] = createSignal<Status | ''>('open');
  const inbox = useQuery(() => queries.disputes.inbox.queryOptions({ status: status() || undefined, limit: 200 }));
  const m = () => t().monitor;
  const a = () => t().agency;

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="disputes-title">
        <h1 id="disputes-title">{m().disputesTitle}</h1>
        <Field id="disputes-status" label={a().status}>
          <select id="disputes-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value as Status | '')}>
            <option value="">{t().app.all}</option>
            <For each={['open', 'accepted', 'rejected'] as const}>{(value) => <option value={value}>{label(a().disputeStatuses, value)}</option>}</For>
          </select>
        </Field>
        <CardList
          query={inbox}
          testId="disputes-inbox"
          itemTestId="dispute"
          heading={(item) => (
            <>
              {item.organizationName}: {item.criterionCode ? criteria.title(item.criterionCode) : `${m().comment} #${item.commentId}`}
            </>
          )}
          facts={(item) => (
            <>
              <PageFact term={a().page} url={item.accountUrl} />
              <Fact term={a().raisedAt}>{formatDateTime(item.raisedAt, locale())}</Fact>
              <Show when={item.periodStart}>{(start) => <Fact term={a().period}>{formatPeriod(item.periodKind, start(), t().periods, locale())}</Fact>}</Show>
              <Fact term={a().disputeKind}>{label(a().disputeReasons, item.reasonKind)}</Fact>
              <Fact term={a().status}>{label(a().disputeStatuses, item.status)}</Fact>
            </>
          )}
        >
          {(item) => (
            <>
              <p class="citizen-text">{item.text}</p>
              <Show when={item.status === 'open'} fallback={<p>{item.decisionReason}</p>}>
                <DecideForm disputeId={item.id} />
              </Show>
            </>
          )}
        </CardList>
      </section>
    </RequireRole>
  );
}
