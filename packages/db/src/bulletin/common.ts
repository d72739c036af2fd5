import { randomBytes } from 'node:crypto';
import { AppError } from '@most/shared';

export type { Actor as BulletinActor } from '../actor';
export { inTransaction } from '../transaction';

/** An unguessable token for links in e-mails (unsubscribe, acknowledge). */
export const newLinkToken = (): string => randomBytes(24).toString('base64url');

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} не найден`);

export const toIso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
