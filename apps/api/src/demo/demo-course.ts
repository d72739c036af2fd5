import { tmpdir } from 'node:os';
import { type Sql, inTransaction } from '@most/db';
import {
  createCohort,
  createCourse,
  enrolTrainee,
  getCourseOutline,
  listCohortSessions,
  markAttendance,
  pageAuditAssignment,
  qualificationUpgradeCourse,
  submitAssignment,
  twoSessionCohort,
  upsertTraineeProfile,
  type TraineeProfileInput,
} from '@most/services';
import { addDays, regionDate } from '@most/domain';

export const DEMO_COURSE_TITLE = 'Официальные страницы госорганов: ответы жителям за 24 часа';

const DAY = 86_400_000;
const actor = { id: null, label: 'demo' };

/** The demo trainees: the login trainee and three colleagues (no password: they only fill the lists). */
const TRAINEES: { email: string; displayName: string; profile: TraineeProfileInput }[] = [
  {
    email: 'trainee@demo.local',
    displayName: 'Нина Орлова',
    profile: {
      surname: 'Орлова',
      givenName: 'Нина',
      patronymic: 'Игоревна',
      birthDate: '1991-05-14',
      sex: 'female',
      snils: '112-233-445 95',
      educationLevel: 'higher',
      diplomaSurname: 'Орлова',
      diplomaSeries: '106418',
      diplomaNumber: '0123456',
      jobTitle: 'Специалист по связям с общественностью',
    },
  },
  { email: 'lebedev@demo.local', displayName: 'Антон Лебедев', profile: { surname: 'Лебедев', givenName: 'Антон', patronymic: 'Сергеевич', sex: 'male', jobTitle: 'Главный специалист' } },
  { email: 'zaitseva@demo.local', displayName: 'Ольга Зайцева', profile: { surname: 'Зайцева', givenName: 'Ольга', patronymic: 'Петровна', sex: 'female', jobTitle: 'Пресс-секретарь' } },
  { email: 'morozov@demo.local', displayName: 'Илья Морозов', profile: { surname: 'Морозов', givenName: 'Илья', sex: 'male', jobTitle: 'Ведущий специалист' } },
];

export type DemoCourseResult = { status: 'created'; cohortId: number; trainees: number } | { status: 'exists' } | { status: 'no_demo_users' };

/**
 * A ДПО course running now for the demo: modules with hours, a cohort that started a week ago,
 * the demo instructor attached, four trainees studying, an assignment due in a week, one past
 * session with attendance and one ahead, and one answer waiting for a grade. Created once: a
 * database that already has the course is left alone.
 */
export async function ensureDemoCourse(sql: Sql, options: { now?: Date } = {}): Promise<DemoCourseResult> {
  const now = options.now ?? new Date();
  const [existing] = await sql`SELECT 1 FROM courses WHERE title = ${DEMO_COURSE_TITLE}`;
  if (existing) return { status: 'exists' };
  const [instructor] = await sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'instructor@demo.local' AND role = 'instructor'`;
  const [trainee] = await sql<{ id: number }[]>`SELECT id FROM users WHERE email = 'trainee@demo.local' AND role = 'trainee'`;
  // Organizations with a VK page: the trainees run those pages (the outcome report follows them).
  const organizations = await sql<{ id: number }[]>`
    SELECT o.id FROM organizations o
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = o.id AND a.network = 'vk' AND a.status = 'active')
    ORDER BY o.kind = 'local_government' DESC, o.code LIMIT ${TRAINEES.length}`;
  if (!instructor || !trainee || organizations.length === 0) return { status: 'no_demo_users' };

  return inTransaction(sql, async (t) => {
    const course = await createCourse(
      t,
      qualificationUpgradeCourse({
        title: DEMO_COURSE_TITLE,
        descriptionMd: 'Программа повышения квалификации для сотрудников, которые ведут официальные страницы органов власти и подведомственных учреждений Саратовской области.',
        professionalField: 'Связи с общественностью',
        modules: [
          {
            title: 'Требования закона к официальным страницам',
            hours: 8,
            lesson: { title: '270-ФЗ и постановление № 2560', contentMd: 'Что должно быть на официальной странице: название, контакты, режим работы, ссылка на сайт.' },
          },
          { title: 'Ответы на комментарии жителей', hours: 16, lesson: { title: 'Срок ответа — 24 часа', contentMd: 'Промежуточный и содержательный ответ; что делать с вопросами не по теме.' } },
          { title: 'Публикации и вовлечённость', hours: 12, lesson: { title: 'План публикаций на месяц', contentMd: 'Регулярность, рубрики, формат карточек.' } },
        ],
        assignments: [
          pageAuditAssignment({
            title: 'Аудит своей официальной страницы',
            instructionsMd: 'Проверьте свою страницу по критериям методики и опишите, что исправите в первую очередь.',
            dueDay: 14,
            criteria: { checked: 'Полнота проверки', concluded: 'План исправлений' },
          }),
          { title: 'Итоговая аттестация: разбор трёх вопросов жителей', maxScore: 100, passScore: 60, isFinal: true, dueDay: 26, modulePosition: 2 },
        ],
      }),
      actor,
    );
    const today = regionDate(now);
    const cohort = await createCohort(
      t,
      twoSessionCohort({
        courseId: course.id,
        title: 'Демонстрационный поток',
        startsOn: addDays(today, -7),
        endsOn: addDays(today, 21),
        fundingSource: 'regional',
        capacity: 25,
        enrolmentOpensAt: new Date(now.getTime() - 21 * DAY),
        enrolmentClosesAt: new Date(now.getTime() + 7 * DAY),
        instructorIds: [instructor.id],
        online: { title: 'Вводный вебинар: что проверяет мониторинг', startsAt: new Date(now.getTime() - 5 * DAY), hours: 2, link: 'https://meet.example.org/most-demo-1' },
        practice: { title: 'Практикум: трудные вопросы жителей', startsAt: new Date(now.getTime() + 2 * DAY), hours: 4 },
      }),
      actor,
    );

    const enrolmentIds: number[] = [];
    for (const [index, person] of TRAINEES.entries()) {
      const organizationId = organizations[index % organizations.length]!.id;
      const userId =
        index === 0
          ? trainee.id
          : (
              await t<{ id: number }[]>`
                INSERT INTO users (email, display_name, role, organization_id) VALUES (${person.email}, ${person.displayName}, 'trainee', ${organizationId})
                ON CONFLICT DO NOTHING RETURNING id`
            )[0]?.id;
      if (!userId) continue;
      await upsertTraineeProfile(t, userId, person.profile, actor);
      // The cohort is running: enrolment starts studying at once.
      const enrolment = await enrolTrainee(t, { cohortId: cohort.id, userId, organizationId }, actor, now);
      enrolmentIds.push(enrolment.id);
    }

    const [past] = await listCohortSessions(t, cohort.id);
    await markAttendance(
      t,
      past!.id,
      enrolmentIds.map((enrolmentId, index) => ({ enrolmentId, status: index === 3 ? ('absent' as const) : ('present' as const) })),
      { id: instructor.id, label: 'instructor@demo.local' },
    );
    // A colleague has already answered: the instructor's queue has work; the demo trainee has not yet.
    const outline = await getCourseOutline(t, course.id);
    const audit = outline.assignments.find((a) => !a.is_final)!;
    if (enrolmentIds[1]) {
      await submitAssignment(
        t,
        tmpdir(),
        {
          enrolmentId: enrolmentIds[1],
          assignmentId: audit.id,
          text: 'На странице нет режима работы и ссылки на сайт; на два вопроса жителей ответили позже суток. Сначала добавлю контакты, затем назначу дежурного по комментариям.',
        },
        { id: null, label: TRAINEES[1]!.email },
      );
    }
    return { status: 'created' as const, cohortId: cohort.id, trainees: enrolmentIds.length };
  });
}
