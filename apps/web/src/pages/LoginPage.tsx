import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { login } from '../api/auth';
import { ApiError } from '../api/http';
import { t } from '../i18n';
import { homeFor } from '../layout/nav';
import { TextField } from '../components/Form';

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ reset?: string }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const m = () => t().login;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const user = await login(email().trim(), password());
      navigate(homeFor(user.role), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) setError(m().locked);
      else if (caught instanceof ApiError && (caught.status === 401 || caught.code === 'UNAUTHORIZED')) setError(m().failed);
      else setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="login-title" class="narrow">
      <h1 id="login-title">{m().title}</h1>
      <Show when={params.reset}>
        <p class="notice notice--ok" role="status">
          {t().account.resetDone}
        </p>
      </Show>
      <form onSubmit={submit} aria-describedby={error() ? 'login-error' : undefined}>
        <TextField id="login-email" label={m().email} type="email" autocomplete="username" required value={email()} onInput={setEmail} />
        <TextField id="login-password" label={m().password} type="password" autocomplete="current-password" required value={password()} onInput={setPassword} />
        <Show when={error()}>
          <p id="login-error" class="fail" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" disabled={busy()}>
          {m().submit}
        </button>
      </form>
      <p>
        <A href="/forgot-password">{t().account.forgot}</A>
      </p>
    </section>
  );
}
