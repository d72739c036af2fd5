import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { Form, Field, TextField } from '../../components/Form';

const KINDS = ['week', 'month', 'quarter'] as const;
type Kind = (typeof KINDS)[number];

/** "Rescore now" for a period: queued through the queue, then its state and result until done. */
export function RescoreNow() {
  const client = useQueryClient();
  const o = () => t().operations;
  const [kind, setKind] = createSignal<Kind>('month');
  const [date, setDate] = createSignal('');
  const start = useMutation(() => ({ mutationFn: () => trpc.operations.rescore.mutate({ periodKind: kind(), date: date() || undefined }) }));
  const status = useQuery(() => {
    const jobId = start.data?.jobId ?? '';
    return {
      ...queries.operations.rescoreStatus.queryOptions({ jobId }),
      enabled: jobId !== '',
      refetchInterval: (query) => {
        const state = query.state.data?.state;
        return state === 'completed' || state === 'failed' || state === 'unknown' ? false : 1_000;
      },
    };
  });
  // Once per finished job, screens showing scores read them again.
  let refreshedFor = '';
  createEffect(() => {
    const done = status.data;
    if (done?.state === 'completed' && done.jobId !== refreshedFor) {
      refreshedFor = done.jobId;
      invalidate(client, queries.scoring.manualAccounts.queryKey());
    }
  });
  const running = () => start.isPending || status.data?.state === 'waiting' || status.data?.state === 'active';
  return (
    <section class="card" aria-labelledby="rescore-title" data-testid="rescore-now">
      <h2 id="rescore-title">{o().rescoreTitle}</h2>
      <p class="muted">{o().rescoreHint}</p>
      <Form
        class="form-row"
        onSubmit={() => {
          if (!running()) start.mutate();
        }}
      >
        <Field id="rescore-kind" label={o().periodKind}>
          <select id="rescore-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <For each={KINDS}>{(value) => <option value={value}>{label(o().periodKinds, value)}</option>}</For>
          </select>
        </Field>
        <TextField id="rescore-date" label={o().date} type="date" value={date()} onInput={setDate} />
        <button type="submit" disabled={running()}>
          {o().rescore}
        </button>
      </Form>
      <MutationError error={start.error} />
      <div role="status" aria-live="polite" data-testid="rescore-status">
        <Show when={status.data}>
          {(s) => (
            <>
              <p class={s().state === 'failed' || s().state === 'unknown' ? 'fail' : s().state === 'completed' ? 'pass' : undefined}>{label(o().rescoreStates, s().state)}</p>
              <Show when={s().result}>
                {(r) => (
                  <p>
                    {fill(o().rescoreResult, {
                      accounts: formatNumber(r().accounts, locale(), 0),
                      organizations: formatNumber(r().organizations, locale(), 0),
                      questions: formatNumber(r().questions, locale(), 0),
                      seconds: formatNumber(r().durationMs / 1000, locale(), 1),
                    })}
                  </p>
                )}
              </Show>
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
