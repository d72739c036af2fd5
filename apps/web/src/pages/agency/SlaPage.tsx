import { useQuery } from '@tanstack/solid-query';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { trpc } from '../../api/trpc';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { SlaCharts } from '../../components/SlaCharts';
import { QueryView } from '../../components/State';
import { formatCountdown, formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { user } from '../../session';

/** The SLA watch: the agency's open questions with a live countdown to the 24-hour deadline, then its response-speed charts. */
export default function SlaPage() {
  const open = useQuery(() => ({
    queryKey: ['sla.openQuestions'],
    queryFn: async () => {
      const sent = Date.now();
      const result = await trpc.sla.openQuestions.query({ days: 7 });
      // The server's clock decides what is overdue; keep its offset so the countdown agrees with it.
      return { ...result, clockOffset: new Date(result.now).getTime() - (sent + Date.now()) / 2 };
    },
    enabled: user()?.role === 'agency',
    refetchInterval: 60_000,
  }));
  const [tick, setTick] = createSignal(Date.now());
  const timer = setInterval(() => setTick(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  const now = createMemo(() => tick() + (open.data?.clockOffset ?? 0));
  const m = () => t().sla;

  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="sla-title">
        <h1 id="sla-title">{m().title}</h1>
        <p class="muted">{m().intro}</p>
        <QueryView query={open} empty={(d) => d.items.length === 0} emptyDetail={m().allAnswered}>
          {(d) => (
            <>
              <p data-testid="sla-summary" role="status">
                {fill(m().summary, { count: d.items.length, overdue: d.items.filter((q) => new Date(q.deadlineAt).getTime() < now()).length })}
              </p>
              <div class="table-wrap">
                <table class="stack" data-testid="sla-watch">
                  <caption>{m().tableCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m().timeLeft}</th>
                      <th scope="col">{m().question}</th>
                      <th scope="col">{m().citizen}</th>
                      <th scope="col">{m().asked}</th>
                      <th scope="col">{m().page}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d.items}>
                      {(q) => {
                        const left = () => new Date(q.deadlineAt).getTime() - now();
                        const overdue = () => left() < 0;
                        return (
                          <tr data-testid="sla-question" classList={{ 'sla-overdue': overdue() }}>
                            <td data-label={m().timeLeft}>
                              <span class={overdue() ? 'fail' : left() < 4 * 3_600_000 ? 'warn' : ''} data-testid="sla-countdown">
                                {overdue() ? m().overdueBy : m().timeLeft} <time datetime={q.deadlineAt}>{formatCountdown(left())}</time>
                              </span>
                              <div class="muted">
                                {m().deadline}: {formatDateTime(q.deadlineAt, locale())}
                              </div>
                            </td>
                            <td data-label={m().question}>
                              <span class="citizen-text">{q.text}</span>
                              <div class="muted">{q.confirmed ? m().confirmed : m().detected}</div>
                            </td>
                            <td data-label={m().citizen}>{fill(m().citizenLabel, { id: q.citizen })}</td>
                            <td data-label={m().asked}>{formatDateTime(q.askedAt, locale())}</td>
                            <td data-label={m().page}>
                              <div>
                                {label(t().networks, q.network)}:{' '}
                                <a href={q.accountUrl} rel="noopener noreferrer">
                                  {q.accountUrl}
                                </a>
                              </div>
                              <a href={q.postUrl} target="_blank" rel="noopener noreferrer">
                                {m().openPost}
                              </a>
                              {' · '}
                              <a href={q.commentUrl} target="_blank" rel="noopener noreferrer">
                                {m().openComment}
                              </a>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </div>
            </>
          )}
        </QueryView>
        <Show when={user()?.organizationId}>{(id) => <SlaCharts organizationId={id()} />}</Show>
      </section>
    </RequireRole>
  );
}
