import { A } from '@solidjs/router';
import { useMutation, useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { RequireRole } from '../../components/RequireRole';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { saveFile } from './files';
import { ProfileForm } from './ProfileForm';
import { TRAINEE_ROLES } from './roles';

function MyCourses() {
  const courses = useQuery(() => ({ queryKey: ['training.trainee.myCourses'], queryFn: () => trpc.training.trainee.myCourses.query() }));
  const download = useMutation(() => ({
    mutationFn: (certificateId: number) => trpc.training.trainee.certificatePdf.query({ certificateId }),
    onSuccess: (file) => saveFile(file),
  }));
  const m = () => t().training;

  return (
    <section aria-labelledby="my-courses-title">
      <h2 id="my-courses-title">{m().myCourses}</h2>
      <MutationError error={download.error} />
      <QueryView query={courses} empty={(list) => list.length === 0} emptyDetail={m().noCourses}>
        {(list) => (
          <For each={list}>
            {(course) => (
              <article class="card" data-testid="my-course" aria-labelledby={`course-${course.enrolment_id}`}>
                <h3 id={`course-${course.enrolment_id}`}>{course.course_title}</h3>
                <dl class="meta">
                  <dt>{m().cohort}</dt>
                  <dd>{course.cohort_title}</dd>
                  <dt>{m().kind}</dt>
                  <dd>
                    {label(m().kinds, course.kind)}, {fill(m().hoursValue, { hours: course.total_hours })}
                  </dd>
                  <dt>{m().dates}</dt>
                  <dd>
                    {formatDate(course.starts_on, locale())} — {formatDate(course.ends_on, locale())}
                  </dd>
                  <dt>{m().state}</dt>
                  <dd data-testid="enrolment-state">
                    {label(m().states, course.state)}
                    <Show when={course.state_reason}>{(reason) => <span class="muted"> ({reason()})</span>}</Show>
                  </dd>
                </dl>
                <Show when={course.coursework_closed_reason !== 'finished' && course.coursework_closed_reason}>
                  {(reason) => (
                    <p class="notice" role="note" data-testid="coursework-closed">
                      {fill(m().courseworkClosed[reason()], { date: formatDate(course.starts_on, locale()) })}
                    </p>
                  )}
                </Show>
                <div class="field">
                  <label for={`progress-${course.enrolment_id}`}>
                    {m().progress}: {formatNumber(course.progress_percent, locale(), 0)}%
                  </label>
                  <progress id={`progress-${course.enrolment_id}`} max="100" value={course.progress_percent} style={{ width: '100%', 'max-width': '28rem' }}>
                    {formatNumber(course.progress_percent, locale(), 0)}%
                  </progress>
                  <p class="muted">
                    {fill(m().progressDetail, {
                      lessons: course.lessons_done,
                      lessonsTotal: course.lessons_total,
                      passed: course.assignments_passed,
                      assignmentsTotal: course.assignments_total,
                    })}
                  </p>
                </div>
                <div class="toolbar">
                  <A href={`/training/courses/${course.enrolment_id}`} class="button">
                    {m().openAssignments}
                  </A>
                  <Show when={course.certificate_id}>
                    {(certificateId) => (
                      <>
                        <button type="button" disabled={download.isPending} onClick={() => download.mutate(certificateId())}>
                          {m().downloadCertificate}
                        </button>
                        <Show when={course.certificate_code}>
                          {(code) => (
                            <a href={`/verify/${encodeURIComponent(code())}`} rel="noopener external" target="_blank">
                              {m().verifyLink}
                            </a>
                          )}
                        </Show>
                      </>
                    )}
                  </Show>
                </div>
              </article>
            )}
          </For>
        )}
      </QueryView>
    </section>
  );
}

function UpcomingSessions() {
  const sessions = useQuery(() => ({ queryKey: ['training.trainee.upcomingSessions'], queryFn: () => trpc.training.trainee.upcomingSessions.query() }));
  const m = () => t().training;
  return (
    <section aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{m().upcomingSessions}</h2>
      <QueryView query={sessions} empty={(list) => list.length === 0} emptyDetail={m().noSessions}>
        {(list) => (
          <DataTable
            caption={m().upcomingSessions}
            captionClass="visually-hidden"
            testId="upcoming-sessions"
            rows={list}
            columns={[
              { header: m().sessionStarts, cell: (session) => formatDateTime(session.starts_at, locale()) },
              { header: m().sessionTitle, cell: (session) => session.title },
              { header: m().course, cell: (session) => session.course_title },
              { header: m().hours, numeric: true, cell: (session) => formatNumber(session.hours, locale()) },
              {
                header: m().sessionWhere,
                cell: (session) => (
                  <Show when={session.mode === 'online' && session.link} fallback={session.place ?? '—'}>
                    <a href={session.link!} rel="external noopener" target="_blank">
                      {m().modes.online}
                    </a>
                  </Show>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </section>
  );
}

/** The trainee's home: their courses with progress and documents, and the sessions ahead. */
export default function TraineeHomePage() {
  return (
    <RequireRole roles={TRAINEE_ROLES}>
      <h1>{t().training.traineeTitle}</h1>
      <MyCourses />
      <UpcomingSessions />
      <ProfileForm />
    </RequireRole>
  );
}
