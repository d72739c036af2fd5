import { For, Show } from 'solid-js';
import { t } from '../i18n';

/** One piece of evidence as the scoring stores it; citizens appear only through links to their public comments. */
export interface EvidenceRef {
  kind?: string;
  id?: string | number;
  url?: string | null;
  field?: string;
  value?: string | number | boolean | null;
  note?: string;
}

const asEvidence = (value: unknown): EvidenceRef => (value && typeof value === 'object' ? (value as EvidenceRef) : { note: String(value) });

/** Renders evidence as plain text and links (never as HTML). */
export function EvidenceList(props: { items: unknown[] }) {
  const kinds = () => t().agency.evidenceKinds as Record<string, string>;
  return (
    <Show when={props.items.length > 0} fallback={<span class="muted">—</span>}>
      <ul class="evidence">
        <For each={props.items.map(asEvidence)}>
          {(item) => (
            <li>
              <span class="muted">{kinds()[item.kind ?? ''] ?? item.kind ?? ''}</span>{' '}
              <Show when={item.url} fallback={<span>{item.id ?? ''}</span>}>
                <a href={item.url!} target="_blank" rel="noopener noreferrer">
                  {t().agency.openEvidence}
                  {item.id !== undefined ? ` #${item.id}` : ''}
                </a>
              </Show>
              <Show when={item.field}>
                {' '}
                · {item.field}
              </Show>
              <Show when={item.value !== undefined && item.value !== null}>
                {' '}
                = {String(item.value)}
              </Show>
              <Show when={item.note}>
                {' '}
                — {item.note}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
