import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { label, locale, t } from '../../i18n';

/** Monitors: the alert rules as data (on/off, threshold), and deliveries that are retried, failed or interrupted. */
export default function AlertRulesPage() {
  const client = useQueryClient();
  const rules = useQuery(() => queries.alerts.rules.queryOptions());
  const deliveries = useQuery(() => ({ ...queries.alerts.deliveries.queryOptions(), refetchInterval: 60_000 }));
  const save = useMutation(() => ({
    mutationFn: (rule: { kind: string; enabled: boolean; threshold: number | null }) => trpc.alerts.updateRule.mutate(rule as never),
    onSuccess: () => invalidate(client, queries.alerts.rules.queryKey()),
  }));
  const m = () => t().alerts;
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="alert-rules-title">
        <h1 id="alert-rules-title">{m().rulesTitle}</h1>
        <p class="muted">{m().rulesHelp}</p>
        <QueryView query={rules}>
          {(items) => (
            <div class="table-wrap">
              <table class="stack" data-testid="alert-rules">
                <thead>
                  <tr>
                    <th scope="col">{m().kind}</th>
                    <th scope="col">{m().ruleEnabled}</th>
                    <th scope="col">{m().ruleThreshold}</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  <For each={items}>
                    {(rule) => {
                      let enabled!: HTMLInputElement;
                      let threshold: HTMLInputElement | undefined;
                      return (
                        <tr data-testid={`rule-${rule.kind}`}>
                          <td data-label={m().kind}>
                            {rule.title} <span class="muted">({label(m().ruleAudience, rule.audience)})</span>
                          </td>
                          <td data-label={m().ruleEnabled}>
                            <input type="checkbox" ref={enabled} checked={rule.enabled} aria-label={`${rule.title}: ${m().ruleEnabled}`} />
                          </td>
                          <td data-label={m().ruleThreshold}>
                            <Show when={rule.thresholdSpec} fallback="—">
                              {(spec) => (
                                <label>
                                  <span class="muted">{spec().label}</span>{' '}
                                  <input type="number" ref={threshold} min={spec().min} max={spec().max} value={rule.threshold ?? spec().default} style={{ width: '5rem' }} />
                                </label>
                              )}
                            </Show>
                          </td>
                          <td>
                            <button
                              type="button"
                              disabled={save.isPending}
                              onClick={() => save.mutate({ kind: rule.kind, enabled: enabled.checked, threshold: threshold ? Number(threshold.value) : null })}
                            >
                              {m().ruleSave}
                            </button>
                            <span class="muted"> {formatDateTime(rule.updatedAt, locale())}</span>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </QueryView>
        <MutationError error={save.error} />

        <QueryView query={deliveries}>
          {(d) => (
            <>
              <h2>{m().deliveriesTitle}</h2>
              <ul data-testid="alert-delivery-counts">
                <For each={d.counts}>{(c) => <li>{`${label(m().channels, c.channel)}: ${label(m().statuses, c.status)} — ${c.count}`}</li>}</For>
              </ul>
              <h2>{m().problemsTitle}</h2>
              <Show when={d.problems.length > 0} fallback={<p>{m().problemsNone}</p>}>
                <div class="table-wrap">
                  <table class="stack" data-testid="alert-problems">
                    <thead>
                      <tr>
                        <th scope="col">{m().recipient}</th>
                        <th scope="col">{m().kind}</th>
                        <th scope="col">{t().agency.status}</th>
                        <th scope="col">{m().attempts}</th>
                        <th scope="col">{m().error}</th>
                        <th scope="col">{m().nextAttempt}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={d.problems}>
                        {(p) => (
                          <tr>
                            <td data-label={m().recipient}>{`${p.recipient} (${label(m().channels, p.channel)})`}</td>
                            <td data-label={m().kind}>{p.title}</td>
                            <td data-label={t().agency.status}>{label(m().statuses, p.status)}</td>
                            <td data-label={m().attempts}>{p.attempts}</td>
                            <td data-label={m().error}>{p.lastError ?? '—'}</td>
                            <td data-label={m().nextAttempt}>{p.status === 'retrying' ? formatDateTime(p.nextAttemptAt, locale()) : '—'}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
