import { useMutation } from '@tanstack/solid-query';
import { createSignal, For } from 'solid-js';
import { trpc } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { t } from '../../i18n';
import { regionToday } from './files';

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
    <form
      class="form-row"
      aria-label={m().duplicateTitle}
      onSubmit={(event) => {
        event.preventDefault();
        issue.mutate();
      }}
    >
      <div class="field">
        <label for={id('date')}>{m().issueDate}</label>
        <input id={id('date')} type="date" required value={issueDate()} onInput={(e) => setIssueDate(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('loss')}>{m().lossConfirmation}</label>
        <select id={id('loss')} value={loss()} onChange={(e) => setLoss(e.currentTarget.value as (typeof LOSS)[number])}>
          <For each={LOSS}>{(value) => <option value={value}>{m().lossConfirmations[value]}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for={id('exchange')}>{m().exchangeConfirmation}</label>
        <select id={id('exchange')} value={exchange()} onChange={(e) => setExchange(e.currentTarget.value as (typeof EXCHANGE)[number])}>
          <For each={EXCHANGE}>{(value) => <option value={value}>{m().exchangeConfirmations[value]}</option>}</For>
        </select>
      </div>
      <button type="submit" disabled={issue.isPending || (loss() === 'none' && exchange() === 'none')}>
        {m().issueDuplicate}
      </button>
      <MutationError error={issue.error} />
    </form>
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
    <form
      class="form-row"
      aria-label={m().issueCorrection}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason().trim()) issue.mutate();
      }}
    >
      <div class="field">
        <label for={id('date')}>{m().issueDate}</label>
        <input id={id('date')} type="date" required value={issueDate()} onInput={(e) => setIssueDate(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('reason')}>{m().correctionReason}</label>
        <input id={id('reason')} required maxLength={2000} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <button type="submit" disabled={issue.isPending || !reason().trim()}>
        {m().issueCorrection}
      </button>
      <MutationError error={issue.error} />
    </form>
  );
}
