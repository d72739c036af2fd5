import { z } from 'zod';
import { EDUCATION_LEVELS, isValidSnils, normalizeSnils } from '@most/domain';
import type { Queryable } from '@most/db';
import { auditBy } from '@most/db';
import { isoDate, parseInput, type TrainingActor } from './common';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));

export const traineeProfileSchema = z.object({
  surname: z.string().trim().min(1).max(200),
  givenName: z.string().trim().min(1).max(200),
  patronymic: optionalText(200),
  birthDate: isoDate.nullable().default(null),
  sex: z.enum(['male', 'female']).nullable().default(null),
  snils: z
    .string()
    .nullable()
    .default(null)
    .refine((v) => v === null || v.trim() === '' || isValidSnils(v), 'СНИЛС: неверная контрольная сумма или формат')
    .transform((v) => (v === null || v.trim() === '' ? null : normalizeSnils(v))),
  citizenship: z
    .string()
    .regex(/^\d{3}$/, 'трёхзначный код ОКСМ')
    .default('643'),
  educationLevel: z.enum(EDUCATION_LEVELS).nullable().default(null),
  diplomaSurname: optionalText(200),
  diplomaSeries: optionalText(50),
  diplomaNumber: optionalText(50),
  jobTitle: optionalText(300),
});
export type TraineeProfileInput = z.input<typeof traineeProfileSchema>;

/** Stores the personal data a document and a ФИС ФРДО row need (152-FZ: only what is required). */
export async function upsertTraineeProfile(sql: Queryable, userId: number, input: TraineeProfileInput, actor: TrainingActor): Promise<void> {
  const p = parseInput(traineeProfileSchema, input);
  await sql`
    INSERT INTO trainee_profiles (user_id, surname, given_name, patronymic, birth_date, sex, snils, citizenship, education_level,
                                  diploma_surname, diploma_series, diploma_number, job_title, updated_at)
    VALUES (${userId}, ${p.surname}, ${p.givenName}, ${p.patronymic}, ${p.birthDate}, ${p.sex}, ${p.snils}, ${p.citizenship}, ${p.educationLevel},
            ${p.diplomaSurname}, ${p.diplomaSeries}, ${p.diplomaNumber}, ${p.jobTitle}, now())
    ON CONFLICT (user_id) DO UPDATE SET
      surname = EXCLUDED.surname, given_name = EXCLUDED.given_name, patronymic = EXCLUDED.patronymic, birth_date = EXCLUDED.birth_date,
      sex = EXCLUDED.sex, snils = EXCLUDED.snils, citizenship = EXCLUDED.citizenship, education_level = EXCLUDED.education_level,
      diploma_surname = EXCLUDED.diploma_surname, diploma_series = EXCLUDED.diploma_series, diploma_number = EXCLUDED.diploma_number,
      job_title = EXCLUDED.job_title, updated_at = now()`;
  // The audit names the change, never the personal data itself.
  await auditBy(sql, actor, { action: 'trainee_profile.upsert', entityType: 'user', entityId: userId });
}

/** "Фамилия Имя Отчество" from the profile, or the display name when there is no profile. */
export function fullNameSql(sql: Queryable) {
  return sql`coalesce(nullif(trim(concat_ws(' ', p.surname, p.given_name, p.patronymic)), ''), nullif(u.display_name, ''), u.email)`;
}

export async function getTraineeProfile(sql: Queryable, userId: number) {
  const [row] = await sql<
    {
      surname: string;
      given_name: string;
      patronymic: string | null;
      birth_date: Date | null;
      sex: 'male' | 'female' | null;
      snils: string | null;
      citizenship: string;
      education_level: 'higher' | 'secondary_vocational' | null;
      diploma_surname: string | null;
      diploma_series: string | null;
      diploma_number: string | null;
      job_title: string | null;
    }[]
  >`
    SELECT surname, given_name, patronymic, birth_date, sex, snils, citizenship, education_level, diploma_surname, diploma_series, diploma_number, job_title
    FROM trainee_profiles WHERE user_id = ${userId}`;
  if (!row) return null;
  return {
    surname: row.surname,
    givenName: row.given_name,
    patronymic: row.patronymic,
    birthDate: row.birth_date ? row.birth_date.toISOString().slice(0, 10) : null,
    sex: row.sex,
    snils: row.snils,
    citizenship: row.citizenship,
    educationLevel: row.education_level,
    diplomaSurname: row.diploma_surname,
    diplomaSeries: row.diploma_series,
    diplomaNumber: row.diploma_number,
    jobTitle: row.job_title,
  };
}
