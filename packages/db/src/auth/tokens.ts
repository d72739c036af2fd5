import { createHash, randomBytes } from 'node:crypto';

/** A random secret for cookies and e-mailed links: 256 bits, URL-safe. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** What the database stores instead of the secret itself. */
export const hashSecretToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
