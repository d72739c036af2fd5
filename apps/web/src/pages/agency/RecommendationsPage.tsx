import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { recommendationActions } from '@most/domain/recommendation-status';
import { useCriteria } from '../../api/criteria';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { EvidenceList } from '../../components/Evidence';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatNumber, formatPeriod } from '../../format';
import { label, locale, t } from '../../i18n';

/** Recommendations for the agency's own pages; each can be acknowledged. */
export default function RecommendationsPage() {
  const client = useQueryClient();
  const criteria = useCriteria();
  const list = useQuery(() => queries.recommendations.mine.queryOptions({ limit: 200 }));
  const acknowledge = useMutation(() => ({
    mutationFn: (id: number) => trpc.recommendations.acknowledge.mutate({ id }),
    onSuccess: () => invalidate(client, queries.recommendations.mine.queryKey()),
  }));
  const m = () => t().agency;

  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="recommendations-title">
        <h1 id="recommendations-title">{m().recommendationsTitle}</h1>
        <QueryView query={list} empty={(items) => items.length === 0}>
          {(items) => (
            <ul class="plain" data-testid="recommendations">
              <For each={items}>
                {(item) => (
                  <li class="card" data-testid="recommendation">
                    <h2>{criteria.title(item.criterionCode)}</h2>
                    <p class="recommendation-text">{item.text}</p>
                    <dl class="meta">
                      <dt>{m().page}</dt>
                      <dd>
                        <a href={item.accountUrl} rel="noopener noreferrer">
                          {item.accountUrl}
                        </a>
                      </dd>
                      <dt>{m().period}</dt>
                      <dd>{formatPeriod(item.periodKind, item.periodStart, t().periods, locale())}</dd>
                      <dt>{m().potentialPoints}</dt>
                      <dd>{formatNumber(item.potentialPoints, locale())}</dd>
                      <dt>{m().status}</dt>
                      <dd data-testid="recommendation-status">{label(m().statuses, item.status)}</dd>
                      <dt>{m().evidence}</dt>
                      <dd>
                        <EvidenceList items={item.evidence} />
                      </dd>
                    </dl>
                    <Show when={recommendationActions(item.status, 'agency').includes('acknowledged')}>
                      <button type="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(item.id)}>
                        {m().acknowledge}
                      </button>
                      {/* The error belongs to the recommendation whose button caused it. */}
                      <MutationError error={acknowledge.variables === item.id ? acknowledge.error : null} />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </QueryView>
      </section>
    </RequireRole>
  );
}
