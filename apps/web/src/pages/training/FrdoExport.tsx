import { useMutation } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { saveFile } from './files';
import { DataTable } from '../../components/DataTable';

/** ФИС ФРДО: the XLSX when every row is valid, otherwise the list of what to fix per document. */
export function FrdoExport(props: { cohortId: number }) {
  const exportFrdo = useMutation(() => ({
    mutationFn: () => trpc.training.instructor.exportFrdo.mutate({ cohortId: props.cohortId }),
    onSuccess: (result) => {
      if (result.file) saveFile(result.file);
    },
  }));
  const m = () => t().training;

  return (
    <section aria-labelledby="frdo-title">
      <h2 id="frdo-title">{m().frdoTitle}</h2>
      <p class="muted">{m().frdoHint}</p>
      <button type="button" disabled={exportFrdo.isPending} onClick={() => exportFrdo.mutate()}>
        {m().frdoDownload}
      </button>
      <MutationError error={exportFrdo.error} />
      <Show when={exportFrdo.data}>
        {(result) => (
          <div aria-live="polite" data-testid="frdo-report">
            <Show
              when={result().problems.length > 0}
              fallback={
                <p class="notice notice--ok" role="status">
                  {fill(m().frdoReady, { rows: result().rowCount })}
                </p>
              }
            >
              <DataTable
                caption={fill(m().frdoProblems, { count: result().problems.length, rows: result().rowCount })}
                testId="frdo-problems"
                rows={result().problems}
                columns={[
                  { header: m().registrationNumber, cell: (problem) => problem.registrationNumber },
                  { header: m().holder, cell: (problem) => problem.holderName },
                  { header: m().frdoWhereHeader, cell: (problem) => fill(m().frdoWhere, { row: problem.row, column: problem.columnNumber }) },
                  { header: m().column, cell: (problem) => problem.column },
                  { header: m().problem, cell: (problem) => problem.message },
                ]}
              />
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
