import { A } from '@solidjs/router';
import { t } from '../i18n';

/** A link to something that does not exist: says what is missing, not that the section is unavailable. */
export function NotFound(props: { title: string; detail: string; heading?: 1 | 2 }) {
  return (
    <div class="state state--empty" data-testid="not-found">
      {props.heading === 2 ? <h2>{props.title}</h2> : <h1>{props.title}</h1>}
      <p>{props.detail}</p>
      <p>
        <A href="/">{t().app.toHome}</A>
      </p>
    </div>
  );
}
