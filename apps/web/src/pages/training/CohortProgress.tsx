import { useQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { trpc } from '../../api/trpc';
import { QueryView } from '../../components/State';
import { formatNumber } from '../../format';
import { label, locale, t } from '../../i18n';

/** Every trainee of the cohort against the completion rule. */
export function CohortProgress(props: { cohortId: number }) {
  const progress = useQuery(() => ({
    queryKey: ['training.instructor.cohortProgress', props.cohortId],
    queryFn: () => trpc.training.instructor.cohortProgress.query({ cohortId: props.cohortId }),
  }));
  const m = () => t().training;
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? t().app.yes : t().app.no);

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{m().cohortProgress}</h2>
      <QueryView query={progress} empty={(rows) => rows.length === 0} emptyDetail={m().noTrainees}>
        {(rows) => (
          <div class="table-wrap">
            <table class="stack" data-testid="cohort-progress">
              <caption class="visually-hidden">{m().cohortProgress}</caption>
              <thead>
                <tr>
                  <th scope="col">{m().trainee}</th>
                  <th scope="col">{m().organization}</th>
                  <th scope="col">{m().state}</th>
                  <th scope="col" class="num">{m().lessonsDone}</th>
                  <th scope="col" class="num">{m().assignmentsPassed}</th>
                  <th scope="col" class="num">{m().attendancePercent}</th>
                  <th scope="col">{m().finalPassed}</th>
                  <th scope="col">{m().meetsRule}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows}>
                  {(row) => (
                    <tr data-testid="progress-row">
                      <th scope="row" data-label={m().trainee}>{row.trainee_name}</th>
                      <td data-label={m().organization}>{row.organization_name}</td>
                      <td data-label={m().state} data-testid="progress-state">{label(m().states, row.state)}</td>
                      <td class="num" data-label={m().lessonsDone}>{row.lessons_done}</td>
                      <td class="num" data-label={m().assignmentsPassed}>
                        {row.assignments_passed} / {row.required_assignments}
                      </td>
                      <td class="num" data-label={m().attendancePercent}>
                        {row.attendance_percent === null ? '—' : `${formatNumber(row.attendance_percent, locale(), 0)}%`}
                      </td>
                      <td data-label={m().finalPassed}>{yesNo(row.final_passed)}</td>
                      <td data-label={m().meetsRule}>{yesNo(row.meets_completion_rule)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
