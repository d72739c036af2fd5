import type { Job } from 'bullmq';
import { parseJobPayload } from '@most/queue';

/** Proves the queue end to end: echoes its nonce. */
export async function processSmoke(job: Job): Promise<{ echoed: string; at: string }> {
  const { nonce } = parseJobPayload('smoke', job.data);
  return { echoed: nonce, at: new Date().toISOString() };
}
