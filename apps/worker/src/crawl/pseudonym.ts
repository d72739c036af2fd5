import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Network } from '@most/shared';

/**
 * Commenters are stored only as keyed pseudonyms: HMAC-SHA256 over the network and its raw
 * author id. The key stays outside the database, so the database alone cannot re-identify anyone,
 * while the same person keeps the same pseudonym across crawls (threads, repeat questions).
 */
export type Pseudonymise = (network: Network, rawAuthorId: string) => string;

export const MIN_KEY_LENGTH = 32;

export function createPseudonymiser(key: string): Pseudonymise {
  if (key.length < MIN_KEY_LENGTH) throw new Error(`The pseudonym key must be at least ${MIN_KEY_LENGTH} characters`);
  return (network, rawAuthorId) => createHmac('sha256', key).update(`${network}\u0000${rawAuthorId}`).digest('hex');
}

/** Short non-reversible fingerprint of a secret (tokens in alerts), never the secret itself. */
export const fingerprint = (secret: string): string => createHash('sha256').update(secret).digest('hex').slice(0, 12);

export const PSEUDONYM_KEY_FILE = 'pseudonym.key';

/**
 * Embedded mode without PSEUDONYM_KEY: reads DATA_DIR/pseudonym.key, creating it (32 random bytes,
 * hex, mode 0600) on first start. Losing the file only means new pseudonyms from then on.
 */
export async function loadOrCreatePseudonymKey(dataDir: string): Promise<string> {
  const path = join(dataDir, PSEUDONYM_KEY_FILE);
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing.length >= MIN_KEY_LENGTH) return existing;
    throw new Error(`${path} holds a key shorter than ${MIN_KEY_LENGTH} characters; remove it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return (await readFile(path, 'utf8')).trim();
    throw error;
  }
  await chmod(path, 0o600);
  return key;
}
