import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { formatDate, formatDateTime } from '../../format';
import { label, locale, t } from '../../i18n';
import { isMonitor } from '../../session';
import { CorrectionForm, DuplicateForm } from './CertificateReissue';
import { regionToday, saveFile } from './files';
import { Form, TextField } from '../../components/Form';
import { QueryTable } from '../../components/QueryTable';

function RevokeForm(props: { certificateId: number; onDone: () => void }) {
  const [reason, setReason] = createSignal('');
  const revoke = useMutation(() => ({
    mutationFn: () => trpc.training.monitor.revokeCertificate.mutate({ certificateId: props.certificateId, reason: reason() }),
    onSuccess: () => props.onDone(),
  }));
  const m = () => t().training;
  const id = `revoke-${props.certificateId}`;
  return (
    <Form
      class="form-row"
      onSubmit={() => {
        if (reason().trim()) revoke.mutate();
      }}
    >
      <TextField id={id} label={m().revokeReason} required maxLength={2000} value={reason()} onInput={setReason} />
      <button type="submit" class="button--danger" disabled={revoke.isPending || !reason().trim()}>
        {m().revoke}
      </button>
      <MutationError error={revoke.error} />
    </Form>
  );
}

/** Issuing documents to those who finished and downloading them (instructors and monitors); revoking them (monitors). */
export function Certificates(props: { cohortId: number }) {
  const client = useQueryClient();
  const enrolments = useQuery(() => queries.training.instructor.cohortProgress.queryOptions({ cohortId: props.cohortId }));
  const certificates = useQuery(() => queries.training.monitor.certificates.queryOptions({ cohortId: props.cohortId }));
  const refresh = () => {
    invalidate(client, queries.training.monitor.certificates.queryKey());
  };
  const [issueDate, setIssueDate] = createSignal(regionToday());
  const issue = useMutation(() => ({
    mutationFn: (enrolmentId: number) => trpc.training.monitor.issueCertificate.mutate({ enrolmentId, issueDate: issueDate() }),
    onSuccess: refresh,
  }));
  const pdf = useMutation(() => ({
    mutationFn: (certificateId: number) => trpc.training.monitor.certificatePdf.query({ certificateId }),
    onSuccess: (file) => saveFile(file),
  }));
  // One open form per row: revoke, duplicate or correction (monitors only).
  const [revoking, setRevoking] = createSignal<number>();
  const [reissuing, setReissuing] = createSignal<{ id: number; kind: 'duplicate' | 'correction' }>();
  const toggleReissue = (id: number, kind: 'duplicate' | 'correction') => setReissuing(reissuing()?.id === id && reissuing()?.kind === kind ? undefined : { id, kind });
  const m = () => t().training;
  // A document can be issued to whoever finished, successfully or not (a справка for the latter).
  const finished = () => (enrolments.data ?? []).filter((e) => e.state === 'completed' || e.state === 'failed' || e.state === 'withdrawn');
  const hasValid = (enrolmentId: number) => (certificates.data ?? []).some((c) => c.enrolmentId === enrolmentId && !c.revokedAt);

  return (
    <section aria-labelledby="certificates-title">
      <h2 id="certificates-title">{m().certificates}</h2>
      <div class="card">
        <h3>{m().issueTitle}</h3>
        <div class="field field--inline">
          <label for={`issue-date-${props.cohortId}`}>{m().issueDate}</label>
          <input id={`issue-date-${props.cohortId}`} type="date" required value={issueDate()} onInput={(e) => setIssueDate(e.currentTarget.value)} />
        </div>
        <Show when={finished().length > 0} fallback={<p class="muted">{m().nobodyFinished}</p>}>
          <ul data-testid="issue-list">
            <For each={finished()}>
              {(enrolment) => (
                <li>
                  {enrolment.traineeName} — {label(m().states, enrolment.state)}{' '}
                  <Show when={!hasValid(enrolment.enrolmentId)} fallback={<span class="muted">{m().alreadyIssued}</span>}>
                    <button type="button" disabled={issue.isPending} onClick={() => issue.mutate(enrolment.enrolmentId)}>
                      {m().issue}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <MutationError error={issue.error} />
      </div>
      <MutationError error={pdf.error} />
      <QueryTable
        query={certificates}
        emptyDetail={m().noCertificates}
        caption={m().certificates}
        captionClass="visually-hidden"
        testId="certificates-table"
        rowAttrs={() => ({ 'data-testid': 'certificate-row' })}
        columns={[
          { header: m().registrationNumber, cell: (c) => `${c.registrationNumber} (${c.series} ${c.number})` },
          { header: m().holder, cell: (c) => c.holderName },
          { header: m().documentType, cell: (c) => label(m().documentTypes, c.documentType) },
          { header: m().issueDate, cell: (c) => formatDate(c.issueDate, locale()) },
          {
            header: m().status,
            cellAttrs: () => ({ 'data-testid': 'certificate-status' }),
            cell: (c) => (
              <Show when={c.revokedAt} fallback={m().valid}>
                {(at) => (
                  <>
                    {m().revoked} {formatDateTime(at(), locale())}: {c.revokedReason}
                  </>
                )}
              </Show>
            ),
          },
          {
            header: t().app.actions,
            cell: (c) => (
              <>
                <div class="toolbar">
                  <button type="button" class="button--ghost" onClick={() => pdf.mutate(c.id)}>
                    {m().downloadPdf}
                  </button>
                  <a href={`/verify/${encodeURIComponent(c.verificationCode)}`} rel="noopener external" target="_blank">
                    {m().verifyLink}
                  </a>
                  <Show when={!c.revokedAt && isMonitor()}>
                    <button type="button" class="button--ghost" aria-expanded={revoking() === c.id} onClick={() => setRevoking(revoking() === c.id ? undefined : c.id)}>
                      {m().revoke}…
                    </button>
                    <button type="button" class="button--ghost" aria-expanded={reissuing()?.id === c.id && reissuing()?.kind === 'duplicate'} onClick={() => toggleReissue(c.id, 'duplicate')}>
                      {m().duplicate}
                    </button>
                    <button type="button" class="button--ghost" aria-expanded={reissuing()?.id === c.id && reissuing()?.kind === 'correction'} onClick={() => toggleReissue(c.id, 'correction')}>
                      {m().correction}
                    </button>
                  </Show>
                </div>
                <Show when={reissuing()?.id === c.id && !c.revokedAt && reissuing()?.kind}>
                  {(kind) => {
                    const done = () => {
                      setReissuing(undefined);
                      refresh();
                    };
                    return kind() === 'duplicate' ? <DuplicateForm certificateId={c.id} onDone={done} /> : <CorrectionForm certificateId={c.id} onDone={done} />;
                  }}
                </Show>
                <Show when={revoking() === c.id && !c.revokedAt}>
                  <RevokeForm
                    certificateId={c.id}
                    onDone={() => {
                      setRevoking(undefined);
                      refresh();
                    }}
                  />
                </Show>
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
