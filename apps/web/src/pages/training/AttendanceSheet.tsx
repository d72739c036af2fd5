import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { trpc, queries, invalidate, type RouterInputs } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { QueryView } from '../../components/State';
import { formatDateTime, formatNumber } from '../../format';
import { locale, t } from '../../i18n';
import { Form } from '../../components/Form';

type Mark = RouterInputs['training']['instructor']['markAttendance']['marks'][number]['status'];
const MARKS: Mark[] = ['present', 'absent', 'excused'];

function Sheet(props: { sessionId: number }) {
  const client = useQueryClient();
  const sheet = useQuery(() => queries.training.instructor.attendanceSheet.queryOptions({ sessionId: props.sessionId }));
  const [marks, setMarks] = createStore<Record<number, Mark>>({});
  // Start from what is stored; unmarked trainees stay unmarked until chosen.
  createEffect(() => {
    for (const row of sheet.data ?? []) if (row.status) setMarks(row.enrolmentId, row.status);
  });
  const save = useMutation(() => ({
    mutationFn: () =>
      trpc.training.instructor.markAttendance.mutate({
        sessionId: props.sessionId,
        marks: Object.entries(marks).map(([enrolmentId, status]) => ({ enrolmentId: Number(enrolmentId), status })),
      }),
    onSuccess: () => {
      invalidate(client, queries.training.instructor.attendanceSheet.queryKey(), queries.training.instructor.cohortProgress.queryKey());
    },
  }));
  const m = () => t().training;

  return (
    <QueryView query={sheet} empty={(rows) => rows.length === 0} emptyDetail={m().noTrainees}>
      {(rows) => (
        <Form data-testid="attendance-sheet" onSubmit={() => save.mutate()}>
          <For each={rows}>
            {(row) => (
              <fieldset class="field--inline" data-testid="attendance-row">
                <legend>
                  {row.traineeName}
                  <Show when={row.hours !== null}>
                    <span class="muted">
                      {' '}
                      · {formatNumber(row.hours, locale())} {t().units.hours}
                    </span>
                  </Show>
                </legend>
                <For each={MARKS}>
                  {(mark) => (
                    <label>
                      <input
                        type="radio"
                        name={`attendance-${props.sessionId}-${row.enrolmentId}`}
                        value={mark}
                        checked={marks[row.enrolmentId] === mark}
                        onChange={() => setMarks(row.enrolmentId, mark)}
                      />{' '}
                      {m().attendance[mark]}
                    </label>
                  )}
                </For>
              </fieldset>
            )}
          </For>
          <button type="submit" disabled={save.isPending || Object.keys(marks).length === 0}>
            {m().saveAttendance}
          </button>
          <Show when={save.isSuccess}>
            <p class="notice notice--ok" role="status">
              {m().attendanceSaved}
            </p>
          </Show>
          <MutationError error={save.error} />
        </Form>
      )}
    </QueryView>
  );
}

/** One session at a time: present / absent / excused for every trainee of the cohort. */
export function AttendanceSheet(props: { cohortId: number }) {
  const sessions = useQuery(() => queries.training.instructor.sessions.queryOptions({ cohortId: props.cohortId }));
  const [chosen, setChosen] = createSignal<number>();
  const sessionId = () => chosen() ?? sessions.data?.[0]?.id;
  const m = () => t().training;

  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title">{m().attendanceSheet}</h2>
      <QueryView query={sessions} empty={(list) => list.length === 0} emptyDetail={m().noSessions}>
        {(list) => (
          <>
            <div class="field field--inline">
              <label for={`session-picker-${props.cohortId}`}>{m().session}</label>
              <select id={`session-picker-${props.cohortId}`} value={String(sessionId() ?? '')} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
                <For each={list}>
                  {(session) => (
                    <option value={String(session.id)}>
                      {formatDateTime(session.startsAt, locale())} — {session.title}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <Show when={sessionId()} keyed>
              {(id) => <Sheet sessionId={id} />}
            </Show>
          </>
        )}
      </QueryView>
    </section>
  );
}
