import { useQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { trpc } from '../../api/trpc';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { NoData, QueryView } from '../../components/State';
import { label, t } from '../../i18n';

/** An agency member's own organization: its official pages, then scores and evidence as the API provides them. */
export default function MyOrganizationPage() {
  const accounts = useQuery(() => ({ queryKey: ['accounts.mine'], queryFn: () => trpc.accounts.mine.query() }));
  const m = () => t().agency;
  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="agency-title">
        <h1 id="agency-title">{m().scoresTitle}</h1>
        <h2>{t().organization.accounts}</h2>
        <QueryView query={accounts} empty={(list) => list.length === 0}>
          {(list) => (
            <ul data-testid="my-accounts">
              <For each={list}>
                {(account) => (
                  <li>
                    {label(t().networks, account.network)}:{' '}
                    <a href={account.canonicalUrl} rel="noopener noreferrer">
                      {account.canonicalUrl}
                    </a>{' '}
                    <span class="muted">({label(t().accountStatuses, account.status)})</span>
                  </li>
                )}
              </For>
            </ul>
          )}
        </QueryView>
        <h2>{m().evidence}</h2>
        <NoData detail={t().app.notAvailable} />
      </section>
    </RequireRole>
  );
}
