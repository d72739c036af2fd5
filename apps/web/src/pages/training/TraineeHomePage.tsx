import { A } from '@solidjs/router';
import { useMutation, useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc, queries } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { saveFile } from './files';
import { ProfileForm } from './ProfileForm';
import { TRAINEE_ROLES } from './roles';
import { QueryTable } from '../../components/QueryTable';

function MyCourses() {
  const courses = useQuery(() => queries.training.trainee.myCourses.queryOptions());
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
              <article class="card" data-testid="my-course" aria-labelledby={`course-${course.enrolmentId}`}>
                <h3 id={`course-${course.enrolmentId}`}>{course.courseTitle}</h3>
                <dl class="meta">
                  <dt>{m().cohort}</dt>
                  <dd>{course.cohortTitle}</dd>
                  <dt>{m().kind}</dt>
                  <dd>
                    {label(m().kinds, course.kind)}, {fill(m().hoursValue, { hours: course.totalHours })}
                  </dd>
                  <dt>{m().dates}</dt>
                  <dd>
                    {formatDate(course.startsOn, locale())} — {formatDate(course.endsOn, locale())}
                  </dd>
                  <dt>{m().state}</dt>
                  <dd data-testid="enrolment-state">
                    {label(m().states, course.state)}
                    <Show when={course.stateReason}>{(reason) => <span class="muted"> ({reason()})</span>}</Show>
                  </dd>
                </dl>
                <Show when={course.courseworkClosedReason !== 'finished' && course.courseworkClosedReason}>
                  {(reason) => (
                    <p class="notice" role="note" data-testid="coursework-closed">
                      {fill(m().courseworkClosed[reason()], { date: formatDate(course.startsOn, locale()) })}
                    </p>
                  )}
                </Show>
                <div class="field">
                  <label for={`progress-${course.enrolmentId}`}>
                    {m().progress}: {formatNumber(course.progressPercent, locale(), 0)}%
                  </label>
                  <progress id={`progress-${course.enrolmentId}`} max="100" value={course.progressPercent} style={{ width: '100%', 'max-width': '28rem' }}>
                    {formatNumber(course.progressPercent, locale(), 0)}%
                  </progress>
                  <p class="muted">
                    {fill(m().progressDetail, {
                      lessons: course.lessonsDone,
                      lessonsTotal: course.lessonsTotal,
                      passed: course.assignmentsPassed,
                      assignmentsTotal: course.assignmentsTotal,
                    })}
                  </p>
                </div>
                <div class="toolbar">
                  <A href={`/training/courses/${course.enrolmentId}`} class="button">
                    {m().openAssignments}
                  </A>
                  <Show when={course.certificateId}>
                    {(certificateId) => (
                      <>
                        <button type="button" disabled={download.isPending} onClick={() => download.mutate(certificateId())}>
                          {m().downloadCertificate}
                        </button>
                        <Show when={course.certificateCode}>
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
  const sessions = useQuery(() => queries.training.trainee.upcomingSessions.queryOptions());
  const m = () => t().training;
  return (
    <section aria-labelledby="upcoming-title">
      <h2 id="upcoming-title">{m().upcomingSessions}</h2>
      <QueryTable
        query={sessions}
        emptyDetail={m().noSessions}
        caption={m().upcomingSessions}
        captionClass="visually-hidden"
        testId="upcoming-sessions"
        columns={[
          { header: m().sessionStarts, cell: (session) => formatDateTime(session.startsAt, locale()) },
          { header: m().sessionTitle, cell: (session) => session.title },
          { header: m().course, cell: (session) => session.courseTitle },
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
