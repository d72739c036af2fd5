import { useQuery } from '@tanstack/solid-query';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { fill, t } from '../../i18n';

export interface PickedOrganization {
  id: number;
  code: string;
  shortName: string;
}

/** Waits for a pause in typing before searching. */
function useDebounced(value: () => string, ms = 250) {
  const [settled, setSettled] = createSignal(value());
  createEffect(
    on(value, (next) => {
      const timer = setTimeout(() => setSettled(next.trim()), ms);
      onCleanup(() => clearTimeout(timer));
    }),
  );
  return settled;
}

/** Find an organization of the registry by name (or code) and choose it from the matches. */
export function OrganizationPicker(props: { idPrefix: string; value: PickedOrganization | null; onChange: (org: PickedOrganization | null) => void; required?: boolean }) {
  const [search, setSearch] = createSignal(props.value?.shortName ?? '');
  const settled = useDebounced(search);
  const results = useQuery(() => ({
    ...queries.registry.organizations.queryOptions({ search: settled(), page: 1, pageSize: 20 }),
    enabled: settled().length >= 2,
  }));
  const m = () => t().training;
  const items = () => results.data?.items ?? [];
  // One match is chosen at once; a new search clears a choice that is no longer listed.
  createEffect(() => {
    const list = items();
    if (!results.data) return;
    if (list.length === 1 && props.value?.id !== list[0]!.id) props.onChange({ id: list[0]!.id, code: list[0]!.code, shortName: list[0]!.shortName });
    else if (props.value && !list.some((o) => o.id === props.value!.id)) props.onChange(null);
  });
  return (
    <div class="form-row">
      <div class="field">
        <label for={`${props.idPrefix}-search`}>{m().organizationSearch}</label>
        <input
          id={`${props.idPrefix}-search`}
          type="search"
          maxLength={200}
          autocomplete="off"
          aria-describedby={`${props.idPrefix}-found`}
          value={search()}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <p id={`${props.idPrefix}-found`} class="muted" aria-live="polite">
          <Show when={settled().length >= 2} fallback={m().organizationTypeMore}>
            <Show when={results.data}>{(page) => (page().items.length === 0 ? m().organizationNoneFound : fill(m().organizationFound, { count: page().total }))}</Show>
          </Show>
        </p>
      </div>
      <div class="field">
        <label for={`${props.idPrefix}-choice`}>{m().organizationChoice}</label>
        <select
          id={`${props.idPrefix}-choice`}
          required={props.required}
          value={props.value ? String(props.value.id) : ''}
          onChange={(e) => {
            const org = items().find((o) => String(o.id) === e.currentTarget.value);
            props.onChange(org ? { id: org.id, code: org.code, shortName: org.shortName } : null);
          }}
        >
          <option value="">—</option>
          <For each={items()}>{(org) => <option value={String(org.id)}>{org.municipality ? `${org.shortName} (${org.municipality.name})` : org.shortName}</option>}</For>
        </select>
      </div>
    </div>
  );
}
