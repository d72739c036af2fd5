import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { useCriteria } from '../../api/criteria';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { formatDateTime, formatPeriod } from '../../format';
import { label, locale, t } from '../../i18n';
import { Field } from '../../components/Form';
import { QueryList } from '../../components/QueryList';

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
        <QueryList query={inbox} class="plain" testId="disputes-inbox">
          {(item) => (
            <li class="card" data-testid="dispute">
              <h2>
                {item.organizationName}: {item.criterionCode ? criteria.title(item.criterionCode) : `${m().comment} #${item.commentId}`}
              </h2>
              <dl class="meta">
                <dt>{a().page}</dt>
                <dd>
                  <a href={item.accountUrl} rel="noopener noreferrer">
                    {item.accountUrl}
                  </a>
                </dd>
                <dt>{a().raisedAt}</dt>
                <dd>{formatDateTime(item.raisedAt, locale())}</dd>
                <Show when={item.periodStart}>
                  <dt>{a().period}</dt>
                  <dd>{formatPeriod(item.periodKind, item.periodStart!, t().periods, locale())}</dd>
                </Show>
                <dt>{a().disputeKind}</dt>
                <dd>{label(a().disputeReasons, item.reasonKind)}</dd>
                <dt>{a().status}</dt>
                <dd>{label(a().disputeStatuses, item.status)}</dd>
              </dl>
              <p class="citizen-text">{item.text}</p>
              <Show when={item.status === 'open'} fallback={<p>{item.decisionReason}</p>}>
                <DecideForm disputeId={item.id} />
              </Show>
            </li>
          )}
        </QueryList>
      </section>
    </RequireRole>
  );
}
