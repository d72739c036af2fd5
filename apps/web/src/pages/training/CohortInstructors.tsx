import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { Form, Field } from '../../components/Form';
import { QueryList } from '../../components/QueryList';

/** Who teaches a cohort: attach an instructor from the users with that role, detach one. */
export function CohortInstructors(props: { cohortId: number }) {
  const client = useQueryClient();
  const attached = useQuery(() => queries.training.monitor.cohortInstructors.queryOptions({ cohortId: props.cohortId }));
  const candidates = useQuery(() => queries.training.monitor.people.queryOptions({ kind: 'instructors' }));
  const [chosen, setChosen] = createSignal('');
  const refresh = () => {
    invalidate(client, queries.training.monitor.cohortInstructors.queryKey(), queries.training.instructor.myCohorts.queryKey());
  };
  const attach = useMutation(() => ({
    mutationFn: (userId: number) => trpc.training.monitor.attachInstructor.mutate({ cohortId: props.cohortId, userId }),
    onSuccess: () => {
      setChosen('');
      refresh();
    },
  }));
  const detach = useMutation(() => ({
    mutationFn: (userId: number) => trpc.training.monitor.detachInstructor.mutate({ cohortId: props.cohortId, userId }),
    onSuccess: refresh,
  }));
  const m = () => t().training;
  const free = () => (candidates.data ?? []).filter((c) => !(attached.data ?? []).some((a) => a.id === c.id));
  const name = (person: { displayName: string; email: string }) => person.displayName || person.email;
  const selectId = `cohort-${props.cohortId}-instructor`;

  return (
    <div data-testid="cohort-instructors">
      <h4>{m().instructors}</h4>
      <QueryList query={attached} emptyDetail={m().noInstructors}>
        {(person) => (
          <li data-testid="cohort-instructor">
            {name(person)} <span class="muted">{person.email}</span>{' '}
            <button type="button" class="button--ghost" aria-label={fill(m().detachInstructorOf, { name: name(person) })} disabled={detach.isPending} onClick={() => detach.mutate(person.id)}>
              {m().detachInstructor}
            </button>
          </li>
        )}
      </QueryList>
      <Show when={candidates.data}>
        {(all) => (
          <Show when={all().length > 0} fallback={<p class="muted">{m().noInstructorUsers}</p>}>
            <Show when={free().length > 0} fallback={<p class="muted">{m().allInstructorsAttached}</p>}>
              <Form
                class="form-row"
                onSubmit={() => {
                  if (chosen()) attach.mutate(Number(chosen()));
                }}
              >
                <Field id={selectId} label={m().instructorToAttach}>
                  <select id={selectId} required value={chosen()} onChange={(e) => setChosen(e.currentTarget.value)}>
                    <option value="">—</option>
                    <For each={free()}>{(person) => <option value={String(person.id)}>{`${name(person)} (${person.email})`}</option>}</For>
                  </select>
                </Field>
                <button type="submit" disabled={!chosen() || attach.isPending}>
                  {m().attachInstructor}
                </button>
              </Form>
            </Show>
          </Show>
        )}
      </Show>
      <MutationError error={attach.error ?? detach.error} />
    </div>
  );
}
