import { A } from '@solidjs/router';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { requestPasswordReset } from '../../api/account';
import { MutationError } from '../../components/MutationError';
import { t } from '../../i18n';

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
        <form
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate();
          }}
        >
          <div class="field">
            <label for="forgot-email">{t().login.email}</label>
            <input id="forgot-email" type="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          <button type="submit" disabled={request.isPending}>
            {m().forgotSubmit}
          </button>
          <MutationError error={request.error} />
        </form>
      </Show>
    </section>
  );
}
