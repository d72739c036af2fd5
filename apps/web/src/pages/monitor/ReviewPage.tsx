import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { decisionInput, type Decision } from './review-decision';
import { ReviewContext } from './ReviewContext';
import { TextField } from '../../components/Form';

const KEYS: Record<string, Decision> = { q: 'question', n: 'not_question', e: 'answered_elsewhere' };

const typingInField = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The question review queue: least confident detections first, decided with buttons or single keys. */
export default function ReviewPage() {
  const client = useQueryClient();
  const queue = useQuery(() => queries.reviews.queue.queryOptions({ limit: 100 }));
  const [index, setIndex] = createSignal(0);
  const [note, setNote] = createSignal('');
  const [announcement, setAnnouncement] = createSignal('');
  const m = () => t().monitor;
  const items = () => queue.data ?? [];
  const current = () => items()[Math.min(index(), Math.max(0, items().length - 1))];

  const decide = useMutation(() => ({
    mutationFn: (input: { commentId: number; decision: Decision }) =>
      trpc.reviews.decide.mutate({
        commentId: input.commentId,
        ...decisionInput(input.decision, { question: m().confirm, notQuestion: m().notQuestion, answeredElsewhere: m().answeredElsewhere }, note()),
      }),
    onSuccess: (result, input) => {
      setNote('');
      setAnnouncement(fill(m().decisionSaved, { n: result.rescored }));
      // Drop the decided comment at once; the refetch confirms it left the queue.
      client.setQueryData(queries.reviews.queue.queryKey({ limit: 100 }), (list: typeof queue.data) => list?.filter((item) => item.commentId !== input.commentId));
      invalidate(client, queries.reviews.queue.queryKey());
    },
  }));

  const act = (decision: Decision) => {
    const item = current();
    if (item && !decide.isPending) decide.mutate({ commentId: item.commentId, decision });
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
    const key = event.key.toLowerCase();
    if (KEYS[key]) {
      event.preventDefault();
      act(KEYS[key]!);
    } else if (key === 'j') setIndex(Math.min(index() + 1, items().length - 1));
    else if (key === 'k') setIndex(Math.max(index() - 1, 0));
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));
  createEffect(() => {
    if (index() >= items().length && items().length > 0) setIndex(items().length - 1);
  });

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="review-title">
        <h1 id="review-title">{m().reviewTitle}</h1>
        <p class="muted" id="review-keys">
          {m().reviewHint}
        </p>
        <p class="visually-hidden" role="status" aria-live="polite">
          {announcement()}
        </p>
        <MutationError error={decide.error} />
        <QueryView query={queue} empty={(list) => list.length === 0} emptyDetail={m().queueEmpty}>
          {() => (
            <Show when={current()}>
              {(item) => (
                <>
                  <article class="card is-current" aria-labelledby="review-current" data-testid="review-current">
                    <h2 id="review-current">
                      {m().comment} {index() + 1} / {items().length}
                    </h2>
                    <ReviewContext item={item()} />
                    <dl class="meta">
                      <dt>{m().detected}</dt>
                      <dd>
                        {label(m().categories, item().category)} · {item().needsAnswer ? m().needsAnswer : m().noAnswerNeeded}
                      </dd>
                      <dt>{m().confidence}</dt>
                      <dd>{formatNumber(item().confidence * 100, locale(), 0)}%</dd>
                      <dt>{m().postedAt}</dt>
                      <dd>{formatDateTime(item().publishedAt, locale())}</dd>
                      <Show when={item().reasons.length > 0}>
                        <dt>{m().why}</dt>
                        <dd>{item().reasons.join('; ')}</dd>
                      </Show>
                    </dl>
                    <p>
                      <a href={item().url} target="_blank" rel="noopener noreferrer">
                        {t().review.openComment}
                      </a>
                    </p>
                    <TextField id="review-note" label={m().note} size={40} value={note()} onInput={setNote} />
                    <div class="toolbar" role="group" aria-label={t().app.actions} aria-describedby="review-keys">
                      <button type="button" aria-keyshortcuts="Q" disabled={decide.isPending} onClick={() => act('question')}>
                        {m().confirm} <kbd>Q</kbd>
                      </button>
                      <button type="button" aria-keyshortcuts="N" disabled={decide.isPending} onClick={() => act('not_question')}>
                        {m().notQuestion} <kbd>N</kbd>
                      </button>
                      <button type="button" aria-keyshortcuts="E" disabled={decide.isPending} onClick={() => act('answered_elsewhere')}>
                        {m().answeredElsewhere} <kbd>E</kbd>
                      </button>
                    </div>
                  </article>
                  <h2>{m().upNext}</h2>
                  <ol class="review-list" data-testid="review-list">
                    <For each={items()}>
                      {(other, position) => (
                        <li>
                          <button type="button" class="linklike" aria-current={position() === index() ? 'true' : undefined} onClick={() => setIndex(position())}>
                            {other.organization.name} · {label(m().categories, other.category)} · {formatNumber(other.confidence * 100, locale(), 0)}% · {formatDateTime(other.publishedAt, locale())}
                          </button>
                        </li>
                      )}
                    </For>
                  </ol>
                </>
              )}
            </Show>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
