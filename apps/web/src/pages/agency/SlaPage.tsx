import { useQuery } from '@tanstack/solid-query';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { queries, trpc } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { SlaCharts } from '../../components/SlaCharts';
import { QueryView } from '../../components/State';
import { formatCountdown, formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { user } from '../../session';

/** The SLA watch: the agency's open questions with a live countdown to the 24-hour deadline, then its response-speed charts. */
export default function SlaPage() {
  const open = useQuery(() => ({
    queryKey: queries.sla.openQuestions.queryKey({ days: 7 }),
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
  /** Milliseconds left before the question's deadline, live (negative when overdue). */
  const left = (q: { deadlineAt: string }) => new Date(q.deadlineAt).getTime() - now();

  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="sla-title">
        <h1 id="sla-title">{m().title}</h1>
        <p class="muted">{m().intro}</p>
        <QueryView query={open}>
          {(d) => (
            <>
              {/* The server states what may be claimed; an empty list alone never means "all answered". */}
              <Show
                when={d.state === 'open'}
                fallback={
                  <p data-testid="sla-state" data-state={d.state} role="status" class="state">
                    {d.state === 'open' ? '' : fill(m().states[d.state], { count: d.questions })}
                  </p>
                }
              >
                <p data-testid="sla-summary" role="status">
                  {fill(m().summary, { count: d.questions - d.answered, overdue: d.items.filter((q) => left(q) < 0).length })}
                </p>
              </Show>
              <Show when={(d.state === 'open' || d.state === 'no_questions' || d.state === 'all_answered') && d.pages.some((p) => p.read !== 'read')}>
                <p class="muted" data-testid="sla-unread-caveat">
                  {m().unreadCaveat}
                </p>
              </Show>
              <Show when={d.items.length > 0}>
                <DataTable
                  caption={m().tableCaption}
                  testId="sla-watch"
                  rows={d.items}
                  rowAttrs={() => ({ 'data-testid': 'sla-question' })}
                  rowClass={(q) => ({ 'sla-overdue': left(q) < 0 })}
                  columns={[
                    {
                      header: m().timeLeft,
                      cell: (q) => (
                        <>
                          <span class={left(q) < 0 ? 'fail' : left(q) < 4 * 3_600_000 ? 'warn' : ''} data-testid="sla-countdown">
                            {left(q) < 0 ? m().overdueBy : m().timeLeft} <time datetime={q.deadlineAt}>{formatCountdown(left(q))}</time>
                          </span>
                          <div class="muted">
                            {m().deadline}: {formatDateTime(q.deadlineAt, locale())}
                          </div>
                        </>
                      ),
                    },
                    {
                      header: m().question,
                      cell: (q) => (
                        <>
                          <span class="citizen-text">{q.text}</span>
                          <div class="muted">{q.confirmed ? m().confirmed : m().detected}</div>
                        </>
                      ),
                    },
                    { header: m().citizen, cell: (q) => fill(m().citizenLabel, { id: q.citizen }) },
                    { header: m().asked, cell: (q) => formatDateTime(q.askedAt, locale()) },
                    {
                      header: m().page,
                      cell: (q) => (
                        <>
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
                        </>
                      ),
                    },
                  ]}
                />
              </Show>
              <Show when={d.pages.length > 0}>
                <h2>{m().pagesTitle}</h2>
                <ul data-testid="sla-pages">
                  <For each={d.pages}>
                    {(p) => (
                      <li data-testid="sla-page" data-read={p.read}>
                        {label(t().networks, p.network)}: {p.url} — {fill(m().pageRead[p.read], { when: p.postsReadAt ? formatDateTime(p.postsReadAt, locale()) : '' })}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </QueryView>
        <Show when={user()?.organizationId}>{(id) => <SlaCharts organizationId={id()} />}</Show>
      </section>
    </RequireRole>
  );
}
