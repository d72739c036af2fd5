import { z } from 'zod';
import { AppError } from '@most/shared';
import type { Queryable, Sql } from '../client';

/** Who did it, for the audit log and the *_by columns. */
export interface TrainingActor {
  id: number | null;
  label: string;
}

/** Parses with zod and turns failures into one BAD_REQUEST naming the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '), {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return parsed.data;
}

/** Runs `work` in a transaction, or inside the caller's one when `sql` already is a transaction. */
export async function inTransaction<T>(sql: Queryable, work: (tx: Sql) => Promise<T>): Promise<T> {
  if ('begin' in sql && typeof (sql as Sql).begin === 'function') {
    return (await (sql as Sql).begin((transaction) => work(transaction as unknown as Sql))) as T;
  }
  return work(sql as unknown as Sql);
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** postgres.js returns `date` columns as Date at UTC midnight; this gives back YYYY-MM-DD. */
export function toIsoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function notFound(what: string): never {
  throw new AppError('NOT_FOUND', what);
}
