import { A, useParams } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { fileToBase64 } from './files';
import { TRAINEE_ROLES } from './roles';
import { Form, Field } from '../../components/Form';
import { FileInput } from '../../components/FileInput';
import { usePageTitle } from '../../layout/title';

const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Text and up to five files for one assignment; the API checks size and type again. */
function SubmitForm(props: { enrolmentId: number; assignmentId: number; title: string }) {
  const client = useQueryClient();
  const [text, setText] = createSignal('');
  const [files, setFiles] = createSignal<File[]>([]);
  const [tooBig, setTooBig] = createSignal(false);
  const submit = useMutation(() => ({
    mutationFn: async () =>
      trpc.training.trainee.submit.mutate({
        enrolmentId: props.enrolmentId,
        assignmentId: props.assignmentId,
        text: text(),
        files: await Promise.all(files().map(async (file) => ({ fileName: file.name, contentBase64: await fileToBase64(file) }))),
      }),
    onSuccess: () => {
      setText('');
      setFiles([]);
      invalidate(client, queries.training.trainee.assignments.queryKey(), queries.training.trainee.myCourses.queryKey());
    },
  }));
  const m = () => t().training;
  const id = (suffix: string) => `submit-${props.assignmentId}-${suffix}`;

  return (
    <Form
      class="card"
      aria-label={fill(m().submitFor, { title: props.title })}
      onSubmit={() => {
        if (!tooBig() && (text().trim() || files().length > 0)) submit.mutate();
      }}
    >
      <Field id={id('text')} label={m().answerText}>
        <textarea id={id('text')} rows="6" maxLength={100_000} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <FileInput
        id={id('files')}
        label={m().answerFiles}
        hint={m().filesHint}
        multiple
        onChange={(chosen) => {
          const kept = chosen.slice(0, MAX_FILES);
          setFiles(kept);
          setTooBig(kept.some((file) => file.size > MAX_FILE_BYTES));
        }}
      />
      <Show when={tooBig()}>
        <p class="notice notice--bad" role="alert">
          {m().fileTooBig}
        </p>
      </Show>
      <button type="submit" disabled={submit.isPending || tooBig() || (!text().trim() && files().length === 0)}>
        {m().submitAnswer}
      </button>
      <Show when={submit.isSuccess}>
        <p class="notice notice--ok" role="status">
          {m().submitted}
        </p>
      </Show>
      <MutationError error={submit.error} />
    </Form>
  );
}

/** One course for the trainee: assignments with status, grades and feedback, and the answer form. */
export default function TraineeCoursePage() {
  const params = useParams<{ enrolmentId: string }>();
  const enrolmentId = () => Number(params.enrolmentId);
  const assignments = useQuery(() => queries.training.trainee.assignments.queryOptions({ enrolmentId: enrolmentId() }));
  // The same list as the dashboard (cached): the enrolment's state decides whether answers can be sent now.
  const courses = useQuery(() => queries.training.trainee.myCourses.queryOptions());
  const course = () => courses.data?.find((c) => c.enrolmentId === enrolmentId());
  const closedReason = () => course()?.courseworkClosedReason ?? null;
  const m = () => t().training;
  // Each course names itself in the heading and the tab, not just "Задания".
  const heading = () => {
    const c = course();
    return c ? fill(m().courseAssignments, { course: c.courseTitle }) : m().assignments;
  };
  usePageTitle(() => [heading()]);
  const canSubmit = (status: string) => course() !== undefined && closedReason() === null && (status === 'not_submitted' || status === 'resubmission_allowed');

  return (
    <RequireRole roles={TRAINEE_ROLES}>
      <p>
        <A href="/training">← {m().traineeTitle}</A>
      </p>
      <h1>{heading()}</h1>
      <Show when={course()}>
        {(c) => (
          <>
            <p class="muted">
              {c().cohortTitle}, {formatDate(c().startsOn, locale())} — {formatDate(c().endsOn, locale())}
            </p>
            <Show when={c().courseworkClosedReason}>
              {(reason) => (
                <p class="notice" role="note" data-testid="coursework-closed">
                  {fill(m().courseworkClosed[reason()], { date: formatDate(c().startsOn, locale()) })}
                  <Show when={c().stateReason}>{(why) => <> ({why()})</>}</Show>
                </p>
              )}
            </Show>
          </>
        )}
      </Show>
      <QueryView query={assignments} empty={(list) => list.length === 0} emptyDetail={m().noAssignments}>
        {(list) => (
          <For each={list}>
            {(assignment) => (
              <article class="card" data-testid="assignment" aria-labelledby={`assignment-${assignment.assignmentId}`}>
                <h2 id={`assignment-${assignment.assignmentId}`}>{assignment.title}</h2>
                <Show when={assignment.instructionsMd}>
                  <p class="citizen-text">{assignment.instructionsMd}</p>
                </Show>
                <dl class="meta">
                  <dt>{m().status}</dt>
                  <dd data-testid="assignment-status">{label(m().assignmentStatuses, assignment.status)}</dd>
                  <dt>{m().due}</dt>
                  <dd>{formatDateTime(assignment.dueAt, locale())}</dd>
                  <dt>{m().passScore}</dt>
                  <dd>
                    {formatNumber(assignment.passScore, locale())} / {formatNumber(assignment.maxScore, locale())}
                  </dd>
                  <dt>{m().attempts}</dt>
                  <dd>{assignment.attempts}</dd>
                  <Show when={assignment.lastScore !== null}>
                    <dt>{m().score}</dt>
                    <dd data-testid="assignment-score">{formatNumber(assignment.lastScore, locale())}</dd>
                  </Show>
                  <Show when={assignment.lastFeedback}>
                    {(feedback) => (
                      <>
                        <dt>{m().feedback}</dt>
                        <dd class="citizen-text" data-testid="assignment-feedback">
                          {feedback()}
                        </dd>
                      </>
                    )}
                  </Show>
                </dl>
                <Show when={assignment.rubric.length > 0}>
                  <h3>{m().rubric}</h3>
                  <ul>
                    <For each={assignment.rubric}>
                      {(item) => (
                        <li>
                          {item.criterion}: {formatNumber(item.points, locale())}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={canSubmit(assignment.status)}>
                  <SubmitForm enrolmentId={enrolmentId()} assignmentId={assignment.assignmentId} title={assignment.title} />
                </Show>
              </article>
            )}
          </For>
        )}
      </QueryView>
    </RequireRole>
  );
}
