import { waitForJob } from '@most/queue/testing';
import { describe, expect, it } from 'vitest';
import { useRunningWorker } from '../test-support';
import { scheduleScoring, SCORE_SCHEDULER_IDS } from './score';

const { db, queue } = useRunningWorker();

describe('scoring jobs', () => {
  it('rescores a period and purges old text through the queue', async () => {
    const [org] = await db.sql<{ id: number }[]>`INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('w1', 'Администрация', 'Адм', 'local_government', 'other') RETURNING id`;
    await db.sql`INSERT INTO accounts (organization_id, network, canonical_url, handle) VALUES (${org!.id}, 'vk', 'https://vk.com/w1', 'w1')`;
    const id = await queue.enqueue('score-period', { periodKind: 'month', date: '2025-03-15' });
    const done = await waitForJob(queue.queue('system'), id);
    expect(done.failedReason).toBeUndefined();
    expect(done.returnvalue).toMatchObject({ period: '2025-03', accounts: 1, organizations: 1 });
    const [score] = await db.sql`SELECT status FROM account_scores WHERE period_start = '2025-03-01'`;
    expect(score!.status).toBe('not_enough_data');

    const purge = await queue.enqueue('score-purge', { retentionDays: 30 });
    expect((await waitForJob(queue.queue('system'), purge)).returnvalue).toMatchObject({ commentsPurged: 0 });
    // The same daily job creates the partitions of the coming months ahead of time.
    const ahead = new Date();
    ahead.setUTCDate(1);
    ahead.setUTCMonth(ahead.getUTCMonth() + 2);
    const partition = `post_counters_y${ahead.getUTCFullYear()}m${String(ahead.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(await db.sql`SELECT to_regclass(${partition})::text AS name`).toEqual([{ name: partition }]);
    expect(await db.sql`SELECT retention_days FROM comment_purges`).toEqual([{ retention_days: 30 }]);
  });

  it('schedules the hourly rescore and the daily purge', async () => {
    await scheduleScoring(queue, { retentionDays: 60 });
    const schedulers = await queue.queue('system').getJobSchedulers();
    expect(
      schedulers
        .map((s) => s.key)
        .filter((k) => k.startsWith('score-'))
        .sort(),
    ).toEqual([...SCORE_SCHEDULER_IDS].sort());
    expect(schedulers.find((s) => s.key === 'score-month')?.pattern).toBe('25 * * * *');
    expect(schedulers.find((s) => s.key === 'score-purge')?.pattern).toBe('0 4 * * *');
    expect(schedulers.find((s) => s.key === 'score-purge')?.template?.data).toEqual({ retentionDays: 60 });
  });
});
