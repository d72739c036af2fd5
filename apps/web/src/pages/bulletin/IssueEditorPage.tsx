import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { trpc, queries, invalidate, type RouterOutputs } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { BlockView, IssueNotices, type Block, type Section } from './Blocks';
import { moveKey } from './bulletin-view';
import { Form } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';
import { usePageTitle } from '../../layout/title';

type Editor = RouterOutputs['bulletin']['get'];
type Summary = Editor['summary'];

const isText = (block: Block): block is Extract<Block, { kind: 'paragraph' | 'note' }> => block.kind === 'paragraph' || block.kind === 'note';

/** Moves focus to the first enabled control of `selectors` once the list has re-rendered (the moved block's button, a new note). */
function focusSoon(...selectors: string[]) {
  let tries = 0;
  const attempt = () => {
    for (const selector of selectors) {
      const element = document.querySelector<HTMLElement>(selector);
      if (element && !(element as HTMLButtonElement).disabled) {
        element.focus();
        return;
      }
    }
    if (tries++ < 40) setTimeout(attempt, 50);
  };
  setTimeout(attempt, 0);
}

function NoteForm(props: { issueId: number; sectionKey: string; afterBlockKey: string | null; onDone: () => void; onCancel: () => void }) {
  const [text, setText] = createSignal('');
  const add = useMutation(() => ({
    mutationFn: () => trpc.bulletin.addNote.mutate({ issueId: props.issueId, sectionKey: props.sectionKey, afterBlockKey: props.afterBlockKey, markdown: text() }),
    onSuccess: (block) => {
      props.onDone();
      focusSoon(`[data-edit-block="${block.key}"]`);
    },
  }));
  const id = `note-${props.sectionKey}-${props.afterBlockKey ?? 'start'}`;
  const b = () => t().bulletin;
  return (
    <Form
      class="bulletin-note-form"
      onSubmit={() => {
        if (text().trim()) add.mutate();
      }}
    >
      <label for={id}>{b().noteText}</label>
      <textarea
        id={id}
        required
        maxLength={20_000}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <p class="muted">{b().markdownHint}</p>
      <div class="toolbar">
        <button type="submit" disabled={add.isPending || !text().trim()}>
          {b().addNote}
        </button>
        <button type="button" class="button--ghost" onClick={() => props.onCancel()}>
          {t().app.cancel}
        </button>
      </div>
      <MutationError error={add.error} />
    </Form>
  );
}

function BlockEditor(props: {
  issueId: number;
  section: Section;
  block: Block;
  index: number;
  editable: boolean;
  onChanged: () => void;
  onMove: (index: number, delta: -1 | 1) => void;
  moving: boolean;
}) {
  const [editing, setEditing] = createSignal(false);
  const [addingNote, setAddingNote] = createSignal(false);
  const [text, setText] = createSignal('');
  const b = () => t().bulletin;
  const position = () => fill(b().blockPosition, { n: props.index + 1, kind: label(b().blockKinds, props.block.kind) });
  const save = useMutation(() => ({
    mutationFn: () => trpc.bulletin.updateBlock.mutate({ issueId: props.issueId, blockKey: props.block.key, markdown: text() }),
    onSuccess: () => {
      setEditing(false);
      props.onChanged();
      focusSoon(`[data-edit-block="${props.block.key}"]`);
    },
  }));
  const removeNote = useMutation(() => ({
    mutationFn: () => trpc.bulletin.removeNote.mutate({ issueId: props.issueId, blockKey: props.block.key }),
    onSuccess: () => props.onChanged(),
  }));
  const textareaId = () => `block-${props.block.key}`;
  return (
    <li class="bulletin-block" classList={{ 'bulletin-block--text': isText(props.block) }} data-testid="bulletin-block" data-block-key={props.block.key} data-block-kind={props.block.kind}>
      <Show when={editing() && isText(props.block)} fallback={<BlockView block={props.block} />}>
        <Form onSubmit={() => save.mutate()}>
          <label for={textareaId()}>{fill(b().editTextOf, { position: position() })}</label>
          <textarea
            id={textareaId()}
            rows={8}
            maxLength={20_000}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              setEditing(false);
              focusSoon(`[data-edit-block="${props.block.key}"]`);
            }}
            ref={(el) => queueMicrotask(() => el.focus())}
          />
          <p class="muted">{b().markdownHint}</p>
          <div class="toolbar">
            <button type="submit" disabled={save.isPending}>
              {t().app.save}
            </button>
            <button
              type="button"
              class="button--ghost"
              onClick={() => {
                setEditing(false);
                focusSoon(`[data-edit-block="${props.block.key}"]`);
              }}
            >
              {t().app.cancel}
            </button>
          </div>
          <MutationError error={save.error} />
        </Form>
      </Show>
      <Show when={props.editable}>
        <div class="bulletin-block__tools" role="group" aria-label={position()}>
          <span class="muted bulletin-block__kind" aria-hidden="true">
            {position()}
          </span>
          <button
            type="button"
            class="button--ghost"
            data-move={`${props.block.key}-up`}
            aria-label={`${b().moveUp}: ${position()}`}
            disabled={props.moving || props.index === 0}
            onClick={() => props.onMove(props.index, -1)}
          >
            ↑ {b().moveUp}
          </button>
          <button
            type="button"
            class="button--ghost"
            data-move={`${props.block.key}-down`}
            aria-label={`${b().moveDown}: ${position()}`}
            disabled={props.moving || props.index === props.section.blocks.length - 1}
            onClick={() => props.onMove(props.index, 1)}
          >
            ↓ {b().moveDown}
          </button>
          <Show when={isText(props.block) && !editing()}>
            <button
              type="button"
              class="button--ghost"
              data-edit-block={props.block.key}
              aria-label={`${b().editText}: ${position()}`}
              onClick={() => {
                setText(isText(props.block) ? props.block.markdown : '');
                setEditing(true);
              }}
            >
              {b().editText}
            </button>
          </Show>
          <Show when={props.block.kind === 'note'}>
            <button type="button" class="button--ghost" disabled={removeNote.isPending} aria-label={`${b().removeNote}: ${position()}`} onClick={() => removeNote.mutate()}>
              {b().removeNote}
            </button>
          </Show>
          <Show when={!addingNote()}>
            <button type="button" class="button--ghost" data-add-note={props.block.key} aria-label={`${b().addNoteAfter}: ${position()}`} onClick={() => setAddingNote(true)}>
              {b().addNoteAfter}
            </button>
          </Show>
        </div>
        <MutationError error={removeNote.error} />
        <Show when={addingNote()}>
          <NoteForm
            issueId={props.issueId}
            sectionKey={props.section.key}
            afterBlockKey={props.block.key}
            onDone={() => {
              setAddingNote(false);
              props.onChanged();
            }}
            onCancel={() => {
              setAddingNote(false);
              focusSoon(`[data-add-note="${props.block.key}"]`);
            }}
          />
        </Show>
      </Show>
    </li>
  );
}

function SectionEditor(props: { issueId: number; section: Section; editable: boolean; onChanged: () => Promise<unknown> }) {
  const reorder = useMutation(() => ({
    mutationFn: (keys: string[]) => trpc.bulletin.reorderBlocks.mutate({ issueId: props.issueId, sectionKey: props.section.key, blockKeys: keys }),
  }));
  const move = (index: number, delta: -1 | 1) => {
    const keys = props.section.blocks.map((block) => block.key);
    const movedKey = keys[index]!;
    const next = moveKey(keys, index, delta);
    if (next.every((key, i) => key === keys[i])) return;
    const same = delta === -1 ? 'up' : 'down';
    const other = delta === -1 ? 'down' : 'up';
    reorder.mutate(next, {
      // Focus stays on the moved block's button of the same direction (the other one once it reached an end).
      onSuccess: () => void props.onChanged().then(() => focusSoon(`[data-move="${movedKey}-${same}"]`, `[data-move="${movedKey}-${other}"]`)),
    });
  };
  return (
    <section class="bulletin-section" aria-labelledby={`edit-section-${props.section.key}`} data-testid="bulletin-edit-section" data-section-key={props.section.key}>
      <h2 id={`edit-section-${props.section.key}`}>{props.section.title}</h2>
      <MutationError error={reorder.error} />
      <ol class="plain bulletin-blocks">
        <For each={props.section.blocks}>
          {(block, index) => (
            <BlockEditor
              issueId={props.issueId}
              section={props.section}
              block={block}
              index={index()}
              editable={props.editable}
              moving={reorder.isPending}
              onMove={move}
              onChanged={() => void props.onChanged()}
            />
          )}
        </For>
      </ol>
    </section>
  );
}

function Deliveries(props: { issueId: number }) {
  const client = useQueryClient();
  const deliveries = useQuery(() => queries.bulletin.deliveries.queryOptions({ issueId: props.issueId }));
  const acknowledgements = useQuery(() => queries.bulletin.acknowledgements.queryOptions({ issueId: props.issueId }));
  const [resent, setResent] = createSignal<number>();
  const resend = useMutation(() => ({
    mutationFn: (deliveryId?: number) => trpc.bulletin.resendFailed.mutate({ issueId: props.issueId, deliveryId }),
    onSuccess: (result) => {
      setResent(result.deliveries);
      invalidate(client, queries.bulletin.deliveries.queryKey());
    },
  }));
  const b = () => t().bulletin;
  const failed = () => (deliveries.data ?? []).filter((d) => d.status === 'failed').length;
  return (
    <>
      <section class="card bulletin-card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">{b().deliveriesTitle}</h2>
        <div class="toolbar">
          <button type="button" disabled={resend.isPending || failed() === 0} onClick={() => resend.mutate(undefined)}>
            {fill(b().resendFailed, { count: failed() })}
          </button>
          <button type="button" class="button--ghost" onClick={() => void deliveries.refetch()}>
            {b().refresh}
          </button>
        </div>
        <Show when={resent() !== undefined}>
          <p class="notice notice--ok" role="status">
            {fill(b().resent, { count: resent() ?? 0 })}
          </p>
        </Show>
        <MutationError error={resend.error} />
        <QueryTable
          query={deliveries}
          emptyDetail={b().noDeliveries}
          caption={b().deliveriesTitle}
          testId="bulletin-deliveries"
          columns={[
            { header: b().email, cell: (d) => d.email },
            {
              header: b().deliveryStatus,
              cell: (d) => <span classList={{ fail: d.status === 'failed', pass: d.status === 'sent', warn: d.status === 'retrying' }}>{label(b().deliveryStatuses, d.status)}</span>,
            },
            { header: b().attempts, numeric: true, cell: (d) => d.attempts },
            { header: b().lastError, cell: (d) => d.lastError ?? '—' },
            { header: b().sentAt, cell: (d) => (d.sentAt ? formatDateTime(d.sentAt, locale()) : '—') },
            {
              header: t().app.actions,
              cell: (d) => (
                <Show when={d.status === 'failed'} fallback="—">
                  <button type="button" class="button--ghost" disabled={resend.isPending} aria-label={`${b().resendOne}: ${d.email}`} onClick={() => resend.mutate(d.id)}>
                    {b().resendOne}
                  </button>
                </Show>
              ),
            },
          ]}
        />
      </section>
      <section class="card bulletin-card" aria-labelledby="acknowledgements-title">
        <h2 id="acknowledgements-title">{b().acknowledgementsTitle}</h2>
        <QueryView query={acknowledgements} empty={(list) => list.length === 0}>
          {(all) => {
            // Confirmed first (newest first), then the rest in the server's order.
            const list = [...all].sort((x, y) => (y.acknowledgedAt ?? '').localeCompare(x.acknowledgedAt ?? ''));
            return (
              <DataTable
                caption={fill(b().acknowledgedCount, { count: all.filter((a) => a.acknowledgedAt).length, total: all.length })}
                testId="bulletin-acknowledgements"
                rows={list}
                columns={[
                  { header: b().organization, cell: (a) => a.organizationName },
                  { header: b().acknowledged, cell: (a) => (a.acknowledgedAt ? formatDateTime(a.acknowledgedAt, locale()) : b().notAcknowledged) },
                ]}
              />
            );
          }}
        </QueryView>
      </section>
    </>
  );
}

function Confirm(props: { question: string; confirmLabel: string; pending: boolean; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const id = `confirm-${Math.random().toString(36).slice(2, 8)}`;
  return (
    <div role="alertdialog" aria-labelledby={id} class="notice" data-testid="bulletin-confirm">
      <p id={id}>{props.question}</p>
      <div class="toolbar">
        <button type="button" classList={{ 'button--danger': props.danger }} disabled={props.pending} onClick={() => props.onConfirm()} ref={(el) => queueMicrotask(() => el.focus())}>
          {props.confirmLabel}
        </button>
        <button type="button" class="button--ghost" onClick={() => props.onCancel()}>
          {t().app.cancel}
        </button>
      </div>
    </div>
  );
}

function Workflow(props: { summary: Summary; onChanged: () => void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [confirming, setConfirming] = createSignal<'publish' | 'discard'>();
  const [note, setNote] = createSignal('');
  const [published, setPublished] = createSignal<number>();
  const done = () => {
    setConfirming(undefined);
    props.onChanged();
  };
  const submit = useMutation(() => ({ mutationFn: () => trpc.bulletin.submit.mutate({ id: props.summary.id }), onSuccess: done }));
  const back = useMutation(() => ({ mutationFn: () => trpc.bulletin.returnToDraft.mutate({ id: props.summary.id }), onSuccess: done }));
  const publish = useMutation(() => ({
    mutationFn: () => trpc.bulletin.publish.mutate({ id: props.summary.id }),
    onSuccess: (result) => {
      setPublished(result.recommendationIds.length);
      done();
    },
  }));
  const discard = useMutation(() => ({
    mutationFn: () => trpc.bulletin.discardDraft.mutate({ id: props.summary.id }),
    onSuccess: () => {
      invalidate(client, queries.bulletin.list.queryKey());
      navigate('/monitor/bulletins');
    },
  }));
  const correct = useMutation(() => ({
    mutationFn: () => trpc.bulletin.correct.mutate({ id: props.summary.id, note: note().trim() }),
    onSuccess: (issue) => {
      setNote('');
      invalidate(client, queries.bulletin.list.queryKey());
      navigate(`/monitor/bulletins/${issue.id}`);
    },
  }));
  const b = () => t().bulletin;
  const error = () => submit.error ?? back.error ?? publish.error ?? discard.error ?? correct.error;
  return (
    <div class="card bulletin-card bulletin-workflow" role="region" aria-labelledby="workflow-title">
      <h2 id="workflow-title">{b().workflow}</h2>
      <Show when={published() !== undefined}>
        <p class="notice notice--ok" role="status" data-testid="bulletin-published-notice">
          {fill(b().publishedNotice, { count: published() ?? 0 })}
        </p>
      </Show>
      <Switch>
        <Match when={confirming() === 'publish'}>
          <Confirm question={b().publishConfirm} confirmLabel={b().publishNow} pending={publish.isPending} onConfirm={() => publish.mutate()} onCancel={() => setConfirming(undefined)} />
        </Match>
        <Match when={confirming() === 'discard'}>
          <Confirm question={b().discardConfirm} confirmLabel={b().discardNow} danger pending={discard.isPending} onConfirm={() => discard.mutate()} onCancel={() => setConfirming(undefined)} />
        </Match>
        <Match when={props.summary.state === 'draft'}>
          <div class="toolbar">
            <button type="button" disabled={submit.isPending} onClick={() => submit.mutate()}>
              {b().submit}
            </button>
            <button type="button" class="button--ghost" onClick={() => setConfirming('discard')}>
              {b().discard}
            </button>
          </div>
        </Match>
        <Match when={props.summary.state === 'in_review'}>
          <div class="toolbar">
            <button type="button" onClick={() => setConfirming('publish')}>
              {b().publish}
            </button>
            <button type="button" class="button--ghost" disabled={back.isPending} onClick={() => back.mutate()}>
              {b().returnToDraft}
            </button>
            <button type="button" class="button--ghost" onClick={() => setConfirming('discard')}>
              {b().discard}
            </button>
          </div>
        </Match>
        <Match when={props.summary.state === 'published'}>
          <Form
            onSubmit={() => {
              if (note().trim()) correct.mutate();
            }}
          >
            <label for="correction-note">{b().correctionNote}</label>
            <textarea id="correction-note" required maxLength={5_000} rows={3} value={note()} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby="correction-hint" />
            <p id="correction-hint" class="muted">
              {b().correctionHint}
            </p>
            <button type="submit" disabled={correct.isPending || !note().trim()}>
              {b().startCorrection}
            </button>
          </Form>
        </Match>
      </Switch>
      <MutationError error={error()} />
    </div>
  );
}

function EditorBody(props: { data: Editor; existing: boolean; onChanged: () => Promise<unknown> }) {
  const [openSections, setOpenSections] = createSignal<ReadonlySet<string>>(new Set());
  const toggle = (key: string, open: boolean) =>
    setOpenSections((previous) => {
      const next = new Set(previous);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });
  const s = () => props.data.summary;
  const editable = () => s().state !== 'published';
  const publicSections = () => props.data.view.sections.filter((section) => section.audience === 'public');
  const agencySections = () => props.data.view.sections.filter((section) => section.audience === 'agency');
  const b = () => t().bulletin;
  return (
    <article aria-labelledby="issue-title" data-testid="bulletin-editor">
      <h1 id="issue-title">{s().title}</h1>
      <Show when={props.existing}>
        <p class="notice" role="status">
          {b().alreadyExists}
        </p>
      </Show>
      <dl class="meta">
        <dt>{b().state}</dt>
        <dd data-testid="bulletin-state">{label(b().stateNames, s().state)}</dd>
        <dt>{b().period}</dt>
        <dd>{s().periodLabel}</dd>
        <dt>{b().revision}</dt>
        <dd>{s().revision}</dd>
        <dt>{b().dates}</dt>
        <dd>
          {fill(b().createdOn, { date: formatDateTime(s().createdAt, locale()) })}
          <Show when={s().submittedAt}>{(at) => <>; {fill(b().submittedOn, { date: formatDateTime(at(), locale()) })}</>}</Show>
          <Show when={s().publishedAt}>{(at) => <>; {fill(b().publishedOn, { date: formatDateTime(at(), locale()) })}</>}</Show>
        </dd>
      </dl>
      <IssueNotices view={props.data.view} issueHref={(slug) => `/bulletins/${encodeURIComponent(slug)}`} />
      <p class="toolbar">
        <a href={`/bulletin/preview/${s().id}`} target="_blank" rel="noopener">
          {b().htmlPreview}
        </a>
        <Show when={s().state === 'published'}>
          <a href={`/bulletin/${encodeURIComponent(s().slug)}.pdf`}>{b().pdf}</a>
          <A href={`/bulletins/${encodeURIComponent(s().slug)}`}>{b().publicPage}</A>
        </Show>
      </p>
      <Workflow summary={s()} onChanged={() => void props.onChanged()} />
      <Show when={s().state === 'published'}>
        <Deliveries issueId={s().id} />
      </Show>
      <Show when={!editable()}>
        <p class="muted">{b().publishedReadOnly}</p>
      </Show>
      <For each={publicSections()}>{(section) => <SectionEditor issueId={s().id} section={section} editable={editable()} onChanged={props.onChanged} />}</For>
      <Show when={agencySections().length > 0}>
        <h2>{fill(b().agencySections, { count: agencySections().length })}</h2>
        <For each={agencySections()}>
          {(section) => (
            <details
              class="bulletin-agency"
              data-testid="bulletin-agency-section"
              data-agency-section={section.key}
              open={openSections().has(section.key)}
              onToggle={(e) => toggle(section.key, e.currentTarget.open)}
            >
              <summary>{section.title}</summary>
              {/* Rendered when opened: an issue has a section for every organization in the registry. */}
              <Show when={openSections().has(section.key)}>
                <SectionEditor issueId={s().id} section={section} editable={editable()} onChanged={props.onChanged} />
              </Show>
            </details>
          )}
        </For>
      </Show>
    </article>
  );
}

/** One issue for the editors: workflow, every section with its text blocks editable, and its distribution once published. */
export default function IssueEditorPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ existing?: string }>();
  const client = useQueryClient();
  const id = () => Number(params.id);
  const issue = useQuery(() => ({ ...queries.bulletin.get.queryOptions({ id: id() }), enabled: Number.isInteger(id()) && id() > 0 }));
  const refresh = () => {
    invalidate(client, queries.bulletin.list.queryKey());
    return issue.refetch();
  };
  const b = () => t().bulletin;
  // The heading is the issue's public title, the same on its public page: the tab says this is the editor, and which revision.
  usePageTitle(() => {
    const summary = issue.data?.summary;
    if (!summary) return [b().monitorTitle];
    return [fill(b().editorTab, { period: summary.periodLabel }), summary.revision > 1 ? fill(b().revisionNumber, { revision: summary.revision }) : null];
  });
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <p>
        <A href="/monitor/bulletins">← {b().monitorTitle}</A>
      </p>
      <Show when={issue.data} fallback={<QueryView query={issue}>{() => null}</QueryView>}>
        {(data) => <EditorBody data={data()} existing={Boolean(search.existing)} onChanged={refresh} />}
      </Show>
    </RequireRole>
  );
}
