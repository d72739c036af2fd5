import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { useMutation, useQuery } from '@tanstack/solid-query';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { acceptInvitation, linkStatus, resetPassword, type LinkPurpose } from '../../api/account';
import { ErrorState, Loading } from '../../components/State';
import { fill, t } from '../../i18n';
import { homeFor } from '../../layout/nav';
import { TextField, FormActions } from '../../components/Form';

const MIN_PASSWORD = 10;

/**
 * Opened from an invitation or password-reset e-mail (?token=…): says at once whether the link is
 * expired, used or invalid; otherwise sets the password. An invitation signs the user in and goes
 * to the role's home; a reset goes to the login page.
 */
function SetPasswordPage(props: { purpose: LinkPurpose }) {
  const [params] = useSearchParams<{ token?: string }>();
  const navigate = useNavigate();
  const token = () => params.token?.trim() ?? '';
  const status = useQuery(() => ({
    queryKey: ['auth', 'link', props.purpose, token()],
    queryFn: () => linkStatus(token(), props.purpose),
    enabled: token() !== '',
    staleTime: Infinity,
  }));
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [displayName, setDisplayName] = createSignal('');
  const [problem, setProblem] = createSignal<string>();
  const m = () => t().account;
  const invitation = () => props.purpose === 'invitation';

  const save = useMutation(() => ({
    mutationFn: async () => {
      if (invitation()) navigate(homeFor((await acceptInvitation(token(), password(), displayName().trim())).role), { replace: true });
      else {
        await resetPassword(token(), password());
        navigate(`/login?reset=1`, { replace: true });
      }
    },
  }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (password().length < MIN_PASSWORD) return setProblem(m().tooShort);
    if (password() !== repeat()) return setProblem(m().mismatch);
    setProblem(undefined);
    save.mutate();
  };

  const requestNew = () => (
    <Show when={!invitation()}>
      <p>
        <A href="/forgot-password">{m().requestNew}</A>
      </p>
    </Show>
  );

  return (
    <section aria-labelledby="set-password-title" class="narrow">
      <h1 id="set-password-title">{invitation() ? m().inviteTitle : m().resetTitle}</h1>
      <Switch>
        <Match when={token() === ''}>
          <p class="notice notice--bad" role="alert" data-testid="link-problem">
            {m().noToken}
          </p>
          {requestNew()}
        </Match>
        <Match when={status.isPending}>
          <Loading />
        </Match>
        <Match when={status.isError}>
          <ErrorState error={status.error} retry={() => void status.refetch()} />
        </Match>
        <Match when={status.data && status.data.status !== 'valid'}>
          <p class="notice notice--bad" role="alert" data-testid="link-problem">
            {status.data!.message}
          </p>
          {requestNew()}
        </Match>
        <Match when={status.data}>
          {(link) => (
            <form onSubmit={submit} novalidate>
              <p>{fill(invitation() ? m().inviteIntro : m().resetIntro, { email: link().email ?? '' })}</p>
              <Show when={invitation()}>
                <TextField id="set-name" label={m().displayName} type="text" autocomplete="name" maxLength={200} value={displayName()} onInput={setDisplayName} />
              </Show>
              <input type="email" autocomplete="username" value={link().email ?? ''} hidden readOnly />
              <TextField
                id="set-password"
                label={m().newPassword}
                type="password"
                autocomplete="new-password"
                required
                minLength={MIN_PASSWORD}
                value={password()}
                onInput={setPassword}
                hint={m().passwordHint}
              />
              <TextField id="set-password-repeat" label={m().repeatPassword} type="password" autocomplete="new-password" required value={repeat()} onInput={setRepeat} />
              <Show when={problem()}>
                <p class="fail" role="alert">
                  {problem()}
                </p>
              </Show>
              <FormActions label={invitation() ? m().accept : m().save} pending={save.isPending} error={save.error} />
            </form>
          )}
        </Match>
      </Switch>
    </section>
  );
}

export const ResetPasswordPage = () => <SetPasswordPage purpose="password_reset" />;
export const AcceptInvitationPage = () => <SetPasswordPage purpose="invitation" />;
