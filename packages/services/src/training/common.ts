import { z } from 'zod';
import { AppError } from '@most/shared';

export type { Actor as TrainingActor } from '@most/db';
export { inTransaction } from '@most/db';

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

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** postgres.js returns `date` columns as Date at UTC midnight; this gives back YYYY-MM-DD. */
export function toIsoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function notFound(what: string): never {
  throw new AppError('NOT_FOUND', what);
}
