import { useMutation } from '@tanstack/solid-query';
import { createSignal, For, Show } from 'solid-js';
import { PAGE_REPORT_LIMITS } from '@most/domain/browser';
import { trpc } from '../../api/trpc';
import { errorData } from '../../components/State';
import { t } from '../../i18n';

/** The problems of a refused report, as sentences (the server's field keys are not shown). */
const problemsOf = (error: unknown): string[] => {
  const details = errorData(error)?.details ?? null;
  const fields = (details?.fields as Record<string, unknown> | undefined) ?? {};
  return Object.values(fields).map(String);
};

/** "Report a suspicious page": sent to the monitors' queue from the result of a page check. */
export function ReportPageForm(props: { url: string }) {
  const [url, setUrl] = createSignal(props.url);
  const [reason, setReason] = createSignal('');
  const [website, setWebsite] = createSignal('');
  const send = useMutation(() => ({ mutationFn: () => trpc.pageReports.submit.mutate({ url: url(), reason: reason(), website: website() || undefined }) }));
  const m = () => t().check;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if ((event.currentTarget as HTMLFormElement).reportValidity()) send.mutate();
  };
  return (
    <details class="card" data-testid="report-page">
      <summary>{m().reportOpen}</summary>
      <Show
        when={!send.isSuccess}
        fallback={
          <p class="notice notice--ok" role="status" data-testid="report-sent">
            {m().reportSent}
          </p>
        }
      >
        <form onSubmit={submit} aria-labelledby="report-title">
          <h2 id="report-title">{m().reportTitle}</h2>
          <p>{m().reportIntro}</p>
          <div class="field">
            <label for="report-url">{m().reportUrl}</label>
            <input id="report-url" type="text" inputMode="url" required maxLength={PAGE_REPORT_LIMITS.urlMaxChars} value={url()} onInput={(e) => setUrl(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="report-reason">{m().reportReason}</label>
            <textarea
              id="report-reason"
              required
              minLength={PAGE_REPORT_LIMITS.reasonMinChars}
              maxLength={PAGE_REPORT_LIMITS.reasonMaxChars}
              aria-describedby="report-reason-hint"
              value={reason()}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <p id="report-reason-hint" class="muted">
              {m().reportReasonHint}
            </p>
          </div>
          {/* Hidden from people and from assistive technology; robots fill it in. */}
          <div class="honeypot" aria-hidden="true">
            <label for="report-website">{m().reportHoneypot}</label>
            <input id="report-website" name="website" type="text" tabIndex={-1} autocomplete="off" value={website()} onInput={(e) => setWebsite(e.currentTarget.value)} />
          </div>
          <button type="submit" disabled={send.isPending}>
            {m().reportSubmit}
          </button>
          <Show when={send.error}>
            <div class="notice notice--bad" role="alert">
              <Show when={problemsOf(send.error).length > 0} fallback={<p>{send.error instanceof Error ? send.error.message : ''}</p>}>
                <ul>
                  <For each={problemsOf(send.error)}>{(problem) => <li>{problem}</li>}</For>
                </ul>
              </Show>
            </div>
          </Show>
        </form>
      </Show>
    </details>
  );
}
