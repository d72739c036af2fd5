import { randomBytes } from 'node:crypto';
import { AppError } from '@most/shared';
import type { Queryable, Sql } from '../client';

/** Who did something: a signed-in user, or a named system process (scheduler, e-mail link). */
export interface BulletinActor {
  id: number | null;
  label: string;
}

/** An unguessable token for links in e-mails (unsubscribe, acknowledge). */
export const newLinkToken = (): string => randomBytes(24).toString('base64url');

/** Runs `work` in a transaction, or inside the caller's transaction when `sql` already is one. */
export async function inTransaction<T>(sql: Queryable, work: (tx: Sql) => Promise<T>): Promise<T> {
  const pool = sql as Sql;
  if (typeof pool.begin === 'function') {
    return (await pool.begin((transaction) => work(transaction as unknown as Sql))) as T;
  }
  return work(sql as Sql);
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} не найден`);

export const toIso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
