import { z } from 'zod';
import { roleSchema } from '@most/shared';

/** Dates travel as ISO strings: the output type the dashboard sees is a string, not a Date. */
export const isoDate = z.date().transform((date) => date.toISOString());
export const id = z.number().int().positive();

export const sessionUserSchema = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  organizationId: id.nullable(),
});
export const okSchema = z.object({ ok: z.literal(true) });

/** Awaits a mutation's work and answers `{ ok: true }` (for `okSchema` outputs). */
export async function okAfter(work: Promise<unknown>): Promise<{ ok: true }> {
  await work;
  return { ok: true };
}
