import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { CohortForm } from './CohortForm';
import { CohortInstructors } from './CohortInstructors';
import { CourseForm } from './CourseForm';
import { TRAINING_MANAGER_ROLES } from './roles';
import { SessionForm } from './SessionForm';
import { DataTable } from '../../components/DataTable';
import { QueryList } from '../../components/QueryList';

function CohortSessions(props: { cohortId: number }) {
  const sessions = useQuery(() => queries.training.instructor.sessions.queryOptions({ cohortId: props.cohortId }));
  const m = () => t().training;
  return (
    <div>
      <QueryList query={sessions} emptyDetail={m().noSessions}>
        {(s) => (
          <li>
            {formatDateTime(s.startsAt, locale())} — {s.title} ({formatNumber(s.hours, locale())} {t().units.hours}, {s.mode === 'online' ? s.link : s.place})
          </li>
        )}
      </QueryList>
      <SessionForm cohortId={props.cohortId} />
    </div>
  );
}

function Cohorts() {
  const cohorts = useQuery(() => queries.training.monitor.cohorts.queryOptions({}));
  const [open, setOpen] = createSignal<number>();
  const m = () => t().training;
  return (
    <section aria-labelledby="cohorts-title">
      <h2 id="cohorts-title">{m().cohorts}</h2>
      <QueryView query={cohorts} empty={(list) => list.length === 0} emptyDetail={m().noCohorts}>
        {(list) => (
          <For each={list}>
            {(cohort) => (
              <article class="card" data-testid="cohort-card" aria-labelledby={`cohort-${cohort.id}`}>
                <h3 id={`cohort-${cohort.id}`}>
                  {cohort.courseTitle} — {cohort.title}
                </h3>
                <dl class="meta">
                  <dt>{m().dates}</dt>
                  <dd>
                    {formatDate(cohort.startsOn, locale())} — {formatDate(cohort.endsOn, locale())}
                  </dd>
                  <dt>{m().formOfStudy}</dt>
                  <dd>{label(m().forms, cohort.formOfStudy)}</dd>
                  <dt>{m().capacity}</dt>
                  <dd>{fill(m().seats, { taken: cohort.seatsTaken, capacity: cohort.capacity })}</dd>
                  <dt>{m().enrolmentWindow}</dt>
                  <dd>
                    {formatDateTime(cohort.enrolmentOpensAt, locale())} — {formatDateTime(cohort.enrolmentClosesAt, locale())}
                  </dd>
                </dl>
                <CohortInstructors cohortId={cohort.id} />
                <div class="toolbar">
                  <button type="button" class="button--ghost" aria-expanded={open() === cohort.id} onClick={() => setOpen(open() === cohort.id ? undefined : cohort.id)}>
                    {m().sessions}
                  </button>
                  <A href={`/training/enrolments?cohort=${cohort.id}`}>{m().enrolments}</A>
                  <A href={`/training/teach?cohort=${cohort.id}`}>{m().teachTitle}</A>
                </div>
                <Show when={open() === cohort.id}>
                  <CohortSessions cohortId={cohort.id} />
                </Show>
              </article>
            )}
          </For>
        )}
      </QueryView>
    </section>
  );
}

/** Monitors: programmes (courses), their cohorts and the cohorts' sessions. */
export default function ManagePage() {
  const courses = useQuery(() => queries.training.monitor.courses.queryOptions());
  const m = () => t().training;
  return (
    <RequireRole roles={TRAINING_MANAGER_ROLES}>
      <h1>{m().manageTitle}</h1>
      <CourseForm />
      <section aria-labelledby="courses-title">
        <h2 id="courses-title">{m().courses}</h2>
        <QueryView query={courses} empty={(list) => list.length === 0} emptyDetail={m().noCoursesYet}>
          {(list) => (
            <>
              <DataTable
                caption={m().courses}
                captionClass="visually-hidden"
                testId="courses-table"
                rows={list}
                columns={[
                  { header: m().courseTitle, cell: (course) => course.title },
                  { header: m().kind, cell: (course) => label(m().kinds, course.kind) },
                  { header: m().totalHours, numeric: true, cell: (course) => course.totalHours },
                  { header: m().cohorts, numeric: true, cell: (course) => course.cohortCount },
                ]}
              />
              <CohortForm courses={list.filter((c) => !c.archivedAt)} />
            </>
          )}
        </QueryView>
      </section>
      <Cohorts />
    </RequireRole>
  );
}
