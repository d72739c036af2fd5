import { A } from '@solidjs/router';
import { t } from '../i18n';

export default function NotFoundPage() {
  return (
    <section>
      <h1>{t().app.notFound}</h1>
      <p>
        <A href="/">{t().app.toHome}</A>
      </p>
    </section>
  );
}
