import { createHash } from 'node:crypto';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/**
 * OK API request signature: md5 of the sorted "key=value" pairs (no separators, without access_token
 * and sig) followed by the session secret md5(access_token + application_secret_key); lower-case hex.
 */
export function okSignature(params: Record<string, string>, accessToken: string, applicationSecretKey: string): string {
  const pairs = Object.entries(params)
    .filter(([key]) => key !== 'access_token' && key !== 'sig')
    .map(([key, value]) => `${key}=${value}`)
    .sort();
  return md5(pairs.join('') + md5(accessToken + applicationSecretKey));
}
