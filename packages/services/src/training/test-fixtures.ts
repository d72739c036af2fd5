import type { Sql } from '@most/db';
import { createCohort, type CohortInput } from './cohorts';
import { createCourse, type CourseInput } from './courses';
import { pageAuditAssignment, qualificationUpgradeCourse, twoSessionCohort } from './course-outline';
import type { TrainingActor } from './common';

export const monitor: TrainingActor = { id: null, label: 'test-monitor' };

export async function insertUser(sql: Sql, email: string, role: string, organizationId: number | null = null): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO users (email, display_name, role, organization_id) VALUES (${email}, ${email.split('@')[0]!}, ${role}, ${organizationId}) RETURNING id`;
  return row!.id;
}

export async function insertOrganization(sql: Sql, code: string, name: string): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES (${code}, ${name}, ${name}, 'local_government', 'other') RETURNING id`;
  return row!.id;
}

export const sampleCourse = (overrides: Partial<CourseInput> = {}): CourseInput => ({
  ...qualificationUpgradeCourse({
    title: 'Ведение официальных страниц органов власти',
    modules: [
      { title: 'Требования закона', hours: 12, lesson: { title: '270-ФЗ и постановление 2560', contentMd: '# Закон', links: [{ title: 'Закон', url: 'https://example.org/270' }] } },
      { title: 'Ответы на комментарии', hours: 24, lesson: { title: 'Сроки ответа', contentMd: 'Не позднее 24 часов' } },
    ],
    assignments: [
      pageAuditAssignment({ title: 'Аудит своей страницы', dueDay: 7, criteria: { checked: 'Полнота', concluded: 'Выводы' } }),
      { title: 'Эссе (по желанию)', maxScore: 10, passScore: 5, required: false },
      { title: 'Итоговая аттестация', maxScore: 100, passScore: 60, isFinal: true, dueDay: 30 },
    ],
  }),
  ...overrides,
});

export async function sampleCohort(sql: Sql, courseId: number, overrides: Partial<CohortInput> = {}) {
  return createCohort(
    sql,
    {
      ...twoSessionCohort({
        courseId,
        title: 'Поток весна 2026',
        startsOn: '2026-03-02',
        endsOn: '2026-04-10',
        capacity: 3,
        enrolmentOpensAt: '2026-02-01T00:00:00Z',
        enrolmentClosesAt: '2026-03-01T00:00:00Z',
        online: { title: 'Вводное занятие', startsAt: '2026-03-03T10:00:00Z', hours: 4, link: 'https://meet.example.org/a' },
        practice: { title: 'Практикум', startsAt: '2026-03-10T10:00:00Z', hours: 4 },
      }),
      ...overrides,
    },
    monitor,
  );
}

/** The dates that place a cohort in time: its run and its enrolment window. */
export type CohortDates = Pick<CohortInput, 'startsOn' | 'endsOn' | 'enrolmentOpensAt' | 'enrolmentClosesAt'>;

/** A distance cohort without sessions that the monitor completes by a manual mark. */
export async function manualMarkCohort(sql: Sql, courseId: number, dates: CohortDates, overrides: Partial<CohortInput> = {}) {
  return createCohort(sql, { courseId, title: 'Поток', formOfStudy: 'distance', capacity: 5, completionRule: { mode: 'any', conditions: [{ kind: 'manual_mark' }] }, ...dates, ...overrides }, monitor);
}

export async function makeCourse(sql: Sql, overrides: Partial<CourseInput> = {}) {
  return createCourse(sql, sampleCourse(overrides), monitor);
}
