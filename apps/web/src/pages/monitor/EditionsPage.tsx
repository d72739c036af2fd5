import { A } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate } from '../../format';
import { locale, t } from '../../i18n';
import { EditionMeta, EditionRows } from '../public/RankingPage';
import { Form, TextField } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';

function BuildForm(props: { onBuilt: (id: number) => void }) {
  const client = useQueryClient();
  const [title, setTitle] = createSignal('');
  const [periodStart, setPeriodStart] = createSignal('');
  const [periodEnd, setPeriodEnd] = createSignal('');
  const [version, setVersion] = createSignal('1');
  const build = useMutation(() => ({
    mutationFn: () => trpc.rankings.build.mutate({ title: title(), periodStart: periodStart(), periodEnd: periodEnd(), methodologyVersion: version() }),
    onSuccess: (edition) => {
      invalidate(client, queries.rankings.listAll.queryKey());
      props.onBuilt(edition.id);
    },
  }));
  const m = () => t().monitor;
  return (
    <details class="card">
      <summary>{m().build}</summary>
      <Form onSubmit={() => build.mutate()}>
        <div class="form-row">
          <TextField id="build-title" label={m().editionTitle} required size={32} value={title()} onInput={setTitle} />
          <TextField id="build-start" label={m().periodStart} type="date" required value={periodStart()} onInput={setPeriodStart} />
          <TextField id="build-end" label={m().periodEnd} type="date" required value={periodEnd()} onInput={setPeriodEnd} />
          <TextField id="build-version" label={t().ranking.methodologyVersion} required size={4} value={version()} onInput={setVersion} />
          <button type="submit" disabled={build.isPending}>
            {m().build}
          </button>
        </div>
        <MutationError error={build.error} />
      </Form>
    </details>
  );
}

function Preview(props: { id: number; onChanged: () => void; onDeleted: () => void }) {
  const preview = useQuery(() => queries.rankings.preview.queryOptions({ id: props.id, page: 1, pageSize: 1000 }));
  const [confirming, setConfirming] = createSignal(false);
  const publish = useMutation(() => ({
    mutationFn: () => trpc.rankings.publish.mutate({ id: props.id }),
    onSuccess: () => {
      setConfirming(false);
      void preview.refetch();
      props.onChanged();
    },
  }));
  const remove = useMutation(() => ({
    mutationFn: () => trpc.rankings.deleteDraft.mutate({ id: props.id }),
    onSuccess: () => {
      props.onChanged();
      props.onDeleted();
    },
  }));
  const m = () => t().monitor;

  return (
    <QueryView query={preview}>
      {(view) => (
        <article class="card is-current" aria-labelledby="preview-title" data-testid="edition-preview">
          <h2 id="preview-title">
            {m().preview}: {view.edition.title}
          </h2>
          <p>
            <strong data-testid="edition-status">{view.edition.status === 'published' ? m().published : m().draft}</strong>
          </p>
          <EditionMeta edition={view.edition} />
          <Show
            when={view.edition.status === 'draft'}
            fallback={
              <p>
                <A href={`/rankings/${encodeURIComponent(view.edition.slug)}`}>{m().openPublic}</A>
              </p>
            }
          >
            <div class="toolbar">
              <Show
                when={confirming()}
                fallback={
                  <button type="button" onClick={() => setConfirming(true)}>
                    {m().publish}
                  </button>
                }
              >
                <div role="alertdialog" aria-labelledby="publish-question" class="notice">
                  <p id="publish-question">{m().publishConfirm}</p>
                  <div class="toolbar">
                    <button type="button" disabled={publish.isPending} onClick={() => publish.mutate()} ref={(el) => queueMicrotask(() => el.focus())}>
                      {m().publishNow}
                    </button>
                    <button type="button" class="button--ghost" onClick={() => setConfirming(false)}>
                      {t().app.cancel}
                    </button>
                  </div>
                </div>
              </Show>
              <button type="button" class="button--ghost" disabled={remove.isPending} onClick={() => remove.mutate()}>
                {m().deleteDraft}
              </button>
            </div>
          </Show>
          <MutationError error={publish.error ?? remove.error} />
          <EditionRows view={view} />
        </article>
      )}
    </QueryView>
  );
}

/** Ranking editions: build a draft from the scores, preview it as it will read, publish (immutable). */
export default function EditionsPage() {
  const client = useQueryClient();
  const editions = useQuery(() => queries.rankings.listAll.queryOptions());
  const [selected, setSelected] = createSignal<number>();
  const refresh = () => {
    invalidate(client, queries.rankings.listAll.queryKey());
    void client.invalidateQueries({ queryKey: ['public'] });
  };
  const m = () => t().monitor;

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="editions-title">
        <h1 id="editions-title">{m().editionsTitle}</h1>
        <BuildForm onBuilt={setSelected} />
        <QueryTable
          query={editions}
          caption={m().editionsTitle}
          testId="editions-table"
          columns={[
            { header: m().editionTitle, cell: (edition) => edition.title },
            { header: t().ranking.period, cell: (edition) => `${formatDate(edition.periodStart, locale())} — ${formatDate(edition.periodEnd, locale())}` },
            { header: m().statuses, cell: (edition) => (edition.status === 'published' ? m().published : m().draft) },
            {
              header: t().app.actions,
              cell: (edition) => (
                <button type="button" class="button--ghost" aria-label={`${m().preview}: ${edition.title}`} aria-pressed={selected() === edition.id} onClick={() => setSelected(edition.id)}>
                  {m().preview}
                </button>
              ),
            },
          ]}
        />
        <Show when={selected()} keyed>
          {(id) => <Preview id={id} onChanged={refresh} onDeleted={() => setSelected(undefined)} />}
        </Show>
      </section>
    </RequireRole>
  );
}
