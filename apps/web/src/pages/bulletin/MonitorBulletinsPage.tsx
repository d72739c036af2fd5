import { A, useNavigate } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { DataTable } from '../../components/DataTable';
import { MutationError } from '../../components/MutationError';
import { MONITOR_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { groupByState, isPeriodKey, previousMonthKey, previousQuarterKey } from './bulletin-view';
import { Form, Field, TextField } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';

function CreateDraftForm() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<'month' | 'quarter'>('month');
  const [month, setMonth] = createSignal(previousMonthKey(new Date()));
  const [quarter, setQuarter] = createSignal(previousQuarterKey(new Date()));
  const period = () => (kind() === 'month' ? month() : quarter());
  const quarterYear = () => quarter().slice(0, 4);
  const quarterNumber = () => quarter().slice(6);
  const create = useMutation(() => ({
    mutationFn: () => trpc.bulletin.createDraft.mutate({ periodKey: period() }),
    onSuccess: (result) => {
      invalidate(client, queries.bulletin.list.queryKey());
      navigate(`/monitor/bulletins/${result.issue.id}${result.created ? '' : '?existing=1'}`);
    },
  }));
  const b = () => t().bulletin;
  return (
    <Form class="card bulletin-card" aria-labelledby="bulletin-create-title" onSubmit={() => create.mutate()}>
      <h2 id="bulletin-create-title">{b().createTitle}</h2>
      <p class="muted">{b().createHint}</p>
      <div class="form-row">
        <Field id="bulletin-period-kind" label={b().periodKind}>
          <select id="bulletin-period-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value === 'quarter' ? 'quarter' : 'month')}>
            <option value="month">{b().periodKindMonth}</option>
            <option value="quarter">{b().periodKindQuarter}</option>
          </select>
        </Field>
        <Show when={kind() === 'quarter'} fallback={<TextField id="bulletin-period" label={b().period} type="month" required pattern="\d{4}-\d{2}" value={month()} onInput={setMonth} />}>
          <div class="field">
            <label for="bulletin-quarter-year">{b().year}</label>
            <input id="bulletin-quarter-year" type="number" required min="2000" max="2100" value={quarterYear()} onInput={(e) => setQuarter(`${e.currentTarget.value}-q${quarterNumber()}`)} />
          </div>
          <Field id="bulletin-quarter" label={b().quarter}>
            <select id="bulletin-quarter" value={quarterNumber()} onChange={(e) => setQuarter(`${quarterYear()}-q${e.currentTarget.value}`)}>
              <For each={['1', '2', '3', '4']}>{(q) => <option value={q}>{q}</option>}</For>
            </select>
          </Field>
        </Show>
        <button type="submit" disabled={create.isPending || !isPeriodKey(period())}>
          {create.isPending ? b().creating : b().createDraft}
        </button>
      </div>
      <MutationError error={create.error} />
    </Form>
  );
}

function IssuesList() {
  const issues = useQuery(() => queries.bulletin.list.queryOptions());
  const b = () => t().bulletin;
  return (
    <QueryView query={issues} empty={(list) => list.length === 0} emptyDetail={b().noIssues}>
      {(list) => (
        <For each={groupByState(list)}>
          {(group) => (
            <div class="bulletin-group">
              <DataTable
                caption={`${label(b().states, group.state)} (${group.issues.length})`}
                testId={`bulletin-issues-${group.state}`}
                rows={group.issues}
                rowAttrs={() => ({ 'data-testid': 'bulletin-issue-row' })}
                columns={[
                  {
                    header: b().issueTitle,
                    cell: (issue) => (
                      <>
                        {issue.title}
                        <Show when={issue.correctionNote}>
                          {(note) => (
                            <p class="muted bulletin-correction-note">
                              {b().correctionNoteLabel}: {note()}
                            </p>
                          )}
                        </Show>
                      </>
                    ),
                  },
                  { header: b().period, cell: (issue) => issue.periodLabel },
                  { header: b().revision, cell: (issue) => issue.revision },
                  {
                    header: b().dates,
                    cell: (issue) =>
                      issue.publishedAt
                        ? fill(b().publishedOn, { date: formatDateTime(issue.publishedAt, locale()) })
                        : issue.submittedAt
                          ? fill(b().submittedOn, { date: formatDateTime(issue.submittedAt, locale()) })
                          : fill(b().createdOn, { date: formatDateTime(issue.createdAt, locale()) }),
                  },
                  {
                    header: t().app.actions,
                    cell: (issue) => (
                      <A href={`/monitor/bulletins/${issue.id}`} aria-label={`${b().open}: ${issue.title}, ${b().revision} ${issue.revision}`}>
                        {b().open}
                      </A>
                    ),
                  },
                ]}
              />
            </div>
          )}
        </For>
      )}
    </QueryView>
  );
}

function Contacts() {
  const client = useQueryClient();
  const [search, setSearch] = createSignal('');
  const [organizationId, setOrganizationId] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [name, setName] = createSignal('');
  const contacts = useQuery(() => queries.bulletin.contacts.queryOptions());
  const organizations = useQuery(() => queries.registry.organizations.queryOptions({ search: search() || undefined, page: 1, pageSize: 200 }));
  const names = useQuery(() => queries.registry.organizations.queryOptions({ page: 1, pageSize: 200 }));
  const nameOf = createMemo(() => new Map((names.data?.items ?? []).map((o) => [o.id, o.shortName] as const)));
  createEffect(() => {
    const items = organizations.data?.items ?? [];
    if (items.length > 0 && !items.some((o) => String(o.id) === organizationId())) setOrganizationId(String(items[0]!.id));
  });
  const add = useMutation(() => ({
    mutationFn: () => trpc.bulletin.upsertContact.mutate({ organizationId: Number(organizationId()), email: email().trim(), name: name().trim() || undefined }),
    onSuccess: () => {
      setEmail('');
      setName('');
      invalidate(client, queries.bulletin.contacts.queryKey());
    },
  }));
  const remove = useMutation(() => ({
    mutationFn: (id: number) => trpc.bulletin.removeContact.mutate({ id }),
    onSuccess: () => invalidate(client, queries.bulletin.contacts.queryKey()),
  }));
  const b = () => t().bulletin;
  return (
    <section class="card bulletin-card" aria-labelledby="bulletin-contacts-title">
      <h2 id="bulletin-contacts-title">{b().contactsTitle}</h2>
      <p class="muted">{b().contactsHint}</p>
      <Form onSubmit={() => add.mutate()}>
        <div class="form-row">
          <TextField id="contact-org-search" label={b().organizationSearch} type="search" value={search()} onInput={setSearch} />
          <Field id="contact-org" label={b().organization}>
            <select id="contact-org" required value={organizationId()} onChange={(e) => setOrganizationId(e.currentTarget.value)}>
              <For each={organizations.data?.items ?? []}>{(o) => <option value={String(o.id)}>{o.shortName}</option>}</For>
            </select>
          </Field>
          <TextField id="contact-email" label={b().email} type="email" required maxLength={320} value={email()} onInput={setEmail} />
          <TextField id="contact-name" label={b().contactName} maxLength={300} value={name()} onInput={setName} />
          <button type="submit" disabled={add.isPending || !organizationId()}>
            {b().addContact}
          </button>
        </div>
        <MutationError error={add.error ?? remove.error} />
      </Form>
      <QueryTable
        query={contacts}
        emptyDetail={b().noContacts}
        caption={b().contactsTitle}
        testId="bulletin-contacts"
        columns={[
          { header: b().organization, cell: (contact) => nameOf().get(contact.organizationId) ?? `#${contact.organizationId}` },
          { header: b().email, cell: (contact) => contact.email },
          { header: b().contactName, cell: (contact) => contact.name || '—' },
          {
            header: b().subscription,
            cell: (contact) => (contact.unsubscribedAt ? <span class="warn">{fill(b().optedOut, { date: formatDate(contact.unsubscribedAt, locale()) })}</span> : b().subscribed),
          },
          {
            header: t().app.actions,
            cell: (contact) => (
              <button type="button" class="button--ghost" disabled={remove.isPending} aria-label={`${b().removeContact}: ${contact.email}`} onClick={() => remove.mutate(contact.id)}>
                {b().removeContact}
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}

function ScheduleSettings() {
  const client = useQueryClient();
  const settings = useQuery(() => queries.bulletin.settings.queryOptions());
  const [pattern, setPattern] = createSignal<string>();
  const [timezone, setTimezone] = createSignal<string>();
  const [enabled, setEnabled] = createSignal<boolean>();
  const [periodKind, setPeriodKind] = createSignal<'month' | 'quarter'>();
  const [saved, setSaved] = createSignal(false);
  const save = useMutation(() => ({
    mutationFn: () =>
      trpc.bulletin.updateSettings.mutate({
        schedulePattern: pattern() ?? settings.data!.schedulePattern,
        scheduleTimezone: timezone() ?? settings.data!.scheduleTimezone,
        scheduleEnabled: enabled() ?? settings.data!.scheduleEnabled,
        periodKind: periodKind() ?? settings.data!.periodKind,
      }),
    onSuccess: (next) => {
      client.setQueryData(queries.bulletin.settings.queryKey(), next);
      setSaved(true);
    },
  }));
  const b = () => t().bulletin;
  return (
    <section class="card bulletin-card" aria-labelledby="bulletin-schedule-title">
      <h2 id="bulletin-schedule-title">{b().scheduleTitle}</h2>
      <QueryView query={settings}>
        {(current) => (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSaved(false);
              save.mutate();
            }}
          >
            <p class="muted">{b().scheduleHint}</p>
            <div class="form-row">
              <div class="field">
                <label for="schedule-pattern">{b().schedulePattern}</label>
                <input id="schedule-pattern" required maxLength={100} value={pattern() ?? current.schedulePattern} onInput={(e) => setPattern(e.currentTarget.value)} />
              </div>
              <div class="field">
                <label for="schedule-timezone">{b().scheduleTimezone}</label>
                <input id="schedule-timezone" required maxLength={60} value={timezone() ?? current.scheduleTimezone} onInput={(e) => setTimezone(e.currentTarget.value)} />
              </div>
              <Field id="schedule-period-kind" label={b().periodKind}>
                <select id="schedule-period-kind" value={periodKind() ?? current.periodKind} onChange={(e) => setPeriodKind(e.currentTarget.value === 'quarter' ? 'quarter' : 'month')}>
                  <option value="month">{b().periodKindMonth}</option>
                  <option value="quarter">{b().periodKindQuarter}</option>
                </select>
              </Field>
              <div class="field field--inline">
                <input id="schedule-enabled" type="checkbox" checked={enabled() ?? current.scheduleEnabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
                <label for="schedule-enabled">{b().scheduleEnabled}</label>
              </div>
              <button type="submit" disabled={save.isPending}>
                {t().app.save}
              </button>
            </div>
            <Show when={saved()}>
              <p class="notice notice--ok" role="status">
                {b().scheduleSaved}
              </p>
            </Show>
            <MutationError error={save.error} />
          </form>
        )}
      </QueryView>
    </section>
  );
}

/** The monitors' bulletin desk: issues by state, a new draft for a month, contacts and the schedule. */
export default function MonitorBulletinsPage() {
  return (
    <RequireRole roles={MONITOR_ROLES}>
      <section aria-labelledby="bulletins-title">
        <h1 id="bulletins-title">{t().bulletin.monitorTitle}</h1>
        <p class="toolbar">
          <A href="/bulletins">{t().bulletin.publicArchive}</A>
        </p>
        <CreateDraftForm />
        <IssuesList />
        <Contacts />
        <ScheduleSettings />
      </section>
    </RequireRole>
  );
}
