import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';

type CourseKind = 'qualification_upgrade' | 'professional_retraining';
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
    <form
      class="card"
      aria-labelledby="course-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2 id="course-form-title">{m().newCourse}</h2>
      <div class="form-row">
        <div class="field">
          <label for="course-title">{m().courseTitle}</label>
          <input id="course-title" required minLength={3} maxLength={500} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="course-kind">{m().kind}</label>
          <select id="course-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as CourseKind)}>
            <For each={KINDS}>{(value) => <option value={value}>{m().kinds[value]}</option>}</For>
          </select>
        </div>
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
      <div class="field">
        <label for="course-description">{m().description}</label>
        <textarea id="course-description" rows="3" maxLength={20_000} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div class="form-row">
        <div class="field">
          <label for="course-field">{m().professionalField}</label>
          <input id="course-field" maxLength={500} value={field()} onInput={(e) => setField(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="course-ugs">{m().ugs}</label>
          <input id="course-ugs" maxLength={500} aria-describedby="course-ugs-hint" value={ugs()} onInput={(e) => setUgs(e.currentTarget.value)} />
          <p id="course-ugs-hint" class="muted">
            {m().ugsHint}
          </p>
        </div>
        <div class="field">
          <label for="course-qualification">{m().qualificationName}</label>
          <input id="course-qualification" maxLength={500} value={qualification()} onInput={(e) => setQualification(e.currentTarget.value)} />
        </div>
      </div>
      <fieldset>
        <legend>{m().firstAssignment}</legend>
        <div class="form-row">
          <div class="field">
            <label for="course-assignment">{m().assignmentTitle}</label>
            <input id="course-assignment" maxLength={500} value={assignmentTitle()} onInput={(e) => setAssignmentTitle(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="course-max">{m().maxScore}</label>
            <input id="course-max" type="number" min="1" step="any" value={maxScore()} onInput={(e) => setMaxScore(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="course-pass">{m().passScore}</label>
            <input id="course-pass" type="number" min="0" step="any" value={passScore()} onInput={(e) => setPassScore(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="course-due-day">{m().dueDay}</label>
            <input id="course-due-day" type="number" min="0" max="3650" step="1" aria-describedby="course-due-day-hint" value={dueDay()} onInput={(e) => setDueDay(e.currentTarget.value)} />
            <p id="course-due-day-hint" class="muted">
              {m().dueDayHint}
            </p>
          </div>
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
    </form>
  );
}
