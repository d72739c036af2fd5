import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { Show } from 'solid-js';
import { recommendationActions } from '@most/domain/recommendation-status';
import { useCriteria } from '../../api/criteria';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { EvidenceList } from '../../components/Evidence';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { CardList, Fact, PageFact } from '../../components/CardList';
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
        <CardList
          query={list}
          testId="recommendations"
          itemTestId="recommendation"
          heading={(item) => criteria.title(item.criterionCode)}
          lead={(item) => <p class="recommendation-text">{item.text}</p>}
          facts={(item) => (
            <>
              <PageFact term={m().page} url={item.accountUrl} />
              <Fact term={m().period}>{formatPeriod(item.periodKind, item.periodStart, t().periods, locale())}</Fact>
              <Fact term={m().potentialPoints}>{formatNumber(item.potentialPoints, locale())}</Fact>
              <Fact term={m().status} testId="recommendation-status">
                {label(m().statuses, item.status)}
              </Fact>
              <Fact term={m().evidence}>
                <EvidenceList items={item.evidence} />
              </Fact>
            </>
          )}
        >
          {(item) => (
            <Show when={recommendationActions(item.status, 'agency').includes('acknowledged')}>
              <button type="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(item.id)}>
                {m().acknowledge}
              </button>
              {/* The error belongs to the recommendation whose button caused it. */}
              <MutationError error={acknowledge.variables === item.id ? acknowledge.error : null} />
            </Show>
          )}
        </CardList>
      </section>
    </RequireRole>
  );
}
