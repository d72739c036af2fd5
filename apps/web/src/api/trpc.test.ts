import { QueryClient } from '@tanstack/solid-query';
import { describe, expect, it } from 'vitest';
import { createQueryProxy, invalidate, queries } from './trpc';

describe('query keys derived from procedures', () => {
  it('keys a query by its procedure path and input', () => {
    expect(queries.training.trainee.myCourses.queryKey()).toEqual([['training', 'trainee', 'myCourses']]);
    expect(queries.training.monitor.enrolments.queryOptions({ cohortId: 7 }).queryKey).toEqual([['training', 'monitor', 'enrolments'], { input: { cohortId: 7 } }]);
  });

  it('calls the procedure at that path with that input', async () => {
    const calls: unknown[] = [];
    const fake = { bulletin: { issue: { query: async (input: unknown) => (calls.push(input), 'issue') } } };
    const proxy = createQueryProxy(fake as never) as unknown as { bulletin: { issue: { queryOptions: (input: unknown) => { queryFn: () => Promise<unknown> } } } };
    expect(await proxy.bulletin.issue.queryOptions({ slug: 'a' }).queryFn()).toBe('issue');
    expect(calls).toEqual([{ slug: 'a' }]);
  });

  it('invalidates every input of a procedure, and only that procedure', () => {
    const client = new QueryClient();
    const seven = queries.training.monitor.enrolments.queryKey({ cohortId: 7 });
    const other = queries.training.monitor.cohorts.queryKey({});
    client.setQueryData(seven, []);
    client.setQueryData(other, []);
    invalidate(client, queries.training.monitor.enrolments.queryKey());
    expect(client.getQueryState(seven)?.isInvalidated).toBe(true);
    expect(client.getQueryState(other)?.isInvalidated).toBe(false);
  });
});
