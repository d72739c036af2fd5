import type { Queryable, Sql } from './client';

/**
 * postgres.js types a transaction without the pool's tagged-template call signature, though it
 * runs the same queries; this is the one place that says so.
 */
export const asSql = (sql: Queryable): Sql => sql as unknown as Sql;

/** Runs `work` in a transaction, or inside the caller's one when `sql` already is a transaction. */
export async function inTransaction<T>(sql: Queryable, work: (tx: Sql) => Promise<T>): Promise<T> {
  const pool = asSql(sql);
  if (typeof pool.begin === 'function') return (await pool.begin((transaction) => work(asSql(transaction)))) as T;
  return work(pool);
}
