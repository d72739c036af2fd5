import { createSignal, type JSX, splitProps } from 'solid-js';
import { t } from '../i18n';
import { Field } from './Form';

type FileInputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'class' | 'onChange' | 'onInput'>;

/**
 * A labelled file picker that speaks the page's language: the browser's own button and "no file" text
 * follow the browser's language, so the real input is only visually hidden (still focusable and labelled)
 * and a button-like label and the chosen names are shown instead.
 */
export function FileInput(props: FileInputAttributes & { id: string; label: JSX.Element; hint?: JSX.Element; onChange: (files: File[]) => void }) {
  const [own, rest] = splitProps(props, ['id', 'label', 'hint', 'onChange', 'aria-describedby']);
  const [names, setNames] = createSignal<string[]>([]);
  const chosenId = () => `${own.id}-chosen`;
  const describedBy = () => [own['aria-describedby'], own.hint ? `${own.id}-hint` : undefined, chosenId()].filter(Boolean).join(' ');
  return (
    <Field id={own.id} label={own.label} hint={own.hint}>
      <div class="file-input">
        <input
          {...rest}
          id={own.id}
          type="file"
          class="visually-hidden"
          aria-describedby={describedBy()}
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            setNames(files.map((file) => file.name));
            own.onChange(files);
          }}
        />
        {/* For the mouse: the input itself is what keyboards and screen readers reach. */}
        <label for={own.id} class="button button--ghost" aria-hidden="true">
          {t().app.chooseFile}
        </label>
        <span id={chosenId()} classList={{ muted: names().length === 0 }}>
          {names().length > 0 ? names().join(', ') : t().app.noFileChosen}
        </span>
      </div>
    </Field>
  );
}
