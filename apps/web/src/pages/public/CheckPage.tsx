import { A } from '@solidjs/router';
import { useMutation } from '@tanstack/solid-query';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { checkAccount, searchOfficialPages } from '../../api/public';
import { ErrorState, isMissing, NoData } from '../../components/State';
import { label, t } from '../../i18n';
import { ReportPageForm } from './ReportPageForm';

const looksLikeAccountUrl = (value: string) => /(vk\.com|vk\.ru|ok\.ru|t\.me|telegram\.me)\//i.test(value) || /^@?[\w.]{3,}$/.test(value.trim());

/** "Is this account official?" — checks a pasted page link against the registry, or finds an organization by name. */
export default function CheckPage() {
  const [url, setUrl] = createSignal('');
  const [invalid, setInvalid] = createSignal(false);
  const check = useMutation(() => ({ mutationFn: checkAccount }));
  const byName = useMutation(() => ({ mutationFn: searchOfficialPages }));
  const m = () => t().check;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const value = url().trim();
    const isLink = looksLikeAccountUrl(value);
    setInvalid(!isLink && value.length < 2);
    if (invalid()) return;
    check.reset();
    byName.reset();
    if (isLink) check.mutate(value);
    else byName.mutate(value);
  };

  return (
    <section aria-labelledby="check-title">
      <h1 id="check-title">{m().title}</h1>
      <p>{m().intro}</p>
      <form class="form-row" onSubmit={submit} novalidate>
        <div class="field">
          <label for="check-url">{m().urlLabel}</label>
          <input
            id="check-url"
            type="text"
            inputMode="url"
            size={40}
            placeholder="https://vk.com/…"
            value={url()}
            onInput={(e) => setUrl(e.currentTarget.value)}
            aria-invalid={invalid()}
            aria-describedby={invalid() ? 'check-url-error' : undefined}
            required
          />
        </div>
        <button type="submit" disabled={check.isPending || byName.isPending}>
          {m().submit}
        </button>
      </form>
      <Show when={invalid()}>
        <p id="check-url-error" class="fail" role="alert">
          {m().invalid}
        </p>
      </Show>
      <div aria-live="polite" data-testid="check-result">
        <Switch>
          <Match when={byName.isError}>
            <ErrorState error={byName.error} />
          </Match>
          <Match when={byName.data}>
            {(found) => (
              <Show when={found().length > 0} fallback={<p>{m().noNameResults}</p>}>
                <h2>{m().nameResults}</h2>
                <ul data-testid="name-results">
                  <For each={found()}>
                    {(org) => (
                      <li>
                        <A href={`/organizations/${encodeURIComponent(org.code)}`}>{org.fullName}</A>
                        <Show when={org.municipalityName}>{(name) => <span class="muted"> · {name()}</span>}</Show>
                        <Show when={org.pages.length > 0} fallback={<span class="muted"> — {m().noPages}</span>}>
                          <ul>
                            <For each={org.pages}>
                              {(page) => (
                                <li>
                                  {label(t().networks, page.network)}:{' '}
                                  <a href={page.url} rel="noopener nofollow">
                                    {page.url}
                                  </a>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </Match>
          <Match when={check.isError && isMissing(check.error)}>
            <NoData detail={t().app.notAvailable} />
          </Match>
          <Match when={check.isError}>
            <ErrorState error={check.error} />
          </Match>
          <Match when={check.data}>
            {(result) => (
              <div class={result().official ? 'notice notice--ok' : 'notice notice--bad'}>
                <p>
                  <strong>{result().official ? m().official : m().notOfficial}</strong>
                </p>
                <Show when={result().organization}>
                  {(org) => (
                    <p>
                      {m().belongsTo}: <A href={`/organizations/${encodeURIComponent(org().code)}`}>{org().shortName}</A>
                      <Show when={result().account}>
                        {(account) => (
                          <>
                            {' '}
                            ({label(t().networks, account().network)}, {account().canonicalUrl})
                          </>
                        )}
                      </Show>
                    </p>
                  )}
                </Show>
                <Show when={result().reason}>
                  <p>{result().reason}</p>
                </Show>
              </div>
            )}
          </Match>
        </Switch>
      </div>
      <Show when={check.data}>{(result) => <ReportPageForm url={result().canonicalUrl ?? result().input} />}</Show>
    </section>
  );
}
