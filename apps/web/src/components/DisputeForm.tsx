import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../api/trpc';
import { t } from '../i18n';
import { Form, FormActions } from '../components/Form';

type Reason = 'answered_elsewhere' | 'not_a_question' | 'criterion_wrong' | 'other';
const REASONS: Reason[] = ['criterion_wrong', 'answered_elsewhere', 'not_a_question', 'other'];

export type DisputeTarget = { commentId: number } | { criterion: { code: string; periodKind: 'week' | 'month' | 'quarter'; periodStart: string } };

/** An agency member disputes one finding (a criterion result or a question) with a reason. */
export function DisputeForm(props: { accountId: number; target: DisputeTarget; idSuffix: string; onDone?: () => void }) {
  const client = useQueryClient();
  const [reason, setReason] = createSignal<Reason>('criterion_wrong');
  const [text, setText] = createSignal('');
  const raise = useMutation(() => ({
    mutationFn: () => trpc.disputes.raise.mutate({ accountId: props.accountId, ...props.target, reason: reason(), text: text() }),
    onSuccess: () => {
      invalidate(client, queries.disputes.mine.queryKey());
      props.onDone?.();
    },
  }));
  const m = () => t().agency;
  return (
    <Form class="card" onSubmit={() => raise.mutate()}>
      <Show
        when={!raise.isSuccess}
        fallback={
          <p class="notice notice--ok" role="status">
            {m().disputeSent}
          </p>
        }
      >
        <div class="field">
          <label for={`dispute-reason-${props.idSuffix}`}>{m().disputeKind}</label>
          <select id={`dispute-reason-${props.idSuffix}`} value={reason()} onChange={(e) => setReason(e.currentTarget.value as Reason)}>
            <For each={REASONS}>{(value) => <option value={value}>{(m().disputeReasons as Record<string, string>)[value]}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for={`dispute-text-${props.idSuffix}`}>{m().disputeReason}</label>
          <textarea id={`dispute-text-${props.idSuffix}`} required maxLength={4000} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
        </div>
        <FormActions label={m().sendDispute} pending={raise.isPending} error={raise.error} />
      </Show>
    </Form>
  );
}
