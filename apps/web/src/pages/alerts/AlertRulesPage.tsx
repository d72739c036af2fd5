import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
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
  /** Each rule row's inputs, read when its save button is pressed. */
  const inputs = new Map<string, { enabled?: HTMLInputElement; threshold?: HTMLInputElement }>();
  const inputsOf = (kind: string) => inputs.get(kind) ?? inputs.set(kind, {}).get(kind)!;
  const ruleFromInputs = (kind: string) => {
    const { enabled, threshold } = inputsOf(kind);
    return { kind, enabled: enabled?.checked ?? false, threshold: threshold ? Number(threshold.value) : null };
  };
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="alert-rules-title">
        <h1 id="alert-rules-title">{m().rulesTitle}</h1>
        <p class="muted">{m().rulesHelp}</p>
        <QueryView query={rules}>
          {(items) => (
            <DataTable
              caption={m().rulesTitle}
              captionClass="visually-hidden"
              rows={items}
              testId="alert-rules"
              rowAttrs={(rule) => ({ 'data-testid': `rule-${rule.kind}` })}
              columns={[
                {
                  header: m().kind,
                  cell: (rule) => (
                    <>
                      {rule.title} <span class="muted">({label(m().ruleAudience, rule.audience)})</span>
                    </>
                  ),
                },
                {
                  header: m().ruleEnabled,
                  cell: (rule) => <input type="checkbox" ref={(el) => (inputsOf(rule.kind).enabled = el)} checked={rule.enabled} aria-label={`${rule.title}: ${m().ruleEnabled}`} />,
                },
                {
                  header: m().ruleThreshold,
                  cell: (rule) => (
                    <Show when={rule.thresholdSpec} fallback="—">
                      {(spec) => (
                        <label>
                          <span class="muted">{spec().label}</span>{' '}
                          <input
                            type="number"
                            ref={(el) => (inputsOf(rule.kind).threshold = el)}
                            min={spec().min}
                            max={spec().max}
                            value={rule.threshold ?? spec().default}
                            style={{ width: '5rem' }}
                          />
                        </label>
                      )}
                    </Show>
                  ),
                },
                {
                  header: '',
                  cell: (rule) => (
                    <>
                      <button type="button" disabled={save.isPending} onClick={() => save.mutate(ruleFromInputs(rule.kind))}>
                        {m().ruleSave}
                      </button>
                      <span class="muted"> {formatDateTime(rule.updatedAt, locale())}</span>
                    </>
                  ),
                },
              ]}
            />
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
                <DataTable
                  caption={m().problemsTitle}
                  captionClass="visually-hidden"
                  rows={d.problems}
                  testId="alert-problems"
                  columns={[
                    { header: m().recipient, cell: (p) => `${p.recipient} (${label(m().channels, p.channel)})` },
                    { header: m().kind, cell: (p) => p.title },
                    { header: t().agency.status, cell: (p) => label(m().statuses, p.status) },
                    { header: m().attempts, cell: (p) => p.attempts },
                    { header: m().error, cell: (p) => p.lastError ?? '—' },
                    { header: m().nextAttempt, cell: (p) => (p.status === 'retrying' ? formatDateTime(p.nextAttemptAt, locale()) : '—') },
                  ]}
                />
              </Show>
            </>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
