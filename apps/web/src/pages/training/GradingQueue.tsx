import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { type RouterOutputs, trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { QueryView } from '../../components/State';
import { formatDateTime, formatNumber } from '../../format';
import { fill, locale, t } from '../../i18n';
import { saveFile } from './files';
import { Form, Field } from '../../components/Form';

type QueueItem = RouterOutputs['training']['instructor']['gradingQueue'][number];

function GradeForm(props: { item: QueueItem; cohortId: number }) {
  const client = useQueryClient();
  const [score, setScore] = createSignal('');
  const [feedback, setFeedback] = createSignal('');
  const [resubmit, setResubmit] = createSignal(false);
  const grade = useMutation(() => ({
    mutationFn: () => trpc.training.instructor.grade.mutate({ submissionId: props.item.submissionId, score: Number(score()), feedback: feedback(), allowResubmission: resubmit() }),
    onSuccess: () => {
      invalidate(client, queries.training.instructor.gradingQueue.queryKey(), queries.training.instructor.cohortProgress.queryKey());
    },
  }));
  const file = useMutation(() => ({
    mutationFn: (fileId: number) => trpc.training.instructor.submissionFile.query({ fileId }),
    onSuccess: (downloaded) => saveFile(downloaded),
  }));
  const m = () => t().training;
  const id = (suffix: string) => `grade-${props.item.submissionId}-${suffix}`;

  return (
    <article class="card" data-testid="grading-item" aria-labelledby={id('title')}>
      <h3 id={id('title')}>
        {props.item.assignmentTitle} — {props.item.traineeName}
      </h3>
      <p class="muted">
        {fill(m().attemptOf, { attempt: props.item.attempt })} · {formatDateTime(props.item.submittedAt, locale())}
      </p>
      <Show when={props.item.textBody} fallback={<p class="muted">{m().noText}</p>}>
        <p class="citizen-text" data-testid="submission-text">
          {props.item.textBody}
        </p>
      </Show>
      <Show when={props.item.files.length > 0}>
        <ul>
          <For each={props.item.files}>
            {(f) => (
              <li>
                <button type="button" class="button--ghost" onClick={() => file.mutate(f.id)}>
                  {fill(m().downloadFile, { name: f.fileName })}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <MutationError error={file.error} />
      <Form onSubmit={() => grade.mutate()}>
        <div class="form-row">
          <div class="field">
            <label for={id('score')}>{fill(m().scoreOutOf, { max: formatNumber(props.item.maxScore, locale()) })}</label>
            <input
              id={id('score')}
              type="number"
              required
              min="0"
              max={String(props.item.maxScore)}
              step="any"
              aria-describedby={id('pass')}
              value={score()}
              onInput={(e) => setScore(e.currentTarget.value)}
            />
            <p id={id('pass')} class="muted">
              {fill(m().passFrom, { pass: formatNumber(props.item.passScore, locale()) })}
            </p>
          </div>
          <Field id={id('feedback')} label={m().feedback}>
            <textarea id={id('feedback')} rows="3" maxLength={20_000} value={feedback()} onInput={(e) => setFeedback(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="field field--inline">
          <input id={id('resubmit')} type="checkbox" checked={resubmit()} onChange={(e) => setResubmit(e.currentTarget.checked)} />
          <label for={id('resubmit')}>{m().allowResubmission}</label>
        </div>
        <button type="submit" disabled={grade.isPending || score() === ''}>
          {m().saveGrade}
        </button>
      </Form>
      <MutationError error={grade.error} />
    </article>
  );
}

/** Ungraded answers of the cohort, oldest first; grading re-evaluates completion on the server. */
export function GradingQueue(props: { cohortId: number }) {
  const queue = useQuery(() => queries.training.instructor.gradingQueue.queryOptions({ cohortId: props.cohortId }));
  const m = () => t().training;
  return (
    <section aria-labelledby="grading-title">
      <h2 id="grading-title">{m().gradingQueue}</h2>
      <QueryView query={queue} empty={(list) => list.length === 0} emptyDetail={m().queueEmpty}>
        {(list) => <For each={list}>{(item) => <GradeForm item={item} cohortId={props.cohortId} />}</For>}
      </QueryView>
    </section>
  );
}
