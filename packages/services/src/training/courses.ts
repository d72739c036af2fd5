import { z } from 'zod';
import { AppError } from '@most/shared';
import { courseHoursProblem, courseKindSchema, DEFAULT_DUE_DAY, type CourseKind } from '@most/domain';
import type { Queryable } from '@most/db';
import { auditBy } from '@most/db';
import { inTransaction, notFound, parseInput, type TrainingActor } from './common';
import { storeFile, withStoredFiles, type Upload } from './files';

const linkSchema = z.object({
  title: z.string().min(1).max(300),
  url: z
    .url()
    .max(2000)
    .refine((u) => /^https?:\/\//.test(u), 'must be http(s)'),
});
const rubricItemSchema = z.object({ criterion: z.string().min(1).max(500), points: z.number().positive().max(1000) });

export const assignmentInputSchema = z
  .object({
    title: z.string().min(1).max(500),
    instructionsMd: z.string().max(50_000).default(''),
    required: z.boolean().default(true),
    isFinal: z.boolean().default(false),
    dueDay: z.number().int().min(0).max(3650).default(DEFAULT_DUE_DAY),
    maxScore: z.number().positive().max(10_000),
    passScore: z.number().min(0).max(10_000),
    rubric: z.array(rubricItemSchema).max(50).default([]),
    modulePosition: z.number().int().min(1).optional(),
  })
  .refine((a) => a.passScore <= a.maxScore, { message: 'pass score exceeds the maximum', path: ['passScore'] });

export const courseInputSchema = z.object({
  title: z.string().trim().min(3).max(500),
  kind: courseKindSchema,
  totalHours: z.number().int().positive().max(5000),
  descriptionMd: z.string().max(20_000).default(''),
  professionalField: z.string().max(500).nullable().default(null),
  qualificationName: z.string().max(500).nullable().default(null),
  /** Укрупнённая группа специальностей (ФИС ФРДО column 13), e.g. «42.00.00 Средства массовой информации…». */
  ugs: z
    .string()
    .trim()
    .max(500)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v)),
  modules: z
    .array(
      z.object({
        title: z.string().min(1).max(500),
        hours: z.number().min(0).max(5000).default(0),
        lessons: z
          .array(z.object({ title: z.string().min(1).max(500), contentMd: z.string().max(200_000).default(''), links: z.array(linkSchema).max(50).default([]) }))
          .max(200)
          .default([]),
      }),
    )
    .max(100)
    .default([]),
  assignments: z.array(assignmentInputSchema).max(200).default([]),
});
export type CourseInput = z.input<typeof courseInputSchema>;

export interface CourseRow {
  id: number;
  title: string;
  kind: CourseKind;
  total_hours: number;
  description_md: string;
  professional_field: string | null;
  qualification_name: string | null;
  ugs: string | null;
  archived_at: Date | null;
}

/** Creates a programme with its modules, lessons and assignments; refuses hours below the legal minimum. */
export async function createCourse(sql: Queryable, input: CourseInput, actor: TrainingActor): Promise<CourseRow> {
  const course = parseInput(courseInputSchema, input);
  const problem = courseHoursProblem(course.kind, course.totalHours);
  if (problem) throw new AppError('BAD_REQUEST', problem, { details: { field: 'totalHours' } });
  if (course.assignments.filter((a) => a.isFinal).length > 1) throw new AppError('BAD_REQUEST', 'Итоговая аттестация может быть только одна');
  const moduleHours = course.modules.reduce((sum, m) => sum + m.hours, 0);
  if (moduleHours > course.totalHours) throw new AppError('BAD_REQUEST', `Часы модулей (${moduleHours}) превышают объём программы (${course.totalHours})`);

  return inTransaction(sql, async (tx) => {
    const [row] = await tx<CourseRow[]>`
      INSERT INTO courses (title, kind, total_hours, description_md, professional_field, qualification_name, ugs, created_by)
      VALUES (${course.title}, ${course.kind}, ${course.totalHours}, ${course.descriptionMd}, ${course.professionalField}, ${course.qualificationName}, ${course.ugs}, ${actor.id})
      RETURNING id, title, kind, total_hours, description_md, professional_field, qualification_name, ugs, archived_at`;
    const moduleIds: number[] = [];
    for (const [index, module] of course.modules.entries()) {
      const [m] = await tx<{ id: number }[]>`
        INSERT INTO course_modules (course_id, position, title, hours) VALUES (${row!.id}, ${index + 1}, ${module.title}, ${module.hours}) RETURNING id`;
      moduleIds.push(m!.id);
      if (module.lessons.length > 0) {
        await tx`INSERT INTO lessons ${tx(
          module.lessons.map((lesson, position) => ({
            module_id: m!.id,
            position: position + 1,
            title: lesson.title,
            content_md: lesson.contentMd,
            links: tx.json(lesson.links as never),
          })),
        )}`;
      }
    }
    for (const a of course.assignments) {
      const moduleId = a.modulePosition === undefined ? null : moduleIds[a.modulePosition - 1];
      if (moduleId === undefined) throw new AppError('BAD_REQUEST', `Задание «${a.title}»: нет модуля №${a.modulePosition}`);
      await tx`
        INSERT INTO assignments (course_id, module_id, title, instructions_md, required, is_final, due_day, max_score, pass_score, rubric)
        VALUES (${row!.id}, ${moduleId}, ${a.title}, ${a.instructionsMd}, ${a.required}, ${a.isFinal}, ${a.dueDay}, ${a.maxScore}, ${a.passScore}, ${tx.json(a.rubric as never)})`;
    }
    await auditBy(tx, actor, { action: 'course.create', entityType: 'course', entityId: row!.id, details: { title: course.title, kind: course.kind, totalHours: course.totalHours } });
    return row!;
  });
}

export async function listCourses(sql: Queryable): Promise<(CourseRow & { cohort_count: number })[]> {
  return sql<(CourseRow & { cohort_count: number })[]>`
    SELECT c.id, c.title, c.kind, c.total_hours, c.description_md, c.professional_field, c.qualification_name, c.ugs, c.archived_at,
           (SELECT count(*)::int FROM cohorts h WHERE h.course_id = c.id) AS cohort_count
    FROM courses c ORDER BY c.archived_at NULLS FIRST, c.title`;
}

export interface CourseOutline extends CourseRow {
  modules: {
    id: number;
    position: number;
    title: string;
    hours: number;
    lessons: { id: number; position: number; title: string; content_md: string; links: { title: string; url: string }[]; files: { id: number; file_name: string; size_bytes: number }[] }[];
  }[];
  assignments: {
    id: number;
    module_id: number | null;
    title: string;
    instructions_md: string;
    required: boolean;
    is_final: boolean;
    due_day: number;
    max_score: number;
    pass_score: number;
    rubric: { criterion: string; points: number }[];
  }[];
}

export async function getCourseOutline(sql: Queryable, courseId: number): Promise<CourseOutline> {
  const [course] = await sql<CourseRow[]>`
    SELECT id, title, kind, total_hours, description_md, professional_field, qualification_name, ugs, archived_at FROM courses WHERE id = ${courseId}`;
  if (!course) notFound('Курс не найден');
  const modules = await sql<{ id: number; position: number; title: string; hours: number }[]>`
    SELECT id, position, title, hours::float8 AS hours FROM course_modules WHERE course_id = ${courseId} ORDER BY position`;
  const lessons = await sql<
    { id: number; module_id: number; position: number; title: string; content_md: string; links: { title: string; url: string }[]; files: { id: number; file_name: string; size_bytes: number }[] }[]
  >`
    SELECT l.id, l.module_id, l.position, l.title, l.content_md, l.links,
           coalesce((SELECT json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'size_bytes', f.size_bytes) ORDER BY f.id)
                     FROM lesson_files lf JOIN stored_files f ON f.id = lf.file_id WHERE lf.lesson_id = l.id), '[]'::json) AS files
    FROM lessons l JOIN course_modules m ON m.id = l.module_id
    WHERE m.course_id = ${courseId} ORDER BY m.position, l.position`;
  const assignments = await sql<CourseOutline['assignments']>`
    SELECT id, module_id, title, instructions_md, required, is_final, due_day, max_score::float8 AS max_score, pass_score::float8 AS pass_score, rubric
    FROM assignments WHERE course_id = ${courseId} ORDER BY is_final, id`;
  return {
    ...course,
    modules: modules.map((m) => ({ ...m, lessons: lessons.filter((l) => l.module_id === m.id).map(({ module_id: _, ...l }) => l) })),
    assignments: [...assignments],
  };
}

/** Attaches a teaching material (PDF, slides, documents) to a lesson; stored under DATA_DIR. */
export async function attachLessonFile(sql: Queryable, dataDir: string, lessonId: number, upload: Upload, actor: TrainingActor): Promise<{ id: number }> {
  return withStoredFiles([upload], (written) =>
    inTransaction(sql, async (tx) => {
      const [lesson] = await tx`SELECT 1 FROM lessons WHERE id = ${lessonId}`;
      if (!lesson) notFound('Урок не найден');
      const stored = await storeFile(tx, dataDir, 'lessons', upload, actor.id, written);
      await tx`INSERT INTO lesson_files (lesson_id, file_id) VALUES (${lessonId}, ${stored.id})`;
      await auditBy(tx, actor, { action: 'lesson.file.attach', entityType: 'lesson', entityId: lessonId, details: { fileId: stored.id, fileName: stored.file_name } });
      return { id: stored.id };
    }),
  );
}

/** Archived courses stay readable (documents refer to them) but take no new cohorts. */
export async function archiveCourse(sql: Queryable, courseId: number, actor: TrainingActor): Promise<void> {
  await inTransaction(sql, async (tx) => {
    const [row] = await tx`UPDATE courses SET archived_at = coalesce(archived_at, now()), updated_at = now() WHERE id = ${courseId} RETURNING id`;
    if (!row) notFound('Курс не найден');
    await auditBy(tx, actor, { action: 'course.archive', entityType: 'course', entityId: courseId });
  });
}

/** The course a lesson file belongs to, for access checks. */
export async function courseOfLessonFile(sql: Queryable, fileId: number): Promise<number | null> {
  const [row] = await sql<{ course_id: number }[]>`
    SELECT m.course_id FROM lesson_files lf JOIN lessons l ON l.id = lf.lesson_id JOIN course_modules m ON m.id = l.module_id WHERE lf.file_id = ${fileId}`;
  return row?.course_id ?? null;
}
