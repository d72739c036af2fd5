import { useQuery } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { useCriteria } from '../../api/criteria';
import { queries } from '../../api/trpc';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { label, locale, t } from '../../i18n';

export function DisputeRows(props: {
  items: {
    id: number;
    accountUrl: string;
    organizationName: string;
    criterionCode: string | null;
    commentId: number | null;
    reasonKind: string;
    text: string;
    raisedAt: string;
    status: string;
    decisionReason: string | null;
  }[];
  showOrganization?: boolean;
}) {
  const criteria = useCriteria();
  const m = () => t().agency;
  return (
    <div class="table-wrap">
      <table class="stack" data-testid="disputes-table">
        <caption>{m().disputesTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m().raisedAt}</th>
            <Show when={props.showOrganization}>
              <th scope="col">{t().ranking.organization}</th>
            </Show>
            <th scope="col">{m().criterion}</th>
            <th scope="col">{m().disputeReason}</th>
            <th scope="col">{m().status}</th>
            <th scope="col">{m().decision}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(item) => (
              <tr>
                <td data-label={m().raisedAt}>{formatDateTime(item.raisedAt, locale())}</td>
                <Show when={props.showOrganization}>
                  <td data-label={t().ranking.organization}>
                    {item.organizationName}
                    <div>
                      <a href={item.accountUrl} rel="noopener noreferrer" class="muted">
                        {item.accountUrl}
                      </a>
                    </div>
                  </td>
                </Show>
                <td data-label={m().criterion}>{item.criterionCode ? criteria.title(item.criterionCode) : `${t().monitor.comment} #${item.commentId}`}</td>
                <td data-label={m().disputeReason}>
                  <strong>{label(m().disputeReasons, item.reasonKind)}</strong>
                  <div class="citizen-text">{item.text}</div>
                </td>
                <td data-label={m().status}>{label(m().disputeStatuses, item.status)}</td>
                <td data-label={m().decision}>{item.decisionReason ?? '—'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** The agency's own disputes and how monitors decided them. */
export default function AgencyDisputesPage() {
  const list = useQuery(() => queries.disputes.mine.queryOptions());
  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="my-disputes-title">
        <h1 id="my-disputes-title">{t().agency.disputesTitle}</h1>
        <QueryView query={list} empty={(items) => items.length === 0}>
          {(items) => <DisputeRows items={items} />}
        </QueryView>
      </section>
    </RequireRole>
  );
}
