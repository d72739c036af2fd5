import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate, type RouterInputs } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { regionToday } from './files';
import { Form, Field, TextField } from '../../components/Form';

type FormOfStudy = RouterInputs['training']['monitor']['createCohort']['formOfStudy'];
const FORMS: FormOfStudy[] = ['full_time', 'part_time', 'distance'];
type Funding = NonNullable<RouterInputs['training']['monitor']['createCohort']['fundingSource']>;
const FUNDING: Funding[] = ['regional', 'federal', 'local', 'paid'];

/** Midnight of a regional calendar day (Saratov is UTC+4 all year). */
const regionMidnight = (day: string) => `${day}T00:00:00+04:00`;
const regionEndOfDay = (day: string) => `${day}T23:59:59+04:00`;

/** A cohort of a course: dates, form of study, capacity, enrolment window and the completion rule. */
export function CohortForm(props: { courses: { id: number; title: string }[] }) {
  const client = useQueryClient();
  const today = regionToday();
  const [courseId, setCourseId] = createSignal(String(props.courses[0]?.id ?? ''));
  const [title, setTitle] = createSignal('');
  const [startsOn, setStartsOn] = createSignal(today);
  // Four weeks by default, so that a programme's default deadline (a week after the start) fits.
  const [endsOn, setEndsOn] = createSignal(regionToday(new Date(Date.now() + 28 * 86_400_000)));
  const [form, setForm] = createSignal<FormOfStudy>('distance');
  const [funding, setFunding] = createSignal<Funding>('regional');
  const [capacity, setCapacity] = createSignal('25');
  const [opens, setOpens] = createSignal(today);
  const [closes, setCloses] = createSignal(today);
  const [mode, setMode] = createSignal<'all' | 'any'>('all');
  const [needAssignments, setNeedAssignments] = createSignal(true);
  const [attendance, setAttendance] = createSignal('75');
  const [needFinal, setNeedFinal] = createSignal(false);
  const [needManual, setNeedManual] = createSignal(false);
  const conditions = () => [
    ...(needAssignments() ? [{ kind: 'required_assignments_passed' as const }] : []),
    ...(attendance() !== '' ? [{ kind: 'attendance_at_least' as const, percent: Number(attendance()) }] : []),
    ...(needFinal() ? [{ kind: 'final_assessment_passed' as const }] : []),
    ...(needManual() ? [{ kind: 'manual_mark' as const }] : []),
  ];
  const create = useMutation(() => ({
    mutationFn: () =>
      trpc.training.monitor.createCohort.mutate({
        courseId: Number(courseId()),
        title: title(),
        startsOn: startsOn(),
        endsOn: endsOn(),
        formOfStudy: form(),
        fundingSource: funding(),
        capacity: Number(capacity()),
        enrolmentOpensAt: regionMidnight(opens()),
        enrolmentClosesAt: regionEndOfDay(closes()),
        completionRule: { mode: mode(), conditions: conditions() },
      }),
    onSuccess: () => {
      setTitle('');
      invalidate(client, queries.training.monitor.cohorts.queryKey(), queries.training.instructor.myCohorts.queryKey());
    },
  }));
  const m = () => t().training;

  return (
    <Form class="card" aria-labelledby="cohort-form-title" onSubmit={() => create.mutate()}>
      <h2 id="cohort-form-title">{m().newCohort}</h2>
      <div class="form-row">
        <Field id="cohort-course" label={m().course}>
          <select id="cohort-course" required value={courseId()} onChange={(e) => setCourseId(e.currentTarget.value)}>
            <For each={props.courses}>{(course) => <option value={String(course.id)}>{course.title}</option>}</For>
          </select>
        </Field>
        <TextField id="cohort-title" label={m().cohortTitle} required maxLength={300} value={title()} onInput={setTitle} />
        <TextField id="cohort-capacity" label={m().capacity} type="number" required min="1" step="1" value={capacity()} onInput={setCapacity} />
      </div>
      <div class="form-row">
        <TextField id="cohort-starts" label={m().startsOn} type="date" required value={startsOn()} onInput={setStartsOn} />
        <TextField id="cohort-ends" label={m().endsOn} type="date" required value={endsOn()} onInput={setEndsOn} />
        <TextField id="cohort-opens" label={m().enrolmentOpens} type="date" required value={opens()} onInput={setOpens} />
        <TextField id="cohort-closes" label={m().enrolmentCloses} type="date" required value={closes()} onInput={setCloses} />
      </div>
      <div class="form-row">
        <Field id="cohort-form" label={m().formOfStudy}>
          <select id="cohort-form" value={form()} onChange={(e) => setForm(e.currentTarget.value as FormOfStudy)}>
            <For each={FORMS}>{(value) => <option value={value}>{m().forms[value]}</option>}</For>
          </select>
        </Field>
        <Field id="cohort-funding" label={m().funding}>
          <select id="cohort-funding" value={funding()} onChange={(e) => setFunding(e.currentTarget.value as Funding)}>
            <For each={FUNDING}>{(value) => <option value={value}>{m().fundingSources[value]}</option>}</For>
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{m().completionRule}</legend>
        <Field id="cohort-rule-mode" label={m().ruleMode}>
          <select id="cohort-rule-mode" value={mode()} onChange={(e) => setMode(e.currentTarget.value as 'all' | 'any')}>
            <option value="all">{m().ruleAll}</option>
            <option value="any">{m().ruleAny}</option>
          </select>
        </Field>
        <div class="field field--inline">
          <input id="cohort-rule-assignments" type="checkbox" checked={needAssignments()} onChange={(e) => setNeedAssignments(e.currentTarget.checked)} />
          <label for="cohort-rule-assignments">{m().ruleAssignments}</label>
        </div>
        <div class="field field--inline">
          <label for="cohort-rule-attendance">{m().ruleAttendance}</label>
          <input id="cohort-rule-attendance" type="number" min="0" max="100" step="1" value={attendance()} onInput={(e) => setAttendance(e.currentTarget.value)} />
        </div>
        <div class="field field--inline">
          <input id="cohort-rule-final" type="checkbox" checked={needFinal()} onChange={(e) => setNeedFinal(e.currentTarget.checked)} />
          <label for="cohort-rule-final">{m().ruleFinal}</label>
        </div>
        <div class="field field--inline">
          <input id="cohort-rule-manual" type="checkbox" checked={needManual()} onChange={(e) => setNeedManual(e.currentTarget.checked)} />
          <label for="cohort-rule-manual">{m().ruleManual}</label>
        </div>
      </fieldset>
      <button type="submit" disabled={create.isPending || props.courses.length === 0 || conditions().length === 0}>
        {m().createCohort}
      </button>
      <Show when={create.data}>
        {(cohort) => (
          <p class="notice notice--ok" role="status">
            {fill(m().cohortCreated, { title: cohort().title })}
          </p>
        )}
      </Show>
      <MutationError error={create.error} />
    </Form>
  );
}
