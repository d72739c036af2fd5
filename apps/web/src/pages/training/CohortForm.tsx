import { useMutation, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { fill, t } from '../../i18n';
import { regionToday } from './files';

type FormOfStudy = 'full_time' | 'part_time' | 'distance';
const FORMS: FormOfStudy[] = ['full_time', 'part_time', 'distance'];
type Funding = 'federal' | 'regional' | 'local' | 'paid';
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
    <form
      class="card"
      aria-labelledby="cohort-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2 id="cohort-form-title">{m().newCohort}</h2>
      <div class="form-row">
        <div class="field">
          <label for="cohort-course">{m().course}</label>
          <select id="cohort-course" required value={courseId()} onChange={(e) => setCourseId(e.currentTarget.value)}>
            <For each={props.courses}>{(course) => <option value={String(course.id)}>{course.title}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="cohort-title">{m().cohortTitle}</label>
          <input id="cohort-title" required maxLength={300} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cohort-capacity">{m().capacity}</label>
          <input id="cohort-capacity" type="number" required min="1" step="1" value={capacity()} onInput={(e) => setCapacity(e.currentTarget.value)} />
        </div>
      </div>
      <div class="form-row">
        <div class="field">
          <label for="cohort-starts">{m().startsOn}</label>
          <input id="cohort-starts" type="date" required value={startsOn()} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cohort-ends">{m().endsOn}</label>
          <input id="cohort-ends" type="date" required value={endsOn()} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cohort-opens">{m().enrolmentOpens}</label>
          <input id="cohort-opens" type="date" required value={opens()} onInput={(e) => setOpens(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="cohort-closes">{m().enrolmentCloses}</label>
          <input id="cohort-closes" type="date" required value={closes()} onInput={(e) => setCloses(e.currentTarget.value)} />
        </div>
      </div>
      <div class="form-row">
        <div class="field">
          <label for="cohort-form">{m().formOfStudy}</label>
          <select id="cohort-form" value={form()} onChange={(e) => setForm(e.currentTarget.value as FormOfStudy)}>
            <For each={FORMS}>{(value) => <option value={value}>{m().forms[value]}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="cohort-funding">{m().funding}</label>
          <select id="cohort-funding" value={funding()} onChange={(e) => setFunding(e.currentTarget.value as Funding)}>
            <For each={FUNDING}>{(value) => <option value={value}>{m().fundingSources[value]}</option>}</For>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{m().completionRule}</legend>
        <div class="field">
          <label for="cohort-rule-mode">{m().ruleMode}</label>
          <select id="cohort-rule-mode" value={mode()} onChange={(e) => setMode(e.currentTarget.value as 'all' | 'any')}>
            <option value="all">{m().ruleAll}</option>
            <option value="any">{m().ruleAny}</option>
          </select>
        </div>
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
    </form>
  );
}
