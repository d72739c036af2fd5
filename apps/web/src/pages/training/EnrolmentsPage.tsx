import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate, type RouterOutputs } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';
import { CohortDesk } from './CohortPicker';
import { csvField, fileToBase64, textToBase64 } from './files';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';
import { TRAINING_MANAGER_ROLES } from './roles';
import { ENROLMENT_TRANSITIONS, REASON_REQUIRED, type EnrolmentState } from '@most/domain/browser';
import { Form, Field, TextField } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';
import { FileInput } from '../../components/FileInput';

type BulkReport = RouterOutputs['training']['monitor']['bulkEnrol'];

function BulkReportView(props: { report: BulkReport }) {
  const m = () => t().training;
  return (
    <div aria-live="polite" data-testid="enrol-report">
      <Show
        when={props.report.errors.length > 0}
        fallback={
          <p class="notice notice--ok" role="status">
            {fill(m().enrolledCount, { enrolled: props.report.enrolled, created: props.report.createdUsers })}
          </p>
        }
      >
        <DataTable
          caption={fill(m().enrolFailed, { count: props.report.errors.length })}
          testId="enrol-errors"
          rows={props.report.errors}
          columns={[
            { header: m().line, numeric: true, cell: (error) => error.line },
            { header: m().problem, cell: (error) => error.message },
          ]}
        />
      </Show>
    </div>
  );
}

const invalidateEnrolments = (client: ReturnType<typeof useQueryClient>, cohortId: number) => {
  invalidate(client, queries.training.monitor.enrolments.queryKey({ cohortId }), queries.training.instructor.cohortProgress.queryKey({ cohortId }));
};

/**
 * One person: a registered trainee or agency member picked by name or e-mail, or a new person by
 * e-mail (the account is created, sent as a one-row table). The organization is picked by name.
 */
function EnrolPersonForm(props: { cohortId: number }) {
  const client = useQueryClient();
  const [search, setSearch] = createSignal('');
  const [personId, setPersonId] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [surname, setSurname] = createSignal('');
  const [givenName, setGivenName] = createSignal('');
  const [organization, setOrganization] = createSignal<PickedOrganization | null>(null);
  const people = useQuery(() => queries.training.monitor.people.queryOptions({ kind: 'learners', search: search().trim() }));
  const person = () => people.data?.find((p) => String(p.id) === personId());
  const reset = () => {
    setPersonId('');
    setEmail('');
    setSurname('');
    setGivenName('');
  };
  const enrolExisting = useMutation(() => ({
    mutationFn: (userId: number) => trpc.training.monitor.enrol.mutate({ cohortId: props.cohortId, userId, organizationId: organization()?.id }),
    onSuccess: () => {
      reset();
      invalidateEnrolments(client, props.cohortId);
    },
  }));
  const enrolNew = useMutation(() => ({
    mutationFn: () => {
      const csv = `email;фамилия;имя;организация\n${[email(), surname(), givenName(), organization()?.code ?? ''].map(csvField).join(';')}\n`;
      return trpc.training.monitor.bulkEnrol.mutate({ cohortId: props.cohortId, fileName: 'person.csv', contentBase64: textToBase64(csv) });
    },
    onSuccess: (report) => {
      if (report.errors.length === 0) reset();
      invalidateEnrolments(client, props.cohortId);
    },
  }));
  const m = () => t().training;
  // A registered person keeps their own organization unless another one is picked.
  const needsOrganization = () => !person()?.organizationId;
  return (
    <form
      class="card"
      aria-labelledby="enrol-person-title"
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = person();
        if (chosen) enrolExisting.mutate(chosen.id);
        else enrolNew.mutate();
      }}
    >
      <h2 id="enrol-person-title">{m().enrolPerson}</h2>
      <div class="form-row">
        <TextField id="enrol-person-search" label={m().personSearch} type="search" maxLength={200} autocomplete="off" value={search()} onInput={setSearch} />
        <Field id="enrol-person" label={m().personChoice}>
          <select id="enrol-person" value={personId()} onChange={(e) => setPersonId(e.currentTarget.value)}>
            <option value="">{m().personNew}</option>
            <For each={people.data ?? []}>{(p) => <option value={String(p.id)}>{`${p.displayName || p.email} (${p.email}${p.organizationName ? `, ${p.organizationName}` : ''})`}</option>}</For>
          </select>
        </Field>
      </div>
      <Show when={!person()}>
        <div class="form-row">
          <TextField id="enrol-email" label={t().login.email} type="email" required value={email()} onInput={setEmail} />
          <TextField id="enrol-surname" label={m().surname} maxLength={200} value={surname()} onInput={setSurname} />
          <TextField id="enrol-given" label={m().givenName} maxLength={200} value={givenName()} onInput={setGivenName} />
        </div>
      </Show>
      <OrganizationPicker idPrefix="enrol-org" value={organization()} onChange={setOrganization} required={needsOrganization()} />
      <button type="submit" disabled={enrolExisting.isPending || enrolNew.isPending || (needsOrganization() && !organization())}>
        {m().enrol}
      </button>
      <MutationError error={enrolExisting.error ?? enrolNew.error} />
      <Show when={enrolExisting.isSuccess && !enrolExisting.isPending}>
        <p class="notice notice--ok" role="status">
          {fill(m().enrolledCount, { enrolled: 1, created: 0 })}
        </p>
      </Show>
      <Show when={enrolNew.data}>{(report) => <BulkReportView report={report()} />}</Show>
    </form>
  );
}

/** CSV or XLSX: all rows or none, with the problems by line. */
function BulkEnrolForm(props: { cohortId: number }) {
  const client = useQueryClient();
  const [file, setFile] = createSignal<File>();
  const upload = useMutation(() => ({
    mutationFn: async (chosen: File) => trpc.training.monitor.bulkEnrol.mutate({ cohortId: props.cohortId, fileName: chosen.name, contentBase64: await fileToBase64(chosen) }),
    onSuccess: () => invalidateEnrolments(client, props.cohortId),
  }));
  const m = () => t().training;
  return (
    <form
      class="card"
      aria-labelledby="bulk-enrol-title"
      onSubmit={(event) => {
        event.preventDefault();
        const chosen = file();
        if (chosen) upload.mutate(chosen);
      }}
    >
      <h2 id="bulk-enrol-title">{m().bulkEnrol}</h2>
      <p id="bulk-enrol-hint" class="muted">
        {m().bulkHint}
      </p>
      <FileInput
        id="bulk-enrol-file"
        label={m().bulkFile}
        required
        aria-describedby="bulk-enrol-hint"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(chosen) => setFile(chosen[0])}
      />
      <button type="submit" disabled={!file() || upload.isPending}>
        {m().upload}
      </button>
      <MutationError error={upload.error} />
      <Show when={upload.data}>{(report) => <BulkReportView report={report()} />}</Show>
    </form>
  );
}

function ChangeState(props: { enrolmentId: number; state: EnrolmentState; cohortId: number }) {
  const client = useQueryClient();
  // The moves the server allows, offered in the menu; the server still decides.
  const options = () => ENROLMENT_TRANSITIONS[props.state];
  const [to, setTo] = createSignal<EnrolmentState | ''>('');
  const [reason, setReason] = createSignal('');
  const change = useMutation(() => ({
    mutationFn: () => trpc.training.monitor.changeState.mutate({ enrolmentId: props.enrolmentId, to: to() as EnrolmentState, reason: reason().trim() || null }),
    onSuccess: () => {
      setTo('');
      setReason('');
      invalidateEnrolments(client, props.cohortId);
    },
  }));
  const m = () => t().training;
  const id = (suffix: string) => `state-${props.enrolmentId}-${suffix}`;
  const needsReason = () => to() !== '' && REASON_REQUIRED.has(to() as EnrolmentState);
  return (
    <Show when={options().length > 0} fallback={<span class="muted">—</span>}>
      <Form
        class="form-row"
        onSubmit={() => {
          if (to()) change.mutate();
        }}
      >
        <Field id={id('to')} label={m().newState}>
          <select id={id('to')} value={to()} onChange={(e) => setTo(e.currentTarget.value as EnrolmentState)}>
            <option value="">—</option>
            <For each={options()}>{(state) => <option value={state}>{label(m().states, state)}</option>}</For>
          </select>
        </Field>
        <TextField id={id('reason')} label={needsReason() ? m().reasonRequired : m().reason} required={needsReason()} maxLength={2000} value={reason()} onInput={setReason} />
        <button type="submit" disabled={!to() || change.isPending}>
          {m().changeState}
        </button>
        <MutationError error={change.error} />
      </Form>
    </Show>
  );
}

function EnrolmentList(props: { cohortId: number }) {
  const enrolments = useQuery(() => queries.training.monitor.enrolments.queryOptions({ cohortId: props.cohortId }));
  const m = () => t().training;
  return (
    <section aria-labelledby="enrolment-list-title">
      <h2 id="enrolment-list-title">{m().enrolments}</h2>
      <QueryTable
        query={enrolments}
        emptyDetail={m().noTrainees}
        caption={m().enrolments}
        captionClass="visually-hidden"
        testId="enrolments-table"
        rowAttrs={() => ({ 'data-testid': 'enrolment-row' })}
        columns={[
          {
            header: m().trainee,
            rowHeader: true,
            cell: (e) => (
              <>
                {e.displayName || e.email}
                <span class="muted"> {e.email}</span>
              </>
            ),
          },
          { header: m().organization, cell: (e) => e.organizationName },
          {
            header: m().state,
            cellAttrs: () => ({ 'data-testid': 'enrolment-state' }),
            cell: (e) => (
              <>
                {label(m().states, e.state)}
                <Show when={e.stateReason}>{(reason) => <span class="muted"> ({reason()})</span>}</Show>
              </>
            ),
          },
          { header: m().stateSince, cell: (e) => formatDateTime(e.stateSince, locale()) },
          { header: t().app.actions, cell: (e) => <ChangeState enrolmentId={e.id} state={e.state} cohortId={props.cohortId} /> },
        ]}
      />
    </section>
  );
}

/** Monitors: who is in a cohort, adding people one by one or from a table, and moving them through the states. */
export default function EnrolmentsPage() {
  return (
    <CohortDesk roles={TRAINING_MANAGER_ROLES} title={t().training.enrolmentsTitle}>
      {(cohortId) => (
        <>
          <EnrolPersonForm cohortId={cohortId} />
          <BulkEnrolForm cohortId={cohortId} />
          <EnrolmentList cohortId={cohortId} />
        </>
      )}
    </CohortDesk>
  );
}
