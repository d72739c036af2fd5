import { describe, expect, it } from 'vitest';
import { dispatchJobs, networkQueueProcessors, type QueueProcessors } from './processors';

/** A job as the worker hands it over: only the fields dispatching reads. */
const job = (name: string, data: unknown) => ({ name, data }) as never;

describe('crawl queues on the job catalogue', () => {
  const seen: { kind: string; name: string; data: unknown }[] = [];
  const network = dispatchJobs(
    networkQueueProcessors<null>({
      profiles: async (j) => seen.push({ kind: 'profiles', name: j.name, data: j.data }),
      posts: async (j) => seen.push({ kind: 'posts', name: j.name, data: j.data }),
      comments: async (j) => seen.push({ kind: 'comments', name: j.name, data: j.data }),
    }),
    null,
  );

  it('sends each network job to its kind of work with the payload parsed once (defaults applied)', async () => {
    await network(job('ok-posts', { network: 'ok', accountId: 7, runAt: 1_000 }));
    await network(job('telegram-comments', { network: 'telegram', accountId: 7, runAt: 1_000, postId: 3, postExternalId: 'p3' }));
    expect(seen).toEqual([
      { kind: 'posts', name: 'ok-posts', data: { network: 'ok', accountId: 7, runAt: 1_000, cursor: null, page: 0, newest: null } },
      { kind: 'comments', name: 'telegram-comments', data: { network: 'telegram', accountId: 7, runAt: 1_000, postId: 3, postExternalId: 'p3', pass: 'hourly' } },
    ]);
  });

  it('refuses a payload of another network than the job name carries, and a malformed one', async () => {
    await expect(network(job('vk-posts', { network: 'ok', accountId: 7, runAt: 1_000 }))).rejects.toThrow('Job "vk-posts" does not carry a posts payload of its network (ok)');
    await expect(network(job('vk-profiles', { network: 'vk', accountIds: [], runAt: 1_000 }))).rejects.toThrow(/Invalid payload for job "vk-profiles": accountIds/);
    await expect(network(job('vk-fresh', { network: 'vk' }))).rejects.toThrow('No processor for job "vk-fresh"');
  });

  it('makes a missing processor of the crawl queue a type error', () => {
    // @ts-expect-error 'crawl-fresh' has no processor
    const incomplete: QueueProcessors<'crawl', null> = { 'crawl-fanout': async () => null };
    const complete: QueueProcessors<'crawl', null> = { 'crawl-fanout': async () => null, 'crawl-fresh': async () => null };
    expect(Object.keys(incomplete)).toEqual(['crawl-fanout']);
    expect(Object.keys(complete).sort()).toEqual(['crawl-fanout', 'crawl-fresh']);
  });
});
