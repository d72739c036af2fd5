import { useMutation } from '@tanstack/solid-query';
import { createSignal, For } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { t } from '../../i18n';
import { regionToday } from './files';
import { Form, Field, TextField } from '../../components/Form';

const LOSS = ['none', 'police', 'fire_service', 'newspaper', 'other'] as const;
const EXCHANGE = ['none', 'damage', 'wrong_data'] as const;

/** A duplicate for a lost or damaged document: how the loss or the exchange is confirmed (ФИС ФРДО columns 3–4). */
export function DuplicateForm(props: { certificateId: number; onDone: () => void }) {
  const [issueDate, setIssueDate] = createSignal(regionToday());
  const [loss, setLoss] = createSignal<(typeof LOSS)[number]>('none');
  const [exchange, setExchange] = createSignal<(typeof EXCHANGE)[number]>('damage');
  const issue = useMutation(() => ({
    mutationFn: () => trpc.training.monitor.issueDuplicate.mutate({ certificateId: props.certificateId, issueDate: issueDate(), lossConfirmation: loss(), exchangeConfirmation: exchange() }),
    onSuccess: () => props.onDone(),
  }));
  const m = () => t().training;
  const id = (suffix: string) => `duplicate-${props.certificateId}-${suffix}`;
  return (
    <Form class="form-row" aria-label={m().duplicateTitle} onSubmit={() => issue.mutate()}>
      <TextField id={id('date')} label={m().issueDate} type="date" required value={issueDate()} onInput={setIssueDate} />
      <Field id={id('loss')} label={m().lossConfirmation}>
        <select id={id('loss')} value={loss()} onChange={(e) => setLoss(e.currentTarget.value as (typeof LOSS)[number])}>
          <For each={LOSS}>{(value) => <option value={value}>{m().lossConfirmations[value]}</option>}</For>
        </select>
      </Field>
      <Field id={id('exchange')} label={m().exchangeConfirmation}>
        <select id={id('exchange')} value={exchange()} onChange={(e) => setExchange(e.currentTarget.value as (typeof EXCHANGE)[number])}>
          <For each={EXCHANGE}>{(value) => <option value={value}>{m().exchangeConfirmations[value]}</option>}</For>
        </select>
      </Field>
      <button type="submit" disabled={issue.isPending || (loss() === 'none' && exchange() === 'none')}>
        {m().issueDuplicate}
      </button>
      <MutationError error={issue.error} />
    </Form>
  );
}

/** A document re-issued with corrected data; the registry row names the changed one (column 40). */
export function CorrectionForm(props: { certificateId: number; onDone: () => void }) {
  const [issueDate, setIssueDate] = createSignal(regionToday());
  const [reason, setReason] = createSignal('');
  const issue = useMutation(() => ({
    mutationFn: () => trpc.training.monitor.issueCorrection.mutate({ certificateId: props.certificateId, issueDate: issueDate(), reason: reason() }),
    onSuccess: () => props.onDone(),
  }));
  const m = () => t().training;
  const id = (suffix: string) => `correction-${props.certificateId}-${suffix}`;
  return (
    <Form
      class="form-row"
      aria-label={m().issueCorrection}
      onSubmit={() => {
        if (reason().trim()) issue.mutate();
      }}
    >
      <TextField id={id('date')} label={m().issueDate} type="date" required value={issueDate()} onInput={setIssueDate} />
      <TextField id={id('reason')} label={m().correctionReason} required maxLength={2000} value={reason()} onInput={setReason} />
      <button type="submit" disabled={issue.isPending || !reason().trim()}>
        {m().issueCorrection}
      </button>
      <MutationError error={issue.error} />
    </Form>
  );
}
