import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { ACCESS } from '@most/domain/access';
import { RequireRole } from '../../components/RequireRole';
import { formatDate } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import type { Role } from '../../session';
import { Form, Field, TextField } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';

const ROLES: Role[] = ['admin', 'monitor', 'agency', 'instructor', 'trainee'];

function InviteForm() {
  const client = useQueryClient();
  const [email, setEmail] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [role, setRole] = createSignal<Role>('monitor');
  const [orgSearch, setOrgSearch] = createSignal('');
  const [organizationId, setOrganizationId] = createSignal('');
  const organizations = useQuery(() => ({
    ...queries.registry.organizations.queryOptions({ search: orgSearch() || undefined, page: 1, pageSize: 20 }),
    enabled: role() === 'agency',
  }));
  const invite = useMutation(() => ({
    mutationFn: () => trpc.users.invite.mutate({ email: email(), displayName: displayName(), role: role(), organizationId: role() === 'agency' && organizationId() ? Number(organizationId()) : null }),
    onSuccess: () => invalidate(client, queries.users.list.queryKey()),
  }));
  const m = () => t().monitor;

  return (
    <Form class="card" onSubmit={() => invite.mutate()}>
      <h2>{m().invite}</h2>
      <div class="form-row">
        <TextField id="invite-email" label={t().login.email} type="email" required value={email()} onInput={setEmail} />
        <TextField id="invite-name" label={m().name} value={displayName()} onInput={setDisplayName} />
        <Field id="invite-role" label={m().role}>
          <select id="invite-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <For each={ROLES}>{(value) => <option value={value}>{t().roles[value]}</option>}</For>
          </select>
        </Field>
      </div>
      <Show when={role() === 'agency'}>
        <fieldset>
          <legend>{m().organizationSearch}</legend>
          <div class="form-row">
            <TextField id="invite-org-search" label={t().app.search} type="search" value={orgSearch()} onInput={setOrgSearch} />
            <Field id="invite-org" label={t().ranking.organization}>
              <select id="invite-org" required value={organizationId()} onChange={(e) => setOrganizationId(e.currentTarget.value)}>
                <option value="">—</option>
                <For each={organizations.data?.items ?? []}>{(org) => <option value={String(org.id)}>{org.shortName}</option>}</For>
              </select>
            </Field>
          </div>
        </fieldset>
      </Show>
      <button type="submit" disabled={invite.isPending}>
        {m().invite}
      </button>
      <Show when={invite.data}>
        {(result) => (
          <p class="notice notice--ok" role="status">
            {fill(m().inviteSent, { email: result().user.email })}
          </p>
        )}
      </Show>
      <MutationError error={invite.error} />
    </Form>
  );
}

/** Users and invitations (administrators). */
export default function UsersPage() {
  const client = useQueryClient();
  const users = useQuery(() => queries.users.list.queryOptions({}));
  const disable = useMutation(() => ({
    mutationFn: (userId: number) => trpc.users.disable.mutate({ userId }),
    onSuccess: () => invalidate(client, queries.users.list.queryKey()),
  }));
  const m = () => t().monitor;
  const statusLabel = (status: string) => label({ active: t().monitor.userActive, invited: t().monitor.userInvited, disabled: t().monitor.userDisabled }, status);

  return (
    <RequireRole roles={[...ACCESS.administration]}>
      <section aria-labelledby="users-title">
        <h1 id="users-title">{m().usersTitle}</h1>
        <InviteForm />
        <MutationError error={disable.error} />
        <QueryTable
          query={users}
          caption={m().usersTitle}
          testId="users-table"
          columns={[
            { header: t().login.email, cell: (u) => u.email },
            { header: m().name, cell: (u) => u.displayName || '—' },
            { header: m().role, cell: (u) => t().roles[u.role] },
            { header: t().ranking.organization, cell: (u) => u.organizationName ?? '—' },
            { header: m().statuses, cell: (u) => statusLabel(u.status) },
            { header: m().created, cell: (u) => formatDate(u.createdAt, locale()) },
            {
              header: t().app.actions,
              cell: (u) => (
                <Show when={u.status !== 'disabled'}>
                  <button type="button" class="button--ghost" onClick={() => disable.mutate(u.id)}>
                    {m().disable}
                  </button>
                </Show>
              ),
            },
          ]}
        />
      </section>
    </RequireRole>
  );
}
