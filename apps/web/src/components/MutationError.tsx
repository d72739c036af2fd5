import { For, Show } from 'solid-js';
import { errorData } from './State';

/** A failed action's message and, for validation errors, each field with its problem. */
export function MutationError(props: { error: unknown }) {
  const fields = () => {
    const details = errorData(props.error)?.details ?? null;
    if (!details) return [];
    const source = (details.fields as Record<string, unknown> | undefined) ?? details;
    return Object.entries(source).map(([field, message]) => `${field}: ${String(message)}`);
  };
  return (
    <Show when={props.error}>
      <div class="notice notice--bad" role="alert">
        <p>{props.error instanceof Error ? props.error.message : String(props.error)}</p>
        <Show when={fields().length > 0}>
          <ul>
            <For each={fields()}>{(line) => <li>{line}</li>}</For>
          </ul>
        </Show>
      </div>
    </Show>
  );
}
