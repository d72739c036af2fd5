import { useQuery } from '@tanstack/solid-query';
import { queries } from '../../api/trpc';
import { formatNumber } from '../../format';
import { label, locale, t } from '../../i18n';
import { QueryTable } from '../../components/QueryTable';

/** Every trainee of the cohort against the completion rule. */
export function CohortProgress(props: { cohortId: number }) {
  const progress = useQuery(() => queries.training.instructor.cohortProgress.queryOptions({ cohortId: props.cohortId }));
  const m = () => t().training;
  const yesNo = (value: boolean | null) => (value === null ? '—' : value ? t().app.yes : t().app.no);

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{m().cohortProgress}</h2>
      <QueryTable
        query={progress}
        emptyDetail={m().noTrainees}
        caption={m().cohortProgress}
        captionClass="visually-hidden"
        testId="cohort-progress"
        rowAttrs={() => ({ 'data-testid': 'progress-row' })}
        columns={[
          { header: m().trainee, rowHeader: true, cell: (row) => row.traineeName },
          { header: m().organization, cell: (row) => row.organizationName },
          { header: m().state, cellAttrs: () => ({ 'data-testid': 'progress-state' }), cell: (row) => label(m().states, row.state) },
          { header: m().lessonsDone, numeric: true, cell: (row) => row.lessonsDone },
          { header: m().assignmentsPassed, numeric: true, cell: (row) => `${row.assignmentsPassed} / ${row.requiredAssignments}` },
          {
            header: m().attendancePercent,
            numeric: true,
            cell: (row) => (row.attendancePercent === null ? '—' : `${formatNumber(row.attendancePercent, locale(), 0)}%`),
          },
          { header: m().finalPassed, cell: (row) => yesNo(row.finalPassed) },
          { header: m().meetsRule, cell: (row) => yesNo(row.meetsCompletionRule) },
        ]}
      />
    </section>
  );
}
