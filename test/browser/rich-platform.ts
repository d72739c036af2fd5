import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBulletinDataset } from '@most/db';
import {
  changeEnrolmentState,
  createCohort,
  createCourse,
  createUser,
  enrolTrainee,
  gradeSubmission,
  issueCertificate,
  revokeCertificate,
  submitAssignment,
  upsertTraineeProfile,
  createDraftIssue,
  publishIssue,
  submitIssueForReview,
  raiseDispute,
  scorePeriod,
} from '@most/services';
import { parseBulletinPeriodKey } from '@most/domain';
import { startCrawlRun, startWorker } from '@most/worker';
import { crawlOptions, startSimulator, waitForIdle } from '../crawler/harness';
import { publishDemoEditions, seedCommentsForReview, seedOpenQuestions } from './fixtures';
import { TEST_PASSWORD, type TestPlatform } from './harness';

const HOUR = 3_600_000;
const BUDGET = 100;
/** Organizations whose VK pages are read from the simulator; the rest of the registry stays never read. */
const CRAWLED_ORGANIZATIONS = 12;

export interface RichPlatform {
  users: Record<'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee', string>;
  organizationCode: string;
  organizationId: number;
  editionSlug: string;
  bulletin: { id: number; slug: string; draftId: number; ackToken: string; unsubscribeToken: string | null };
  enrolmentId: number;
  cohortId: number;
  certificate: { valid: string; revoked: string };
  close(): Promise<void>;
}

/** A month as Saratov names it: the key (YYYY-MM) of the month before `now`. */
function previousMonthKey(now: Date): string {
  const local = new Date(now.getTime() + 4 * HOUR);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A platform with data on every screen, produced by the platform's own code where it can be: a
 * part of the demo region read from the VK simulator, scored for the last month and the quarter;
 * published ranking editions; a published bulletin issue and a draft; review queue detections,
 * open questions, a dispute; a course with a cohort, an instructor, trainees, a graded
 * submission and certificates (one revoked).
 */
export async function seedRichPlatform(platform: TestPlatform): Promise<RichPlatform> {
  const sql = platform.db.sql;
  const now = new Date();
  const label = { label: 'russian-text-test' };
  const user = (email: string, role: 'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee', displayName: string, organizationCode?: string) =>
    createUser(sql, { email, role, displayName, password: TEST_PASSWORD, organizationCode }, label);

  // Read a part of the region from the simulator; the other pages are left never read.
  const kept = await sql<{ id: number; code: string }[]>`
    SELECT o.id, o.code FROM organizations o
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.network = 'vk' AND a.removed_at IS NULL)
    ORDER BY o.id LIMIT ${CRAWLED_ORGANIZATIONS}`;
  const hidden = await sql<{ id: number }[]>`
    UPDATE accounts SET removed_at = now() WHERE removed_at IS NULL AND organization_id <> ALL(${kept.map((k) => k.id)}::bigint[]) RETURNING id`;
  const simulator = await startSimulator(BUDGET, { seed: 'most', now });
  const worker = await startWorker({ sql, queue: platform.platform.queue, crawl: crawlOptions(simulator, BUDGET, platform.platform.queue) });
  try {
    await startCrawlRun(platform.platform.queue, 'profiles', now.getTime());
    await waitForIdle(platform.platform.queue, 120_000);
    await startCrawlRun(platform.platform.queue, 'posts', now.getTime());
    await waitForIdle(platform.platform.queue, 180_000);
  } finally {
    await worker.close();
    await simulator.close();
  }
  await sql`UPDATE accounts SET removed_at = NULL WHERE id = ANY(${hidden.map((h) => h.id)}::bigint[])`;

  const monthKey = previousMonthKey(now);
  await scorePeriod(sql, { periodKind: 'month', date: `${monthKey}-15`, now });
  await scorePeriod(sql, { periodKind: 'quarter', date: `${monthKey}-15`, now });

  const admin = await user('admin@most.test', 'admin', 'Анна Администратор');
  const monitor = await user('monitor@most.test', 'monitor', 'Мария Монитор');
  const actor = { id: monitor.id, label: monitor.email };
  // The agency: the crawled organization with the most questions, so its screens show real data.
  const [rich] = await sql<{ id: number; code: string; account_id: number }[]>`
    SELECT o.id, o.code, a.id AS account_id FROM organizations o JOIN accounts a ON a.organization_id = o.id AND a.network = 'vk'
    WHERE o.id = ANY(${kept.map((k) => k.id)}::bigint[])
    ORDER BY (SELECT count(*) FROM comments c WHERE c.account_id = a.id) DESC, o.id LIMIT 1`;
  await user('smm@agency.test', 'agency', 'Ольга Смирнова', rich!.code);
  const teacher = await user('teacher@most.test', 'instructor', 'Игорь Преподаватель');
  const student = await user('trainee@most.test', 'trainee', 'Нина Орлова', rich!.code);
  const graduate = await user('graduate@most.test', 'trainee', 'Пётр Иванов', rich!.code);
  const dropout = await user('former@most.test', 'trainee', 'Олег Петров', rich!.code);

  // Review queue, open questions and a dispute on the agency's page.
  await seedCommentsForReview(sql, rich!.account_id);
  await seedOpenQuestions(sql, rich!.account_id);
  const [failed] = await sql<{ criterion_code: string; period_start: string }[]>`
    SELECT criterion_code, period_start::text FROM account_criterion_scores
    WHERE account_id = ${rich!.account_id} AND period_kind = 'month' AND status = 'fail' ORDER BY criterion_code LIMIT 1`;
  if (failed) {
    await raiseDispute(
      sql,
      {
        accountId: rich!.account_id,
        criterion: { code: failed.criterion_code, periodKind: 'month', periodStart: failed.period_start },
        reason: 'other',
        text: 'Сведения на странице есть, проверьте ещё раз.',
      },
      { id: null, label: 'smm@agency.test' },
    );
  }

  // Ranking editions (every organization) and the bulletin of the scored month: one published, the next a draft.
  const editions = await publishDemoEditions(sql, actor);
  const dataset = await loadBulletinDataset(sql, parseBulletinPeriodKey(monthKey));
  const { issue } = await createDraftIssue(sql, { dataset, actor });
  await submitIssueForReview(sql, issue.id, actor);
  await publishIssue(sql, { issueId: issue.id, actor });
  const current = await loadBulletinDataset(sql, parseBulletinPeriodKey(now.toISOString().slice(0, 7)));
  const { issue: draft } = await createDraftIssue(sql, { dataset: current, actor });
  const [ack] = await sql<{ token: string }[]>`SELECT token FROM bulletin_acknowledgements WHERE issue_id = ${issue.id} AND organization_id = ${rich!.id}`;

  // Training: a course with a cohort in progress, a graded submission, a graduate and a revoked document.
  const course = await createCourse(
    sql,
    {
      title: 'Госпаблики: ответы жителям',
      kind: 'qualification_upgrade',
      totalHours: 16,
      modules: [{ title: 'Основы', hours: 16, lessons: [{ title: 'Закон о доступе к информации', contentMd: 'Текст урока' }] }],
      assignments: [
        { title: 'Разбор комментариев', maxScore: 10, passScore: 6 },
        { title: 'План публикаций', maxScore: 10, passScore: 6 },
      ],
    },
    actor,
  );
  const day = (offset: number) => new Date(now.getTime() + offset * 24 * HOUR).toISOString().slice(0, 10);
  const cohort = await createCohort(
    sql,
    {
      courseId: course.id,
      title: 'Поток 1',
      startsOn: day(-10),
      endsOn: day(30),
      formOfStudy: 'distance',
      capacity: 10,
      enrolmentOpensAt: new Date(now.getTime() - 20 * 24 * HOUR),
      enrolmentClosesAt: new Date(now.getTime() + 24 * HOUR),
      completionRule: { mode: 'all', conditions: [{ kind: 'required_assignments_passed' }, { kind: 'attendance_at_least', percent: 50 }] },
      instructorIds: [teacher.id],
      sessions: [
        { title: 'Вебинар: вводное занятие', startsAt: new Date(now.getTime() - 5 * HOUR), hours: 2, mode: 'online', link: 'https://meet.example.org/1' },
        { title: 'Практикум: сложные вопросы', startsAt: new Date(now.getTime() + 3 * 24 * HOUR), hours: 2, mode: 'offline', place: 'Саратов, ул. Московская, 72' },
      ],
    },
    actor,
  );
  const enrol = async (userId: number) => {
    const enrolment = await enrolTrainee(sql, { cohortId: cohort.id, userId }, actor);
    // A cohort already running starts the enrolment at once.
    if (enrolment.state !== 'active') await changeEnrolmentState(sql, enrolment.id, { to: 'active' }, actor);
    return enrolment.id;
  };
  const enrolmentId = await enrol(student.id);
  await upsertTraineeProfile(sql, student.id, { surname: 'Орлова', givenName: 'Нина', patronymic: 'Игоревна', snils: '112-233-445 95' }, actor);
  const [assignment] = await sql<{ id: number }[]>`SELECT id FROM assignments WHERE course_id = ${course.id} ORDER BY id LIMIT 1`;
  const dataDir = await mkdtemp(join(tmpdir(), 'most-russian-text-'));
  const submission = await submitAssignment(sql, dataDir, { enrolmentId, assignmentId: assignment!.id, text: 'Разбор трёх комментариев жителей.' }, { id: student.id, label: student.email });
  await gradeSubmission(sql, submission.id, { score: 9, feedback: 'Хороший разбор.' } as never, { id: teacher.id, label: teacher.email });

  const graduateEnrolment = await enrol(graduate.id);
  await changeEnrolmentState(sql, graduateEnrolment, { to: 'completed' }, actor);
  const valid = await issueCertificate(sql, graduateEnrolment, { issueDate: day(0) }, actor);
  const formerEnrolment = await enrol(dropout.id);
  await changeEnrolmentState(sql, formerEnrolment, { to: 'completed' }, actor);
  const revoked = await issueCertificate(sql, formerEnrolment, { issueDate: day(0) }, actor);
  await revokeCertificate(sql, revoked.id, 'Ошибка в фамилии', actor);

  return {
    users: { admin: admin.email, monitor: monitor.email, agency: 'smm@agency.test', instructor: teacher.email, trainee: student.email },
    organizationCode: rich!.code,
    organizationId: rich!.id,
    editionSlug: editions.latestSlug,
    bulletin: { id: issue.id, slug: issue.slug, draftId: draft.id, ackToken: ack!.token, unsubscribeToken: null },
    enrolmentId,
    cohortId: cohort.id,
    certificate: { valid: valid.verification_code, revoked: revoked.verification_code },
    close: async () => {
      const { rm } = await import('node:fs/promises');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
