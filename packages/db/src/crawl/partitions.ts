import type { Queryable } from '../client';

/** Tables partitioned by month, with the column they are partitioned on (migration 0034). */
export const MONTHLY_PARTITIONED = [{ table: 'post_counters', key: 'observed_at' }] as const;

/**
 * Creates the monthly partitions of every partitioned table from this month to `monthsAhead` months
 * after it, so that rows never land in the default partition in normal running. Idempotent; returns
 * the number of partitions created.
 */
export async function ensureMonthlyPartitions(sql: Queryable, now = new Date(), monthsAhead = 2): Promise<number> {
  const upto = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  let created = 0;
  for (const { table, key } of MONTHLY_PARTITIONED) {
    const [row] = await sql<{ created: number }[]>`SELECT ensure_monthly_partitions(${table}, ${key}, ${now}, ${upto}) AS created`;
    created += row!.created;
  }
  return created;
}
