import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate, type RouterInputs } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { Form, Field, TextField } from '../../components/Form';

type CourseKind = RouterInputs['training']['monitor']['createCourse']['kind'];
const KINDS: CourseKind[] = ['qualification_upgrade', 'professional_retraining'];
/** The legal minimum volume per programme kind (the server checks the same numbers). */
export const MIN_HOURS: Record<CourseKind, number> = { qualification_upgrade: 16, professional_retraining: 250 };

/** A new programme with one module and, optionally, one assignment; more structure comes from the API. */
export function CourseForm() {
  const client = useQueryClient();
  const [title, setTitle] = createSignal('');
  const [kind, setKind] = createSignal<CourseKind>('qualification_upgrade');
  const [hours, setHours] = createSignal('16');
  const [description, setDescription] = createSignal('');
  // What the ФИС ФРДО row of every document of this programme says (columns 12–14).
  const [field, setField] = createSignal('');
  const [ugs, setUgs] = createSignal('');
  const [qualification, setQualification] = createSignal('');
  const [assignmentTitle, setAssignmentTitle] = createSignal('');
  const [maxScore, setMaxScore] = createSignal('10');
  const [passScore, setPassScore] = createSignal('6');
  // Deadlines are days after a cohort's start (one programme serves many cohorts): a week by default.
  const [dueDay, setDueDay] = createSignal('7');
  const create = useMutation(() => ({
    mutationFn: () =>
      trpc.training.monitor.createCourse.mutate({
        title: title(),
        kind: kind(),
        totalHours: Number(hours()),
        descriptionMd: description(),
        professionalField: field().trim() || null,
        ugs: ugs().trim() || null,
        qualificationName: qualification().trim() || null,
        modules: [{ title: title(), hours: Math.min(Number(hours()), 5000), lessons: [] }],
        assignments: assignmentTitle().trim() ? [{ title: assignmentTitle().trim(), maxScore: Number(maxScore()), passScore: Number(passScore()), dueDay: Number(dueDay()) }] : [],
      }),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      setAssignmentTitle('');
      invalidate(client, queries.training.monitor.courses.queryKey());
    },
  }));
  const m = () => t().training;
  const belowMinimum = () => hours() !== '' && Number(hours()) < MIN_HOURS[kind()];

  return (
    <Form class="card" aria-labelledby="course-form-title" onSubmit={() => create.mutate()}>
      <h2 id="course-form-title">{m().newCourse}</h2>
      <div class="form-row">
        <TextField id="course-title" label={m().courseTitle} required minLength={3} maxLength={500} value={title()} onInput={setTitle} />
        <Field id="course-kind" label={m().kind}>
          <select id="course-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as CourseKind)}>
            <For each={KINDS}>{(value) => <option value={value}>{m().kinds[value]}</option>}</For>
          </select>
        </Field>
        <div class="field">
          <label for="course-hours">{m().totalHours}</label>
          <input
            id="course-hours"
            type="number"
            required
            min="1"
            max="5000"
            step="1"
            aria-describedby="course-hours-hint"
            aria-invalid={belowMinimum()}
            value={hours()}
            onInput={(e) => setHours(e.currentTarget.value)}
          />
          <p id="course-hours-hint" classList={{ muted: !belowMinimum(), 'notice notice--bad': belowMinimum() }}>
            {fill(m().minHours, { hours: MIN_HOURS[kind()] })}
          </p>
        </div>
      </div>
      <Field id="course-description" label={m().description}>
        <textarea id="course-description" rows="3" maxLength={20_000} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      <div class="form-row">
        <TextField id="course-field" label={m().professionalField} maxLength={500} value={field()} onInput={setField} />
        <TextField id="course-ugs" label={m().ugs} maxLength={500} value={ugs()} onInput={setUgs} hint={m().ugsHint} />
        <TextField id="course-qualification" label={m().qualificationName} maxLength={500} value={qualification()} onInput={setQualification} />
      </div>
      <fieldset>
        <legend>{m().firstAssignment}</legend>
        <div class="form-row">
          <TextField id="course-assignment" label={m().assignmentTitle} maxLength={500} value={assignmentTitle()} onInput={setAssignmentTitle} />
          <TextField id="course-max" label={m().maxScore} type="number" min="1" step="any" value={maxScore()} onInput={setMaxScore} />
          <TextField id="course-pass" label={m().passScore} type="number" min="0" step="any" value={passScore()} onInput={setPassScore} />
          <TextField id="course-due-day" label={m().dueDay} type="number" min="0" max="3650" step="1" value={dueDay()} onInput={setDueDay} hint={m().dueDayHint} />
        </div>
      </fieldset>
      <button type="submit" disabled={create.isPending}>
        {m().createCourse}
      </button>
      <Show when={create.data}>
        {(course) => (
          <p class="notice notice--ok" role="status">
            {fill(m().courseCreated, { title: course().title })}
          </p>
        )}
      </Show>
      <MutationError error={create.error} />
    </Form>
  );
}
