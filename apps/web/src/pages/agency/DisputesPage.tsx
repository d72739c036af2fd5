import { useQuery } from '@tanstack/solid-query';
import { useCriteria } from '../../api/criteria';
import { queries, type RouterOutputs } from '../../api/trpc';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDateTime } from '../../format';
import { label, locale, t } from '../../i18n';
import { DataTable, type DataColumn } from '../../components/DataTable';

type DisputeItem = RouterOutputs['disputes']['mine'][number];

export function DisputeRows(props: { items: DisputeItem[]; showOrganization?: boolean }) {
  const criteria = useCriteria();
  const m = () => t().agency;
  const organizationColumn: DataColumn<DisputeItem> = {
    header: t().ranking.organization,
    cell: (item) => (
      <>
        {item.organizationName}
        <div>
          <a href={item.accountUrl} rel="noopener noreferrer" class="muted">
            {item.accountUrl}
          </a>
        </div>
      </>
    ),
  };
  const columns = (): DataColumn<DisputeItem>[] => [
    { header: m().raisedAt, cell: (item) => formatDateTime(item.raisedAt, locale()) },
    ...(props.showOrganization ? [organizationColumn] : []),
    { header: m().criterion, cell: (item) => (item.criterionCode ? criteria.title(item.criterionCode) : `${t().monitor.comment} #${item.commentId}`) },
    {
      header: m().disputeReason,
      cell: (item) => (
        <>
          <strong>{label(m().disputeReasons, item.reasonKind)}</strong>
          <div class="citizen-text">{item.text}</div>
        </>
      ),
    },
    { header: m().status, cell: (item) => label(m().disputeStatuses, item.status) },
    { header: m().decision, cell: (item) => item.decisionReason ?? '—' },
  ];
  return <DataTable caption={m().disputesTitle} testId="disputes-table" rows={props.items} columns={columns()} />;
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
