import type { Algorithm } from '@node-rs/argon2';

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations). */
const ARGON2_OPTIONS = { algorithm: 2 as Algorithm /* Argon2id (a const enum, not importable here) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The native argon2 binding is loaded with the first password, not by every process importing this package. */
const argon2 = () => import('@node-rs/argon2');
export const hashPassword = async (password: string) => (await argon2()).hash(password, ARGON2_OPTIONS);
export const verifyPassword = async (passwordHash: string, password: string) => (await argon2()).verify(passwordHash, password).catch(() => false);
