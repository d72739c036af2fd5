import { useMutation } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { t } from '../../i18n';
import { DataTable } from '../../components/DataTable';
import { FileInput } from '../../components/FileInput';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** Registry upload (CSV or XLSX); the API answers with counts and a per-row error report. */
export default function ImportPage() {
  const [file, setFile] = createSignal<File>();
  const upload = useMutation(() => ({
    mutationFn: async (chosen: File) => trpc.registry.importFile.mutate({ fileName: chosen.name, contentBase64: await toBase64(chosen) }),
  }));
  const m = () => t().monitor;

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="import-title">
        <h1 id="import-title">{m().importTitle}</h1>
        <form
          class="form-row"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen = file();
            if (chosen) upload.mutate(chosen);
          }}
        >
          <FileInput
            id="import-file"
            label={m().importFile}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            onChange={(chosen) => setFile(chosen[0])}
          />
          <button type="submit" disabled={!file() || upload.isPending}>
            {m().importSubmit}
          </button>
        </form>
        <MutationError error={upload.error} />
        <Show when={upload.data}>
          {(report) => (
            <div aria-live="polite" data-testid="import-report">
              <h2>{m().importReport}</h2>
              <dl class="meta">
                <dt>{m().importRow}</dt>
                <dd>
                  {report().imported} / {report().rows}
                </dd>
                <dt>{t().ranking.organization}</dt>
                <dd>
                  {m().importCreated}: {report().organizations.created}, {m().importUpdated}: {report().organizations.updated}
                </dd>
                <dt>{t().organization.accounts}</dt>
                <dd>
                  {m().importCreated}: {report().accounts.created}, {m().importUpdated}: {report().accounts.updated}
                </dd>
                <Show when={report().ignoredColumns.length > 0}>
                  <dt>{m().ignoredColumns}</dt>
                  <dd>{report().ignoredColumns.join(', ')}</dd>
                </Show>
              </dl>
              <Show when={report().errors.length > 0} fallback={<p class="notice notice--ok">{m().importOk}</p>}>
                <DataTable
                  caption={`${m().importFailed}: ${report().errors.length}`}
                  testId="import-errors"
                  rows={report().errors}
                  columns={[
                    { header: m().importRow, numeric: true, cell: (row) => row.line },
                    {
                      header: m().importError,
                      cell: (row) => (
                        <ul>
                          <For each={row.errors}>{(message) => <li>{message}</li>}</For>
                        </ul>
                      ),
                    },
                  ]}
                />
              </Show>
            </div>
          )}
        </Show>
      </section>
    </RequireRole>
  );
}
