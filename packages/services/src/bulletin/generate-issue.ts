import type { BulletinPeriod, GenerateOptions } from '@most/domain';
import { loadBulletinDataset, type Actor, type Queryable } from '@most/db';
import { createDraftIssue, type CreatedDraft } from './create-draft';

/** Gathers a period's dataset from the platform's tables and stores the draft generated from it (idempotent per period). */
export async function generateIssue(sql: Queryable, input: { period: BulletinPeriod; actor: Actor; options?: GenerateOptions }): Promise<CreatedDraft & { organizations: number }> {
  const dataset = await loadBulletinDataset(sql, input.period);
  const draft = await createDraftIssue(sql, { dataset, actor: input.actor, ...(input.options ? { options: input.options } : {}) });
  return { ...draft, organizations: dataset.organizations.length };
}
