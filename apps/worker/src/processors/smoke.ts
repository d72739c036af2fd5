import type { ParsedJob } from '@most/queue';

/** Proves the queue end to end: echoes its nonce. */
export async function processSmoke(job: ParsedJob<'smoke'>): Promise<{ echoed: string; at: string }> {
  const { nonce } = job.data;
  return { echoed: nonce, at: new Date().toISOString() };
}
