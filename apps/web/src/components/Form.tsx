import { type JSX, Show, splitProps } from 'solid-js';
import { MutationError } from './MutationError';

/** A form whose submit runs `onSubmit` instead of reloading the page. */
export function Form(props: Omit<JSX.FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & { onSubmit: () => void }) {
  const [own, rest] = splitProps(props, ['onSubmit', 'children']);
  return (
    <form
      {...rest}
      onSubmit={(event) => {
        event.preventDefault();
        own.onSubmit();
      }}
    >
      {own.children}
    </form>
  );
}

/** A labelled control (select, textarea, a custom input) with an optional hint below it. */
export function Field(props: { id: string; label: JSX.Element; hint?: JSX.Element; class?: string; children: JSX.Element }) {
  return (
    <div class={props.class ? `field ${props.class}` : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="muted">
          {props.hint}
        </p>
      </Show>
    </div>
  );
}

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput'>;

/** A labelled text-like input bound to a string signal; a hint is linked with aria-describedby. */
export function TextField(props: InputAttributes & { id: string; label: JSX.Element; value: string; onInput: (value: string) => void; hint?: JSX.Element }) {
  const [own, rest] = splitProps(props, ['id', 'label', 'value', 'onInput', 'hint']);
  return (
    <Field id={own.id} label={own.label} hint={own.hint}>
      <input id={own.id} aria-describedby={own.hint ? `${own.id}-hint` : undefined} {...rest} value={own.value} onInput={(event) => own.onInput(event.currentTarget.value)} />
    </Field>
  );
}

/** The submit button, the success notice once the action is done, and the action's error. */
export function FormActions(props: { label: JSX.Element; pending: boolean; done?: JSX.Element; error: unknown }) {
  return (
    <>
      <button type="submit" disabled={props.pending}>
        {props.label}
      </button>
      <Show when={props.done}>
        <p class="notice notice--ok" role="status">
          {props.done}
        </p>
      </Show>
      <MutationError error={props.error} />
    </>
  );
}
