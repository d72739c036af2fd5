import { z } from 'zod';
import { AppError } from '@most/shared';
import type { Queryable, TransactionSql } from '@most/db';
import type { Table } from '../registry/read-table';
import { auditBy } from '@most/db';
import { inTransaction, type TrainingActor } from './common';
import { enrolTrainee } from './enrolments';
import { traineeProfileSchema, upsertTraineeProfile } from './profiles';

/** Accepted headers (English keys or the Russian ones people use in spreadsheets). */
const HEADERS: Record<string, string> = {
  email: 'email',
  'e-mail': 'email',
  'эл. почта': 'email',
  'электронная почта': 'email',
  почта: 'email',
  surname: 'surname',
  фамилия: 'surname',
  given_name: 'givenName',
  имя: 'givenName',
  patronymic: 'patronymic',
  отчество: 'patronymic',
  organization_code: 'organizationCode',
  'код организации': 'organizationCode',
  организация: 'organizationCode',
  snils: 'snils',
  снилс: 'snils',
  birth_date: 'birthDate',
  'дата рождения': 'birthDate',
  sex: 'sex',
  пол: 'sex',
  job_title: 'jobTitle',
  должность: 'jobTitle',
};
const SEX: Record<string, 'male' | 'female'> = { м: 'male', муж: 'male', male: 'male', ж: 'female', жен: 'female', female: 'female' };

const rowSchema = z.object({
  email: z
    .email('не адрес электронной почты')
    .max(320)
    .transform((e) => e.toLowerCase()),
  organizationCode: z.string().min(1, 'не указан код организации'),
});

export interface BulkEnrolResult {
  enrolled: number;
  createdUsers: number;
  errors: { line: number; message: string }[];
}

const MAX_ROWS = 2000;

/**
 * Enrols everyone in a CSV/XLSX table into a cohort. Every row is checked first; when any row
 * is wrong nothing is written and the errors are returned by line.
 */
export async function bulkEnrolFromTable(sql: Queryable, cohortId: number, table: Table, actor: TrainingActor, now = new Date()): Promise<BulkEnrolResult> {
  if (table.rows.length > MAX_ROWS) throw new AppError('BAD_REQUEST', `Не более ${MAX_ROWS} строк за один раз`);
  const errors: BulkEnrolResult['errors'] = [];
  const prepared: { line: number; email: string; organizationCode: string; profile: z.output<typeof traineeProfileSchema> | null }[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const values: Record<string, string> = {};
    for (const [header, value] of Object.entries(row.values)) {
      const key = HEADERS[header.trim().toLowerCase()];
      if (key) values[key] = String(value ?? '').trim();
    }
    const base = rowSchema.safeParse(values);
    if (!base.success) {
      errors.push({ line: row.line, message: base.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ') });
      continue;
    }
    if (seen.has(base.data.email)) {
      errors.push({ line: row.line, message: `${base.data.email} встречается дважды` });
      continue;
    }
    seen.add(base.data.email);
    let profile: z.output<typeof traineeProfileSchema> | null = null;
    if (values.surname || values.givenName) {
      const parsed = traineeProfileSchema.safeParse({
        surname: values.surname ?? '',
        givenName: values.givenName ?? '',
        patronymic: values.patronymic || null,
        snils: values.snils || null,
        birthDate: values.birthDate || null,
        sex: values.sex ? (SEX[values.sex.toLowerCase()] ?? values.sex) : null,
        jobTitle: values.jobTitle || null,
      });
      if (!parsed.success) {
        errors.push({ line: row.line, message: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ') });
        continue;
      }
      profile = parsed.data;
    }
    prepared.push({ line: row.line, ...base.data, profile });
  }
  if (errors.length > 0) return { enrolled: 0, createdUsers: 0, errors };

  return inTransaction(sql, async (tx) => {
    const codes = [...new Set(prepared.map((p) => p.organizationCode))];
    const orgs = codes.length ? await tx<{ id: number; code: string }[]>`SELECT id, code FROM organizations WHERE code IN ${tx(codes)}` : [];
    const orgByCode = new Map(orgs.map((o) => [o.code, o.id]));
    const missing = prepared.filter((p) => !orgByCode.has(p.organizationCode));
    if (missing.length > 0) {
      return { enrolled: 0, createdUsers: 0, errors: missing.map((p) => ({ line: p.line, message: `организации «${p.organizationCode}» нет в реестре` })) };
    }
    let createdUsers = 0;
    const rowErrors: BulkEnrolResult['errors'] = [];
    for (const p of prepared) {
      const organizationId = orgByCode.get(p.organizationCode)!;
      let [user] = await tx<{ id: number; role: string }[]>`SELECT id, role FROM users WHERE lower(email) = ${p.email}`;
      if (!user) {
        const displayName = p.profile ? [p.profile.surname, p.profile.givenName, p.profile.patronymic].filter(Boolean).join(' ') : '';
        // No password: the person signs in after a password reset / invitation.
        [user] = await tx<{ id: number; role: string }[]>`
          INSERT INTO users (email, display_name, role, organization_id) VALUES (${p.email}, ${displayName}, 'trainee', ${organizationId}) RETURNING id, role`;
        await auditBy(tx, actor, { action: 'user.create', entityType: 'user', entityId: user!.id, details: { email: p.email, role: 'trainee', via: 'bulk_enrol' } });
        createdUsers += 1;
      }
      if (p.profile) await upsertTraineeProfile(tx, user!.id, p.profile, actor);
      try {
        await (tx as unknown as TransactionSql).savepoint((sp) => enrolTrainee(sp, { cohortId, userId: user!.id, organizationId }, actor, now));
      } catch (error) {
        rowErrors.push({ line: p.line, message: error instanceof AppError ? error.userMessage : (error as Error).message });
      }
    }
    if (rowErrors.length > 0) {
      // All or nothing: roll back by throwing, report the rows.
      throw new BulkEnrolRejected(rowErrors);
    }
    return { enrolled: prepared.length, createdUsers, errors: [] };
  }).catch((error: unknown) => {
    if (error instanceof BulkEnrolRejected) return { enrolled: 0, createdUsers: 0, errors: error.rows };
    throw error;
  });
}

class BulkEnrolRejected extends Error {
  constructor(readonly rows: BulkEnrolResult['errors']) {
    super('bulk enrolment rejected');
  }
}
