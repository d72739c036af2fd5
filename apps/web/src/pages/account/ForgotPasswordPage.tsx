import { A } from '@solidjs/router';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { requestPasswordReset } from '../../api/account';
import { t } from '../../i18n';
import { Form, TextField, FormActions } from '../../components/Form';

/** Asks for a reset link; the answer is the same whether or not the address is registered. */
export default function ForgotPasswordPage() {
  const [email, setEmail] = createSignal('');
  const request = useMutation(() => ({ mutationFn: () => requestPasswordReset(email().trim()) }));
  const m = () => t().account;
  return (
    <section aria-labelledby="forgot-title" class="narrow">
      <h1 id="forgot-title">{m().forgotTitle}</h1>
      <Show
        when={!request.isSuccess}
        fallback={
          <>
            <p class="notice notice--ok" role="status" data-testid="reset-requested">
              {m().forgotSent}
            </p>
            <p>
              <A href="/login">{t().login.title}</A>
            </p>
          </>
        }
      >
        <p>{m().forgotIntro}</p>
        <Form onSubmit={() => request.mutate()}>
          <TextField id="forgot-email" label={t().login.email} type="email" autocomplete="username" required value={email()} onInput={setEmail} />
          <FormActions label={m().forgotSubmit} pending={request.isPending} error={request.error} />
        </Form>
      </Show>
    </section>
  );
}
