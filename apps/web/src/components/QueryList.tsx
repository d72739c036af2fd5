import type { UseQueryResult } from '@tanstack/solid-query';
import { For, type JSX } from 'solid-js';
import { QueryView } from './State';

/** A query's items as a list, with the loading, error and empty states (emptyDetail says why). */
export function QueryList<T>(props: { query: UseQueryResult<T[], Error>; emptyDetail?: string; class?: string; testId?: string; children: (item: T, index: () => number) => JSX.Element }) {
  return (
    <QueryView query={props.query} empty={(items) => items.length === 0} emptyDetail={props.emptyDetail}>
      {(items) => (
        <ul class={props.class} data-testid={props.testId}>
          <For each={items}>{props.children}</For>
        </ul>
      )}
    </QueryView>
  );
}
