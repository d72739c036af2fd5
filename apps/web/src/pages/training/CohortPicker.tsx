import { useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createEffect, For, type JSX, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { t } from '../../i18n';
import type { Role } from '../../session';

/** The cohort a teaching page works on, kept in the address (?cohort=) so it survives reloads and links. */
export function useSelectedCohort() {
  const [params, setParams] = useSearchParams<{ cohort?: string }>();
  const cohorts = useQuery(() => queries.training.instructor.myCohorts.queryOptions());
  // Without a choice, the first cohort is shown.
  createEffect(() => {
    const first = cohorts.data?.[0];
    if (!params.cohort && first) setParams({ cohort: String(first.id) }, { replace: true });
  });
  const cohortId = () => (params.cohort ? Number(params.cohort) : undefined);
  return { cohorts, cohortId, select: (id: number) => setParams({ cohort: String(id) }) };
}

export function CohortPicker(props: { selection: ReturnType<typeof useSelectedCohort> }) {
  return (
    <div class="field field--inline">
      <label for="cohort-picker">{t().training.cohort}</label>
      <select id="cohort-picker" value={String(props.selection.cohortId() ?? '')} onChange={(e) => props.selection.select(Number(e.currentTarget.value))}>
        <For each={props.selection.cohorts.data ?? []}>
          {(cohort) => (
            <option value={String(cohort.id)}>
              {cohort.courseTitle} — {cohort.title}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}

/** A page working on one cohort: its title, the cohort picker, then the sections for the chosen cohort. */
export function CohortDesk(props: { roles: Role[]; title: string; children: (cohortId: number) => JSX.Element }) {
  const selection = useSelectedCohort();
  return (
    <RequireRole roles={props.roles}>
      <h1>{props.title}</h1>
      <QueryView query={selection.cohorts} empty={(list) => list.length === 0} emptyDetail={t().training.noCohorts}>
        {() => (
          <>
            <CohortPicker selection={selection} />
            <Show when={selection.cohortId()} keyed>
              {(cohortId) => props.children(cohortId)}
            </Show>
          </>
        )}
      </QueryView>
    </RequireRole>
  );
}
