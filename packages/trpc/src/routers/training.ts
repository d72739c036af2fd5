import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { listUsers, type Queryable, type SessionUser } from '@most/db';
import {
  addCohortSession,
  archiveCourse,
  attachLessonFile,
  courseOfLessonFile,
  setCohortInstructors,
  attachCohortInstructor,
  detachCohortInstructor,
  listCohortInstructors,
  applyForCohort,
  attendanceSheet,
  bulkEnrolFromTable,
  changeEnrolmentState,
  cohortInputSchema,
  cohortOutcomeReport,
  cohortProgress,
  courseInputSchema,
  createCohort,
  createCourse,
  enrolTrainee,
  evaluateEnrolmentCompletion,
  exportFrdo,
  finalizeCohort,
  getCertificate,
  getCohort,
  getCourseOutline,
  getEnrolment,
  getTraineeProfile,
  gradeInputSchema,
  gradeSubmission,
  gradingQueue,
  isCohortInstructor,
  teachesCourse,
  issueCertificate,
  issueCorrection,
  issueDuplicate,
  listCertificates,
  listCohortEnrolments,
  listCohorts,
  listCohortSessions,
  listCourses,
  listMyAssignments,
  listMyCourses,
  listUpcomingSessions,
  markAttendance,
  markLessonComplete,
  outcomeOptionsSchema,
  parseCsv,
  readStoredFile,
  readTable,
  renderCertificatePdf,
  revokeCertificate,
  sessionInputSchema,
  setManualMark,
  submitAssignment,
  traineeProfileSchema,
  upsertTraineeProfile,
  verificationUrl,
} from '@most/services';
import { EDUCATION_LEVELS, EXCHANGE_CONFIRMATIONS, LOSS_CONFIRMATIONS } from '@most/domain';
import { AppError, camelKeys } from '@most/shared';
import { id, isoDate, okAfter, okSchema } from '../schemas';
import { monitorProcedure, router, teachingProcedure, traineeProcedure } from '../trpc';
import type { UserActor } from '@most/db';

/** Uploaded files are stored under DATA_DIR (same default as the configuration). */
/** Where uploads are stored: the config schema's DATA_DIR (read per call, as tests set it per process). */

const isStaff = (user: SessionUser) => user.role === 'admin' || user.role === 'monitor';

/** Monitors and admins see every cohort; an instructor only the cohorts they teach. */
async function assertTeaches(sql: Queryable, user: SessionUser, cohortId: number) {
  if (isStaff(user)) return;
  if (user.role === 'instructor' && (await isCohortInstructor(sql, cohortId, user.id))) return;
  throw new AppError('FORBIDDEN', 'Нет доступа к этому потоку');
}

/** A trainee reaches only their own enrolments. */
async function ownEnrolment(sql: Queryable, user: SessionUser, enrolmentId: number) {
  const enrolment = await getEnrolment(sql, enrolmentId);
  if (enrolment.user_id !== user.id) throw new AppError('FORBIDDEN', 'Нет доступа к этой записи на обучение');
  return enrolment;
}

/** Instructors, monitors and admins: grading, attendance, progress and exports. */

const base64File = z.object({
  fileName: z.string().min(1).max(255),
  /** Base64 of at most 10 MB of content. */
  contentBase64: z.string().max(14_000_000),
});
const decode = (file: z.infer<typeof base64File>) => ({ fileName: file.fileName, content: new Uint8Array(Buffer.from(file.contentBase64, 'base64')) });
const fileOutput = z.object({ fileName: z.string(), contentType: z.string(), contentBase64: z.string() });

const enrolmentState = z.enum(['applied', 'enrolled', 'active', 'completed', 'failed', 'withdrawn', 'suspended']);
const enrolmentOutput = z.object({
  id,
  cohortId: id,
  userId: id,
  organizationId: id,
  state: enrolmentState,
  stateSince: isoDate,
  stateReason: z.string().nullable(),
  appliedAt: isoDate,
  enrolledAt: isoDate.nullable(),
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  manualMark: z.boolean(),
});
const cohortOutput = z.object({
  id,
  courseId: id,
  courseTitle: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  formOfStudy: z.string(),
  fundingSource: z.string(),
  capacity: z.number().int(),
  enrolmentOpensAt: isoDate,
  enrolmentClosesAt: isoDate,
  completionRule: z.unknown(),
  seatsTaken: z.number().int(),
});
const sessionOutput = z.object({
  id,
  cohortId: id,
  title: z.string(),
  startsAt: isoDate,
  hours: z.number(),
  mode: z.enum(['online', 'offline']),
  link: z.string().nullable(),
  place: z.string().nullable(),
});
const certificateOutput = z.object({
  id,
  enrolmentId: id,
  documentType: z.string(),
  series: z.string(),
  number: z.string(),
  registrationNumber: z.string(),
  issueDate: z.string(),
  verificationCode: z.string(),
  holderName: z.string(),
  programmeTitle: z.string(),
  programmeKind: z.string(),
  hours: z.number().int(),
  revokedAt: isoDate.nullable(),
  revokedReason: z.string().nullable(),
});
const courseOutput = z.object({
  id,
  title: z.string(),
  kind: z.string(),
  totalHours: z.number().int(),
  descriptionMd: z.string(),
  professionalField: z.string().nullable(),
  qualificationName: z.string().nullable(),
  ugs: z.string().nullable(),
  archivedAt: isoDate.nullable(),
});
const outlineOutput = courseOutput.extend({
  modules: z.array(
    z.object({
      id,
      position: z.number().int(),
      title: z.string(),
      hours: z.number(),
      lessons: z.array(
        z.object({
          id,
          position: z.number().int(),
          title: z.string(),
          contentMd: z.string(),
          links: z.array(z.object({ title: z.string(), url: z.string() })),
          files: z.array(z.object({ id, fileName: z.string(), sizeBytes: z.number().int() })),
        }),
      ),
    }),
  ),
  assignments: z.array(
    z.object({
      id,
      moduleId: id.nullable(),
      title: z.string(),
      instructionsMd: z.string(),
      required: z.boolean(),
      isFinal: z.boolean(),
      dueDay: z.number().int(),
      maxScore: z.number(),
      passScore: z.number(),
      rubric: z.array(z.object({ criterion: z.string(), points: z.number() })),
    }),
  ),
});
const completionOutput = z.object({
  complete: z.boolean(),
  state: enrolmentState,
  conditions: z.array(z.object({ met: z.boolean(), detail: z.string() })),
});

async function pdfOf(sql: Queryable, publicUrl: string, certificateId: number) {
  const certificate = await getCertificate(sql, certificateId);
  const bytes = await renderCertificatePdf(certificate, verificationUrl(publicUrl, certificate.verification_code));
  return {
    fileName: `${certificate.series}-${certificate.number}.pdf`,
    contentType: 'application/pdf',
    contentBase64: Buffer.from(bytes).toString('base64'),
  };
}

/** Re-evaluates completion for the trainees a grade or an attendance mark touched. */
async function reevaluate(sql: Queryable, enrolmentIds: number[], actor: UserActor) {
  for (const enrolmentId of new Set(enrolmentIds)) await evaluateEnrolmentCompletion(sql, enrolmentId, actor);
}

const traineeRouter = router({
  myCourses: traineeProcedure
    .output(
      z.array(
        z.object({
          enrolmentId: id,
          cohortId: id,
          cohortTitle: z.string(),
          courseId: id,
          courseTitle: z.string(),
          kind: z.string(),
          totalHours: z.number().int(),
          startsOn: z.string(),
          endsOn: z.string(),
          state: enrolmentState,
          stateReason: z.string().nullable(),
          lessonsTotal: z.number().int(),
          lessonsDone: z.number().int(),
          assignmentsTotal: z.number().int(),
          assignmentsPassed: z.number().int(),
          progressPercent: z.number(),
          certificateId: id.nullable(),
          certificateCode: z.string().nullable(),
          courseworkClosedReason: z.enum(['awaiting_enrolment', 'not_started', 'cohort_ended', 'suspended', 'finished']).nullable(),
        }),
      ),
    )
    .query(async ({ ctx }) => camelKeys(await listMyCourses(ctx.sql, ctx.user.id))),

  upcomingSessions: traineeProcedure.output(z.array(sessionOutput.extend({ courseTitle: z.string() }))).query(async ({ ctx }) => camelKeys(await listUpcomingSessions(ctx.sql, ctx.user.id))),

  /** Cohorts open for applications now. */
  openCohorts: traineeProcedure.output(z.array(cohortOutput)).query(async ({ ctx }) => {
    const now = Date.now();
    return camelKeys((await listCohorts(ctx.sql)).filter((c) => c.enrolment_opens_at.getTime() <= now && now <= c.enrolment_closes_at.getTime()));
  }),

  applyForCohort: traineeProcedure
    .input(z.object({ cohortId: id }))
    .output(enrolmentOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await applyForCohort(ctx.sql, { cohortId: input.cohortId, userId: ctx.user.id }, ctx.actor))),

  courseOutline: traineeProcedure
    .input(z.object({ enrolmentId: id }))
    .output(outlineOutput)
    .query(async ({ ctx, input }) => {
      const enrolment = await ownEnrolment(ctx.sql, ctx.user, input.enrolmentId);
      const cohort = await getCohort(ctx.sql, enrolment.cohort_id);
      return camelKeys(await getCourseOutline(ctx.sql, cohort.course_id));
    }),

  lessonFile: traineeProcedure
    .input(z.object({ enrolmentId: id, fileId: id }))
    .output(fileOutput)
    .query(async ({ ctx, input }) => {
      const enrolment = await ownEnrolment(ctx.sql, ctx.user, input.enrolmentId);
      const cohort = await getCohort(ctx.sql, enrolment.cohort_id);
      if ((await courseOfLessonFile(ctx.sql, input.fileId)) !== cohort.course_id) throw new AppError('NOT_FOUND', 'Файл не найден');
      const { file, content } = await readStoredFile(ctx.sql, ctx.dataDir, input.fileId);
      return { fileName: file.file_name, contentType: file.content_type, contentBase64: content.toString('base64') };
    }),

  /** The personal data the document and the ФИС ФРДО report need; the trainee keeps it current. */
  myProfile: traineeProcedure
    .output(
      z
        .object({
          surname: z.string(),
          givenName: z.string(),
          patronymic: z.string().nullable(),
          birthDate: z.string().nullable(),
          sex: z.enum(['male', 'female']).nullable(),
          snils: z.string().nullable(),
          citizenship: z.string(),
          educationLevel: z.enum(EDUCATION_LEVELS).nullable(),
          diplomaSurname: z.string().nullable(),
          diplomaSeries: z.string().nullable(),
          diplomaNumber: z.string().nullable(),
          jobTitle: z.string().nullable(),
        })
        .nullable(),
    )
    .query(({ ctx }) => getTraineeProfile(ctx.sql, ctx.user.id)),

  saveMyProfile: traineeProcedure
    .input(traineeProfileSchema)
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(upsertTraineeProfile(ctx.sql, ctx.user.id, input, ctx.actor))),

  completeLesson: traineeProcedure
    .input(z.object({ enrolmentId: id, lessonId: id }))
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      await ownEnrolment(ctx.sql, ctx.user, input.enrolmentId);
      await markLessonComplete(ctx.sql, input.enrolmentId, input.lessonId, ctx.actor);
      return { ok: true as const };
    }),

  assignments: traineeProcedure
    .input(z.object({ enrolmentId: id }))
    .output(
      z.array(
        z.object({
          assignmentId: id,
          title: z.string(),
          instructionsMd: z.string(),
          required: z.boolean(),
          isFinal: z.boolean(),
          dueAt: isoDate,
          maxScore: z.number(),
          passScore: z.number(),
          rubric: z.array(z.object({ criterion: z.string(), points: z.number() })),
          attempts: z.number().int(),
          lastScore: z.number().nullable(),
          lastFeedback: z.string().nullable(),
          status: z.enum(['not_submitted', 'awaiting_grade', 'passed', 'failed', 'resubmission_allowed']),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      await ownEnrolment(ctx.sql, ctx.user, input.enrolmentId);
      return camelKeys(await listMyAssignments(ctx.sql, input.enrolmentId));
    }),

  submit: traineeProcedure
    .input(z.object({ enrolmentId: id, assignmentId: id, text: z.string().max(100_000).default(''), files: z.array(base64File).max(5).default([]) }))
    .output(z.object({ id, attempt: z.number().int(), submittedAt: isoDate }))
    .mutation(async ({ ctx, input }) => {
      await ownEnrolment(ctx.sql, ctx.user, input.enrolmentId);
      return camelKeys(await submitAssignment(ctx.sql, ctx.dataDir, { enrolmentId: input.enrolmentId, assignmentId: input.assignmentId, text: input.text, files: input.files.map(decode) }, ctx.actor));
    }),

  certificatePdf: traineeProcedure
    .input(z.object({ certificateId: id }))
    .output(fileOutput)
    .query(async ({ ctx, input }) => {
      const certificate = await getCertificate(ctx.sql, input.certificateId);
      if (certificate.user_id !== ctx.user.id) throw new AppError('FORBIDDEN', 'Это не ваш документ');
      if (certificate.revoked_at) throw new AppError('CONFLICT', 'Документ отозван');
      return pdfOf(ctx.sql, ctx.publicUrl, certificate.id);
    }),
});

const instructorRouter = router({
  myCohorts: teachingProcedure.output(z.array(cohortOutput)).query(async ({ ctx }) => camelKeys(await listCohorts(ctx.sql, isStaff(ctx.user) ? {} : { instructorId: ctx.user.id }))),

  gradingQueue: teachingProcedure
    .input(z.object({ cohortId: id.optional() }).default({}))
    .output(
      z.array(
        z.object({
          submissionId: id,
          attempt: z.number().int(),
          submittedAt: isoDate,
          textBody: z.string(),
          assignmentId: id,
          assignmentTitle: z.string(),
          maxScore: z.number(),
          passScore: z.number(),
          enrolmentId: id,
          cohortId: id,
          traineeName: z.string(),
          files: z.array(z.object({ id, fileName: z.string(), sizeBytes: z.number().int() })),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      if (input.cohortId) await assertTeaches(ctx.sql, ctx.user, input.cohortId);
      return camelKeys(await gradingQueue(ctx.sql, { instructorId: isStaff(ctx.user) ? null : ctx.user.id, cohortId: input.cohortId }));
    }),

  submissionFile: teachingProcedure
    .input(z.object({ fileId: id }))
    .output(fileOutput)
    .query(async ({ ctx, input }) => {
      const [owner] = await ctx.sql<{ cohort_id: number }[]>`
        SELECT e.cohort_id FROM submission_files sf JOIN submissions s ON s.id = sf.submission_id JOIN enrolments e ON e.id = s.enrolment_id
        WHERE sf.file_id = ${input.fileId}`;
      if (!owner) throw new AppError('NOT_FOUND', 'Файл не найден');
      await assertTeaches(ctx.sql, ctx.user, owner.cohort_id);
      const { file, content } = await readStoredFile(ctx.sql, ctx.dataDir, input.fileId);
      return { fileName: file.file_name, contentType: file.content_type, contentBase64: content.toString('base64') };
    }),

  grade: teachingProcedure
    .input(gradeInputSchema.extend({ submissionId: id }))
    .output(z.object({ passed: z.boolean(), completion: completionOutput }))
    .mutation(async ({ ctx, input }) => {
      const [owner] = await ctx.sql<{ cohort_id: number }[]>`
        SELECT e.cohort_id FROM submissions s JOIN enrolments e ON e.id = s.enrolment_id WHERE s.id = ${input.submissionId}`;
      if (!owner) throw new AppError('NOT_FOUND', 'Ответ не найден');
      await assertTeaches(ctx.sql, ctx.user, owner.cohort_id);
      const { submissionId, ...grade } = input;
      const { enrolmentId, passed } = await gradeSubmission(ctx.sql, submissionId, grade, ctx.actor);
      return { passed, completion: await evaluateEnrolmentCompletion(ctx.sql, enrolmentId, ctx.actor) };
    }),

  sessions: teachingProcedure
    .input(z.object({ cohortId: id }))
    .output(z.array(sessionOutput))
    .query(async ({ ctx, input }) => {
      await assertTeaches(ctx.sql, ctx.user, input.cohortId);
      return camelKeys(await listCohortSessions(ctx.sql, input.cohortId));
    }),

  attendanceSheet: teachingProcedure
    .input(z.object({ sessionId: id }))
    .output(z.array(z.object({ enrolmentId: id, traineeName: z.string(), state: z.string(), status: z.enum(['present', 'absent', 'excused']).nullable(), hours: z.number().nullable() })))
    .query(async ({ ctx, input }) => {
      const [session] = await ctx.sql<{ cohort_id: number }[]>`SELECT cohort_id FROM cohort_sessions WHERE id = ${input.sessionId}`;
      if (!session) throw new AppError('NOT_FOUND', 'Занятие не найдено');
      await assertTeaches(ctx.sql, ctx.user, session.cohort_id);
      return camelKeys(await attendanceSheet(ctx.sql, input.sessionId));
    }),

  markAttendance: teachingProcedure
    .input(z.object({ sessionId: id, marks: z.array(z.object({ enrolmentId: id, status: z.enum(['present', 'absent', 'excused']), hours: z.number().min(0).max(24).optional() })).max(2000) }))
    .output(okSchema)
    .mutation(async ({ ctx, input }) => {
      const [session] = await ctx.sql<{ cohort_id: number }[]>`SELECT cohort_id FROM cohort_sessions WHERE id = ${input.sessionId}`;
      if (!session) throw new AppError('NOT_FOUND', 'Занятие не найдено');
      await assertTeaches(ctx.sql, ctx.user, session.cohort_id);
      const touched = await markAttendance(ctx.sql, input.sessionId, input.marks, ctx.actor);
      await reevaluate(ctx.sql, touched, ctx.actor);
      return { ok: true as const };
    }),

  setManualMark: teachingProcedure
    .input(z.object({ enrolmentId: id, mark: z.boolean() }))
    .output(completionOutput)
    .mutation(async ({ ctx, input }) => {
      const enrolment = await getEnrolment(ctx.sql, input.enrolmentId);
      await assertTeaches(ctx.sql, ctx.user, enrolment.cohort_id);
      await setManualMark(ctx.sql, input.enrolmentId, input.mark, ctx.actor);
      return evaluateEnrolmentCompletion(ctx.sql, input.enrolmentId, ctx.actor);
    }),

  cohortProgress: teachingProcedure
    .input(z.object({ cohortId: id }))
    .output(
      z.array(
        z.object({
          enrolmentId: id,
          traineeName: z.string(),
          organizationName: z.string(),
          state: enrolmentState,
          lessonsDone: z.number().int(),
          assignmentsPassed: z.number().int(),
          requiredAssignments: z.number().int(),
          attendancePercent: z.number().nullable(),
          finalPassed: z.boolean().nullable(),
          manualMark: z.boolean(),
          meetsCompletionRule: z.boolean(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      await assertTeaches(ctx.sql, ctx.user, input.cohortId);
      return camelKeys(await cohortProgress(ctx.sql, input.cohortId));
    }),

  /** ФИС ФРДО: the XLSX when every row is valid, otherwise what to fix per document. */
  exportFrdo: teachingProcedure
    .input(z.object({ cohortId: id.optional(), certificateIds: z.array(id).max(5000).optional() }))
    .output(
      z.object({
        rowCount: z.number().int(),
        problems: z.array(
          z.object({ certificateId: id, registrationNumber: z.string(), holderName: z.string(), row: z.number().int(), columnNumber: z.number().int(), column: z.string(), message: z.string() }),
        ),
        file: fileOutput.nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.cohortId) await assertTeaches(ctx.sql, ctx.user, input.cohortId);
      else if (!isStaff(ctx.user)) throw new AppError('FORBIDDEN', 'Выгрузка по списку документов доступна мониторам');
      const result = await exportFrdo(ctx.sql, input);
      return {
        rowCount: result.rowCount,
        problems: result.problems,
        file: result.xlsx
          ? {
              fileName: `frdo-dpo${input.cohortId ? `-cohort-${input.cohortId}` : ''}.xlsx`,
              contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              contentBase64: result.xlsx.toString('base64'),
            }
          : null,
      };
    }),
});

const monitorRouter = router({
  courses: monitorProcedure.output(z.array(courseOutput.extend({ cohortCount: z.number().int() }))).query(async ({ ctx }) => camelKeys(await listCourses(ctx.sql))),

  /** Staff read any outline; an instructor only a course they teach (trainees use trainee.courseOutline). */
  course: teachingProcedure
    .input(z.object({ courseId: id }))
    .output(outlineOutput)
    .query(async ({ ctx, input }) => {
      if (!isStaff(ctx.user) && !(await teachesCourse(ctx.sql, input.courseId, ctx.user.id))) throw new AppError('FORBIDDEN', 'Нет доступа к этому курсу');
      return camelKeys(await getCourseOutline(ctx.sql, input.courseId));
    }),

  createCourse: monitorProcedure
    .input(courseInputSchema)
    .output(courseOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await createCourse(ctx.sql, input, ctx.actor))),

  archiveCourse: monitorProcedure
    .input(z.object({ courseId: id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(archiveCourse(ctx.sql, input.courseId, ctx.actor))),

  attachLessonFile: monitorProcedure
    .input(base64File.extend({ lessonId: id }))
    .output(z.object({ id }))
    .mutation(({ ctx, input }) => attachLessonFile(ctx.sql, ctx.dataDir, input.lessonId, decode(input), ctx.actor)),

  setInstructors: monitorProcedure
    .input(z.object({ cohortId: id, instructorIds: z.array(id).max(50) }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(setCohortInstructors(ctx.sql, input.cohortId, input.instructorIds, ctx.actor))),

  cohortInstructors: monitorProcedure
    .input(z.object({ cohortId: id }))
    .output(z.array(z.object({ id, email: z.string(), displayName: z.string() })))
    .query(async ({ ctx, input }) => camelKeys(await listCohortInstructors(ctx.sql, input.cohortId))),

  attachInstructor: monitorProcedure
    .input(z.object({ cohortId: id, userId: id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(attachCohortInstructor(ctx.sql, input.cohortId, input.userId, ctx.actor))),

  detachInstructor: monitorProcedure
    .input(z.object({ cohortId: id, userId: id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(detachCohortInstructor(ctx.sql, input.cohortId, input.userId, ctx.actor))),

  /** Pickers: active instructors, or people who can be enrolled (trainees and agency staff), by name or e-mail. */
  people: monitorProcedure
    .input(z.object({ kind: z.enum(['instructors', 'learners']), search: z.string().trim().max(200).default('') }))
    .output(z.array(z.object({ id, email: z.string(), displayName: z.string(), role: z.string(), organizationId: id.nullable(), organizationName: z.string().nullable() })))
    .query(async ({ ctx, input }) => {
      const roles = input.kind === 'instructors' ? (['instructor'] as const) : (['trainee', 'agency'] as const);
      const found = (await Promise.all(roles.map((role) => listUsers(ctx.sql, { role, search: input.search })))).flat();
      return found
        .filter((u) => u.status !== 'disabled')
        .sort((a, b) => (a.displayName || a.email).localeCompare(b.displayName || b.email, 'ru'))
        .slice(0, 50)
        .map(({ id, email, displayName, role, organizationId, organizationName }) => ({ id, email, displayName, role, organizationId, organizationName }));
    }),

  cohorts: monitorProcedure
    .input(z.object({ courseId: id.optional() }).default({}))
    .output(z.array(cohortOutput))
    .query(async ({ ctx, input }) => camelKeys(await listCohorts(ctx.sql, input))),

  createCohort: monitorProcedure
    .input(cohortInputSchema)
    .output(cohortOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await createCohort(ctx.sql, input, ctx.actor))),

  addSession: monitorProcedure
    .input(z.object({ cohortId: id, session: sessionInputSchema }))
    .output(z.object({ id }))
    .mutation(async ({ ctx, input }) => ({ id: await addCohortSession(ctx.sql, input.cohortId, input.session, ctx.actor) })),

  enrolments: monitorProcedure
    .input(z.object({ cohortId: id }))
    .output(z.array(enrolmentOutput.extend({ email: z.string(), displayName: z.string(), organizationName: z.string() })))
    .query(async ({ ctx, input }) => camelKeys(await listCohortEnrolments(ctx.sql, input.cohortId))),

  enrol: monitorProcedure
    .input(z.object({ cohortId: id, userId: id, organizationId: id.optional() }))
    .output(enrolmentOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await enrolTrainee(ctx.sql, input, ctx.actor))),

  /** CSV (text) or XLSX (base64): all rows or none, errors by line. */
  bulkEnrol: monitorProcedure
    .input(z.object({ cohortId: id, fileName: z.string().min(1).max(255), contentBase64: z.string().max(14_000_000) }))
    .output(z.object({ enrolled: z.number().int(), createdUsers: z.number().int(), errors: z.array(z.object({ line: z.number().int(), message: z.string() })) }))
    .mutation(async ({ ctx, input }) => {
      const content = Buffer.from(input.contentBase64, 'base64');
      const extension = input.fileName.toLowerCase().split('.').pop();
      let table: Awaited<ReturnType<typeof readTable>>;
      if (extension === 'csv' || extension === 'txt') table = parseCsv(content.toString('utf8'));
      else if (extension === 'xlsx') {
        const dir = await mkdtemp(join(tmpdir(), 'most-enrol-'));
        try {
          const path = join(dir, 'upload.xlsx');
          await writeFile(path, content);
          table = await readTable(path);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      } else throw new AppError('BAD_REQUEST', 'Загрузите файл .csv или .xlsx');
      return bulkEnrolFromTable(ctx.sql, input.cohortId, table, ctx.actor);
    }),

  changeState: monitorProcedure
    .input(z.object({ enrolmentId: id, to: enrolmentState, reason: z.string().max(2000).nullable().optional(), at: z.coerce.date().optional() }))
    .output(enrolmentOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await changeEnrolmentState(ctx.sql, input.enrolmentId, { to: input.to, at: input.at, reason: input.reason ?? null }, ctx.actor))),

  saveProfile: monitorProcedure
    .input(z.object({ userId: id, profile: traineeProfileSchema }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(upsertTraineeProfile(ctx.sql, input.userId, input.profile, ctx.actor))),

  finalizeCohort: monitorProcedure
    .input(z.object({ cohortId: id }))
    .output(z.object({ completed: z.number().int(), failed: z.number().int() }))
    .mutation(({ ctx, input }) => finalizeCohort(ctx.sql, input.cohortId, ctx.actor)),

  /** Documents of a cohort: monitors and the cohort's instructors issue them (PRODUCT: instructors issue certificates). */
  certificates: teachingProcedure
    .input(z.object({ cohortId: id.optional() }).default({}))
    .output(z.array(certificateOutput.extend({ userId: id, cohortId: id })))
    .query(async ({ ctx, input }) => {
      if (input.cohortId) await assertTeaches(ctx.sql, ctx.user, input.cohortId);
      else if (!isStaff(ctx.user)) throw new AppError('FORBIDDEN', 'Выберите поток');
      return camelKeys(await listCertificates(ctx.sql, input));
    }),

  issueCertificate: teachingProcedure
    .input(z.object({ enrolmentId: id, issueDate: z.iso.date() }))
    .output(certificateOutput)
    .mutation(async ({ ctx, input }) => {
      await assertTeaches(ctx.sql, ctx.user, (await getEnrolment(ctx.sql, input.enrolmentId)).cohort_id);
      return camelKeys(await issueCertificate(ctx.sql, input.enrolmentId, { issueDate: input.issueDate }, ctx.actor));
    }),

  /** A duplicate for a lost or damaged document (the original stops being valid). */
  issueDuplicate: monitorProcedure
    .input(z.object({ certificateId: id, issueDate: z.iso.date(), lossConfirmation: z.enum(LOSS_CONFIRMATIONS).default('none'), exchangeConfirmation: z.enum(EXCHANGE_CONFIRMATIONS).default('none') }))
    .output(certificateOutput)
    .mutation(async ({ ctx, input }) => {
      const { certificateId, ...duplicate } = input;
      return camelKeys(await issueDuplicate(ctx.sql, certificateId, duplicate, ctx.actor));
    }),

  /** A corrected document replacing one issued with wrong data (the ФИС ФРДО row names the changed one). */
  issueCorrection: monitorProcedure
    .input(z.object({ certificateId: id, issueDate: z.iso.date(), reason: z.string().trim().min(1).max(2000) }))
    .output(certificateOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await issueCorrection(ctx.sql, input.certificateId, { issueDate: input.issueDate, reason: input.reason }, ctx.actor))),

  revokeCertificate: monitorProcedure
    .input(z.object({ certificateId: id, reason: z.string().trim().min(1).max(2000) }))
    .output(certificateOutput)
    .mutation(async ({ ctx, input }) => camelKeys(await revokeCertificate(ctx.sql, input.certificateId, input.reason, ctx.actor))),

  certificatePdf: teachingProcedure
    .input(z.object({ certificateId: id }))
    .output(fileOutput)
    .query(async ({ ctx, input }) => {
      await assertTeaches(ctx.sql, ctx.user, (await getCertificate(ctx.sql, input.certificateId)).cohort_id);
      return pdfOf(ctx.sql, ctx.publicUrl, input.certificateId);
    }),

  outcomeReport: monitorProcedure
    .input(outcomeOptionsSchema.extend({ cohortId: id }))
    .output(
      z.object({
        cohortId: id,
        startsOn: z.string(),
        endsOn: z.string(),
        periodKind: z.enum(['week', 'month', 'quarter']),
        periods: z.number().int(),
        methodologyVersion: z.number().int().nullable(),
        comparableAccounts: z.number().int(),
        meanDelta: z.number().nullable(),
        organizations: z.array(
          z.object({
            organizationId: id,
            organizationName: z.string(),
            graduates: z.number().int(),
            meanDelta: z.number().nullable(),
            accounts: z.array(
              z.object({
                accountId: id,
                network: z.string(),
                handle: z.string(),
                before: z.number().nullable(),
                after: z.number().nullable(),
                delta: z.number().nullable(),
                beforePeriods: z.array(z.string()),
                afterPeriods: z.array(z.string()),
              }),
            ),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => {
      const { cohortId, ...options } = input;
      return cohortOutcomeReport(ctx.sql, cohortId, options);
    }),
});

/** Training (ДПО): trainee, instructor and monitor procedures, thin over @most/db. */
export const trainingRouter = router({
  trainee: traineeRouter,
  instructor: instructorRouter,
  monitor: monitorRouter,
});
