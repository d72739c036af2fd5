import { useQuery } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
const pairs = (record: Record<string, unknown>) =>
  Object.entries(record)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');

/** Job counts per queue and the jobs running now with the progress they report (crawls page by page). */
export function QueueStatus() {
  const status = useQuery(() => ({ ...queries.accounts.queueStatus.queryOptions(), refetchInterval: 5_000 }));
  const m = () => t().monitor.queueStatus;
  return (
    <QueryView query={status}>
      {(report) => {
        const active = () => report.queues.flatMap((q) => q.active.map((job) => ({ ...job, queue: q.name })));
        return (
          <div data-testid="queue-status">
            <p class="muted">{fill(m().backend, { kind: report.kind === 'redis' ? 'Redis' : 'PostgreSQL' })}</p>
            <DataTable
              caption={m().caption}
              testId="queue-counts"
              rows={report.queues}
              rowAttrs={(queue) => ({ 'data-queue': queue.name })}
              columns={[
                { header: m().queueName, rowHeader: true, cell: (queue) => label(m().names, queue.name) },
                ...STATES.map((state) => ({
                  header: m().states[state],
                  numeric: true,
                  cellAttrs: () => ({ 'data-state': state }),
                  cell: (queue: (typeof report.queues)[number]) => (
                    <span class={state === 'failed' && (queue.counts[state] ?? 0) > 0 ? 'fail' : ''}>{(queue.counts[state] ?? 0) + (state === 'waiting' ? (queue.counts.prioritized ?? 0) : 0)}</span>
                  ),
                })),
              ]}
            />
            <h3>{m().activeTitle}</h3>
            <Show when={active().length > 0} fallback={<p class="muted">{m().noActive}</p>}>
              <DataTable
                caption={m().activeTitle}
                testId="queue-active"
                rows={active()}
                columns={[
                  {
                    header: m().job,
                    cell: (job) => (
                      <>
                        {label(m().jobNames, job.name)}
                        <div class="muted">
                          {label(m().names, job.queue)} · {job.id}
                        </div>
                      </>
                    ),
                  },
                  { header: m().subject, cell: (job) => pairs(job.subject) || '—' },
                  {
                    header: m().progress,
                    cell: (job) => (
                      <>
                        <Show when={job.percent !== null}>
                          <progress max={100} value={job.percent ?? 0} aria-label={`${m().progress}: ${job.id}`} /> {job.percent}%
                        </Show>
                        <Show when={Object.keys(job.details).length > 0}>
                          <div>{pairs(job.details)}</div>
                        </Show>
                        <Show when={job.percent === null && Object.keys(job.details).length === 0}>—</Show>
                      </>
                    ),
                  },
                  { header: m().started, cell: (job) => (job.startedAt ? formatDateTime(job.startedAt, locale()) : '—') },
                  { header: m().attempts, numeric: true, cell: (job) => job.attemptsMade },
                ]}
              />
            </Show>
          </div>
        );
      }}
    </QueryView>
  );
}
