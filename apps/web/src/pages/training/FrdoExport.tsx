import { useMutation } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { saveFile } from './files';

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
              <div class="table-wrap">
                <table class="stack" data-testid="frdo-problems">
                  <caption>{fill(m().frdoProblems, { count: result().problems.length, rows: result().rowCount })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m().registrationNumber}</th>
                      <th scope="col">{m().holder}</th>
                      <th scope="col">{m().frdoWhereHeader}</th>
                      <th scope="col">{m().column}</th>
                      <th scope="col">{m().problem}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={result().problems}>
                      {(problem) => (
                        <tr>
                          <td data-label={m().registrationNumber}>{problem.registrationNumber}</td>
                          <td data-label={m().holder}>{problem.holderName}</td>
                          <td data-label={m().frdoWhereHeader}>{fill(m().frdoWhere, { row: problem.row, column: problem.columnNumber })}</td>
                          <td data-label={m().column}>{problem.column}</td>
                          <td data-label={m().problem}>{problem.message}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
