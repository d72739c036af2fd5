import { z } from 'zod';

/** ДПО programme kinds with the legal minimum length (order No. 266 of 24.03.2025, p. 18). */
export const COURSE_KINDS = ['qualification_upgrade', 'professional_retraining'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

export const MIN_HOURS: Record<CourseKind, number> = {
  qualification_upgrade: 16,
  professional_retraining: 250,
};

export const COURSE_KIND_LABELS: Record<CourseKind, string> = {
  qualification_upgrade: 'Повышение квалификации',
  professional_retraining: 'Профессиональная переподготовка',
};

export const courseKindSchema = z.enum(COURSE_KINDS, { error: `must be one of ${COURSE_KINDS.join(', ')}` });

/** Returns a Russian-first problem message when the hours are below the kind's minimum, else null. */
export function courseHoursProblem(kind: CourseKind, totalHours: number): string | null {
  if (!Number.isFinite(totalHours) || totalHours <= 0) return 'Количество часов должно быть положительным числом';
  const min = MIN_HOURS[kind];
  if (totalHours < min) {
    return `${COURSE_KIND_LABELS[kind]}: не менее ${min} ч (указано ${totalHours} ч)`;
  }
  return null;
}

export const FORMS_OF_STUDY = ['full_time', 'part_time', 'distance'] as const;
export type FormOfStudy = (typeof FORMS_OF_STUDY)[number];
/** Labels exactly as the ФИС ФРДО dictionary spells them (see frdo-dictionaries). */
export const FORM_OF_STUDY_LABELS: Record<FormOfStudy, 'Очная' | 'Очно-заочная (вечерняя)' | 'Заочная'> = {
  full_time: 'Очная',
  part_time: 'Очно-заочная (вечерняя)',
  distance: 'Заочная',
};
