import { A } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { DataTable } from '../../components/DataTable';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { PagedTable } from '../../components/PagedTable';
import { QueryView } from '../../components/State';
import { label, t } from '../../i18n';
import { CrawlNow } from './CrawlNow';
import { ORGANIZATION_KINDS as KINDS, SECTORS, type OrganizationKind as Kind, type Sector } from '@most/domain/browser';
import { Form, Field } from '../../components/Form';

function OrganizationDetail(props: { id: number; municipalities: { id: number; name: string }[] }) {
  const client = useQueryClient();
  const detail = useQuery(() => queries.registry.organization.queryOptions({ id: props.id }));
  const [url, setUrl] = createSignal('');
  const refresh = () => client.invalidateQueries({ queryKey: queries.registry.organization.queryKey() });
  const addAccount = useMutation(() => ({
    mutationFn: () => trpc.registry.createAccount.mutate({ organizationId: props.id, url: url() }),
    onSuccess: () => {
      setUrl('');
      void refresh();
    },
  }));
  const updateAccount = useMutation(() => ({
    mutationFn: (input: { id: number; patch: { isOfficial?: boolean; removed?: boolean } }) => trpc.registry.updateAccount.mutate(input),
    onSuccess: () => void refresh(),
  }));
  const update = useMutation(() => ({
    mutationFn: (fields: OrganizationFields) => trpc.registry.updateOrganization.mutate({ id: props.id, patch: toInput(fields) }),
    onSuccess: () => {
      void refresh();
      invalidate(client, queries.registry.organizations.queryKey());
    },
  }));
  const m = () => t().monitor;

  return (
    <QueryView query={detail}>
      {(org) => (
        <article class="card" aria-labelledby={`org-${org.id}`} data-testid="organization-detail">
          <h2 id={`org-${org.id}`}>{org.shortName}</h2>
          <p>{org.fullName}</p>
          <dl class="meta">
            <dt>{t().ranking.category}</dt>
            <dd>{label(t().kinds, org.kind)}</dd>
            <dt>{t().ranking.sector}</dt>
            <dd>{label(t().sectors, org.sector)}</dd>
            <dt>{t().ranking.municipality}</dt>
            <dd>{org.municipality?.name ?? '—'}</dd>
            <dt>{t().organization.website}</dt>
            <dd>{org.website ?? '—'}</dd>
            <dt>{m().code}</dt>
            <dd>{org.code}</dd>
          </dl>
          <CrawlNow organizationId={org.id} label={t().operations.crawlOrganizationNow} />
          <details>
            <summary>{m().editOrganization}</summary>
            <OrganizationForm
              idPrefix={`org-${org.id}`}
              initial={{
                code: org.code,
                fullName: org.fullName,
                shortName: org.shortName,
                kind: org.kind,
                sector: org.sector,
                municipalityId: org.municipality ? String(org.municipality.id) : '',
                website: org.website ?? '',
                inn: org.inn ?? '',
              }}
              municipalities={props.municipalities}
              submitLabel={t().app.save}
              pending={update.isPending}
              error={update.error}
              onSubmit={(fields) => update.mutate(fields)}
            />
          </details>
          <DataTable
            caption={t().organization.accounts}
            rows={org.accounts}
            empty={t().app.noData}
            columns={[
              { header: t().organization.network, cell: (account) => label(t().networks, account.network) },
              {
                header: 'URL',
                cell: (account) => (
                  <a href={account.canonicalUrl} rel="noopener noreferrer">
                    {account.canonicalUrl}
                  </a>
                ),
              },
              { header: t().organization.status, cell: (account) => label(t().accountStatuses, account.status) },
              {
                header: m().official,
                cell: (account) => (
                  <input
                    type="checkbox"
                    checked={account.isOfficial}
                    aria-label={`${m().official}: ${account.canonicalUrl}`}
                    onChange={(e) => updateAccount.mutate({ id: account.id, patch: { isOfficial: e.currentTarget.checked } })}
                  />
                ),
              },
              {
                header: t().app.actions,
                cell: (account) => (
                  <button type="button" class="button--ghost" onClick={() => updateAccount.mutate({ id: account.id, patch: { removed: true } })}>
                    {m().remove}
                  </button>
                ),
              },
            ]}
          />
          <MutationError error={updateAccount.error} />
          <Form class="form-row" onSubmit={() => addAccount.mutate()}>
            <div class="field">
              <label for={`add-account-${org.id}`}>{m().addAccount}</label>
              <input id={`add-account-${org.id}`} type="text" size={36} placeholder="https://vk.com/…" required value={url()} onInput={(e) => setUrl(e.currentTarget.value)} />
            </div>
            <button type="submit" disabled={addAccount.isPending}>
              {m().addAccount}
            </button>
          </Form>
          <MutationError error={addAccount.error} />
          <p>
            <A href={`/organizations/${org.id}`}>{t().monitor.publicPage}</A>
          </p>
        </article>
      )}
    </QueryView>
  );
}

interface OrganizationFields {
  code: string;
  fullName: string;
  shortName: string;
  kind: Kind;
  sector: Sector;
  municipalityId: string;
  website: string;
  inn: string;
}

const EMPTY_ORGANIZATION: OrganizationFields = { code: '', fullName: '', shortName: '', kind: 'subordinate_institution', sector: 'education', municipalityId: '', website: '', inn: '' };

const toInput = (f: OrganizationFields) => ({ ...f, municipalityId: f.municipalityId ? Number(f.municipalityId) : null });

/** The organization's fields; used to create one and to edit one. */
function OrganizationForm(props: {
  idPrefix: string;
  initial: OrganizationFields;
  municipalities: { id: number; name: string }[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: OrganizationFields) => void;
}) {
  const [form, setForm] = createSignal({ ...props.initial });
  const set = (key: keyof OrganizationFields, value: string) => setForm({ ...form(), [key]: value });
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const m = () => t().monitor;
  return (
    <Form onSubmit={() => props.onSubmit(form())}>
      <div class="form-row">
        <div class="field">
          <label for={id('code')}>{m().code}</label>
          <input id={id('code')} required value={form().code} onInput={(e) => set('code', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('short')}>{m().shortName}</label>
          <input id={id('short')} required value={form().shortName} onInput={(e) => set('shortName', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('full')}>{m().fullName}</label>
          <input id={id('full')} required size={40} value={form().fullName} onInput={(e) => set('fullName', e.currentTarget.value)} />
        </div>
        <Field id={id('kind')} label={t().ranking.category}>
          <select id={id('kind')} value={form().kind} onChange={(e) => set('kind', e.currentTarget.value)}>
            <For each={KINDS}>{(kind) => <option value={kind}>{label(t().kinds, kind)}</option>}</For>
          </select>
        </Field>
        <Field id={id('sector')} label={t().ranking.sector}>
          <select id={id('sector')} value={form().sector} onChange={(e) => set('sector', e.currentTarget.value)}>
            <For each={SECTORS}>{(sector) => <option value={sector}>{label(t().sectors, sector)}</option>}</For>
          </select>
        </Field>
        <Field id={id('municipality')} label={t().ranking.municipality}>
          <select id={id('municipality')} value={form().municipalityId} onChange={(e) => set('municipalityId', e.currentTarget.value)}>
            <option value="">—</option>
            <For each={props.municipalities}>{(mun) => <option value={String(mun.id)}>{mun.name}</option>}</For>
          </select>
        </Field>
        <div class="field">
          <label for={id('website')}>{t().organization.website}</label>
          <input id={id('website')} type="url" value={form().website} onInput={(e) => set('website', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={id('inn')}>{m().inn}</label>
          <input id={id('inn')} inputMode="numeric" value={form().inn} onInput={(e) => set('inn', e.currentTarget.value)} />
        </div>
      </div>
      <p>
        <button type="submit" disabled={props.pending}>
          {props.submitLabel}
        </button>
      </p>
      <MutationError error={props.error} />
    </Form>
  );
}

function NewOrganizationForm(props: { municipalities: { id: number; name: string }[]; onCreated: (id: number) => void }) {
  const create = useMutation(() => ({
    mutationFn: (fields: OrganizationFields) => trpc.registry.createOrganization.mutate({ ...toInput(fields), parentId: null }),
    onSuccess: (org) => props.onCreated(org.id),
  }));
  return (
    <details class="card">
      <summary>{t().monitor.addOrganization}</summary>
      <OrganizationForm
        idPrefix="org-new"
        initial={EMPTY_ORGANIZATION}
        municipalities={props.municipalities}
        submitLabel={t().app.save}
        pending={create.isPending}
        error={create.error}
        onSubmit={(fields) => create.mutate(fields)}
      />
    </details>
  );
}

export default function RegistryPage() {
  const [search, setSearch] = createSignal('');
  const [sector, setSector] = createSignal<Sector | ''>('');
  const [kind, setKind] = createSignal<Kind | ''>('');
  const [municipality, setMunicipality] = createSignal('');
  const [page, setPage] = createSignal(1);
  const [selected, setSelected] = createSignal<number>();
  const pageSize = 50;
  const municipalities = useQuery(() => ({ ...queries.registry.municipalities.queryOptions(), staleTime: Infinity }));
  const list = useQuery(() => {
    const input = {
      search: search() || undefined,
      sector: sector() || undefined,
      kind: kind() || undefined,
      municipality: municipality() || undefined,
      page: page(),
      pageSize,
    };
    return { ...queries.registry.organizations.queryOptions(input), placeholderData: (previous: unknown) => previous as never };
  });
  const m = () => t().monitor;
  const resetPage =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setPage(1);
      setter(value);
    };

  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="registry-title">
        <h1 id="registry-title">{m().registryTitle}</h1>
        <p>
          <A href="/monitor/import">{m().importTitle}</A>
        </p>
        <NewOrganizationForm municipalities={municipalities.data ?? []} onCreated={(id) => setSelected(id)} />
        <form class="form-row" role="search" aria-label={t().ranking.filters} onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="reg-search">{t().app.search}</label>
            <input id="reg-search" type="search" value={search()} onInput={(e) => resetPage(setSearch)(e.currentTarget.value)} />
          </div>
          <Field id="reg-sector" label={t().ranking.sector}>
            <select id="reg-sector" value={sector()} onChange={(e) => resetPage(setSector)(e.currentTarget.value as Sector | '')}>
              <option value="">{t().app.all}</option>
              <For each={SECTORS}>{(value) => <option value={value}>{label(t().sectors, value)}</option>}</For>
            </select>
          </Field>
          <Field id="reg-kind" label={t().ranking.category}>
            <select id="reg-kind" value={kind()} onChange={(e) => resetPage(setKind)(e.currentTarget.value as Kind | '')}>
              <option value="">{t().app.all}</option>
              <For each={KINDS}>{(value) => <option value={value}>{label(t().kinds, value)}</option>}</For>
            </select>
          </Field>
          <Field id="reg-municipality" label={t().ranking.municipality}>
            <select id="reg-municipality" value={municipality()} onChange={(e) => resetPage(setMunicipality)(e.currentTarget.value)}>
              <option value="">{t().app.all}</option>
              <For each={municipalities.data ?? []}>{(mun) => <option value={mun.code}>{mun.name}</option>}</For>
            </select>
          </Field>
        </form>
        <Show when={selected()} keyed>
          {(id) => <OrganizationDetail id={id} municipalities={municipalities.data ?? []} />}
        </Show>
        <PagedTable
          query={list}
          page={page()}
          onPage={setPage}
          caption={m().registryTitle}
          testId="registry-table"
          columns={[
            {
              header: t().ranking.organization,
              cell: (org) => (
                <>
                  <button type="button" class="linklike" aria-pressed={selected() === org.id} onClick={() => setSelected(org.id)}>
                    {org.shortName}
                  </button>
                  <div class="muted">{label(t().kinds, org.kind)}</div>
                </>
              ),
            },
            { header: t().ranking.sector, cell: (org) => label(t().sectors, org.sector) },
            { header: t().ranking.municipality, cell: (org) => org.municipality?.name ?? '—' },
            { header: t().organization.accounts, numeric: true, cell: (org) => org.accountCount },
          ]}
        />
      </section>
    </RequireRole>
  );
}
