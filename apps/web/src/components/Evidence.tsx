import { evidenceRu } from '@most/domain/criterion-text';
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

/** Renders evidence as plain Russian text (the domain's wording, never raw keys) and links, never as HTML. */
export function EvidenceList(props: { items: unknown[] }) {
  return (
    <Show when={props.items.length > 0} fallback={<span class="muted">—</span>}>
      <ul class="evidence">
        <For each={props.items.map(asEvidence)}>
          {(item) => (
            <li>
              <span>{evidenceRu(item)}</span>
              <Show when={item.url}>
                {' '}
                <a href={item.url!} target="_blank" rel="noopener noreferrer">
                  {t().agency.openEvidence}
                </a>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
