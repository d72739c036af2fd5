import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
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
  const status = useQuery(() => ({ queryKey: ['accounts.queueStatus'], queryFn: () => trpc.accounts.queueStatus.query(), refetchInterval: 5_000 }));
  const m = () => t().monitor.queueStatus;
  return (
    <QueryView query={status}>
      {(report) => {
        const active = () => report.queues.flatMap((q) => q.active.map((job) => ({ ...job, queue: q.name })));
        return (
          <div data-testid="queue-status">
            <p class="muted">{fill(m().backend, { kind: report.kind === 'redis' ? 'Redis' : 'PostgreSQL' })}</p>
            <div class="table-wrap">
              <table class="stack" data-testid="queue-counts">
                <caption>{m().caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m().queueName}</th>
                    <For each={STATES}>{(state) => <th scope="col" class="num">{m().states[state]}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={report.queues}>
                    {(queue) => (
                      <tr data-queue={queue.name}>
                        <th scope="row" data-label={m().queueName}>
                          {label(m().names, queue.name)}
                        </th>
                        <For each={STATES}>
                          {(state) => (
                            <td class="num" data-label={m().states[state]} data-state={state}>
                              <span class={state === 'failed' && (queue.counts[state] ?? 0) > 0 ? 'fail' : ''}>
                                {(queue.counts[state] ?? 0) + (state === 'waiting' ? (queue.counts.prioritized ?? 0) : 0)}
                              </span>
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <h3>{m().activeTitle}</h3>
            <Show when={active().length > 0} fallback={<p class="muted">{m().noActive}</p>}>
              <div class="table-wrap">
                <table class="stack" data-testid="queue-active">
                  <caption>{m().activeTitle}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m().job}</th>
                      <th scope="col">{m().subject}</th>
                      <th scope="col">{m().progress}</th>
                      <th scope="col">{m().started}</th>
                      <th scope="col" class="num">{m().attempts}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={active()}>
                      {(job) => (
                        <tr>
                          <td data-label={m().job}>
                            {label(m().jobNames, job.name)}
                            <div class="muted">
                              {label(m().names, job.queue)} · {job.id}
                            </div>
                          </td>
                          <td data-label={m().subject}>{pairs(job.subject) || '—'}</td>
                          <td data-label={m().progress}>
                            <Show when={job.percent !== null}>
                              <progress max={100} value={job.percent ?? 0} aria-label={`${m().progress}: ${job.id}`} /> {job.percent}%
                            </Show>
                            <Show when={Object.keys(job.details).length > 0}>
                              <div>{pairs(job.details)}</div>
                            </Show>
                            <Show when={job.percent === null && Object.keys(job.details).length === 0}>—</Show>
                          </td>
                          <td data-label={m().started}>{job.startedAt ? formatDateTime(job.startedAt, locale()) : '—'}</td>
                          <td class="num" data-label={m().attempts}>{job.attemptsMade}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </div>
        );
      }}
    </QueryView>
  );
}
