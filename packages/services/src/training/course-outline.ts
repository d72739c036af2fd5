import type { CohortInput, SessionInput } from './cohorts';
import type { CourseInput } from './courses';

/** Where the training centre holds its classroom sessions. */
export const TRAINING_CLASSROOM = 'Саратов, ул. Московская, 72, ауд. 5';

type Lesson = NonNullable<NonNullable<CourseInput['modules']>[number]['lessons']>[number];
type Assignment = NonNullable<CourseInput['assignments']>[number];

/** A module taught in one lesson. */
export interface SingleLessonModule {
  title: string;
  hours: number;
  lesson: Lesson;
}

/**
 * A qualification-upgrade programme whose modules are one lesson each and account for all its hours.
 * The demo course and the tests' sample course are built with it.
 */
export function qualificationUpgradeCourse({ modules, ...course }: Omit<CourseInput, 'kind' | 'totalHours' | 'modules'> & { modules: SingleLessonModule[] }): CourseInput {
  return {
    ...course,
    kind: 'qualification_upgrade',
    totalHours: modules.reduce((sum, module) => sum + module.hours, 0),
    modules: modules.map(({ lesson, ...module }) => ({ ...module, lessons: [lesson] })),
  };
}

/**
 * Coursework in the first module: the trainee audits their own official page. Out of 10 points, 6 to pass:
 * 6 for how complete the check is (`checked`), 4 for what the trainee concludes from it (`concluded`).
 */
export function pageAuditAssignment({ criteria, ...audit }: Pick<Assignment, 'title' | 'instructionsMd' | 'dueDay'> & { criteria: { checked: string; concluded: string } }): Assignment {
  return {
    ...audit,
    maxScore: 10,
    passScore: 6,
    modulePosition: 1,
    rubric: [
      { criterion: criteria.checked, points: 6 },
      { criterion: criteria.concluded, points: 4 },
    ],
  };
}

type SessionPlan = Pick<SessionInput, 'title' | 'startsAt' | 'hours'>;

/**
 * A part-time cohort that meets twice: online first (at `link`), then for a practical session in the
 * classroom. It completes by the default rule (coursework passed, 75 % attendance, final assessment).
 */
export function twoSessionCohort({ online, practice, ...cohort }: Omit<CohortInput, 'formOfStudy' | 'sessions'> & { online: SessionPlan & { link: string }; practice: SessionPlan }): CohortInput {
  return {
    ...cohort,
    formOfStudy: 'part_time',
    sessions: [
      { ...online, mode: 'online' },
      { ...practice, mode: 'offline', place: TRAINING_CLASSROOM },
    ],
  };
}
