import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { createEffect, For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { formatNumber } from '../../format';
import { fill, label, locale, t } from '../../i18n';

/**
 * "Crawl now" for one page or every page of an organization: queues the crawl (the same request
 * within a minute is one crawl), then shows its progress and result until no job of it is left.
 */
export function CrawlNow(props: { accountId?: number; organizationId?: number; label?: string; class?: string }) {
  const client = useQueryClient();
  const o = () => t().operations;
  const start = useMutation(() => ({
    mutationFn: () =>
      props.organizationId !== undefined ? trpc.operations.crawlOrganization.mutate({ organizationId: props.organizationId }) : trpc.operations.crawlAccount.mutate({ accountId: props.accountId! }),
  }));
  const request = () => start.data;
  const progress = useQuery(() => {
    const r = request();
    const input = { runAt: r?.runAt ?? 0, accountIds: r?.queued ?? [] };
    return {
      ...queries.operations.crawlProgress.queryOptions(input),
      enabled: !!r && r.queued.length > 0,
      refetchInterval: (query) => (query.state.data?.finished ? false : 2_000),
    };
  });
  // Once per finished run, the crawl health tables read the new state.
  let refreshedFor = 0;
  createEffect(() => {
    const done = progress.data;
    if (done?.finished && done.runAt !== refreshedFor) {
      refreshedFor = done.runAt;
      invalidate(client, queries.accounts.crawlHealth.queryKey(), queries.accounts.crawlProblems.queryKey());
    }
  });
  return (
    <div class={props.class ?? 'crawl-now'}>
      <button type="button" class="button--ghost" disabled={start.isPending || (!!progress.data && !progress.data.finished)} onClick={() => start.mutate()}>
        {props.label ?? o().crawlNow}
      </button>
      <MutationError error={start.error} />
      <div role="status" aria-live="polite" data-testid="crawl-now-status">
        <Show when={request()}>
          {(r) => (
            <>
              <For each={r().skipped}>{(skip) => <p class="muted">{fill(o().skippedPage, { id: skip.accountId, reason: label(o().skipped, skip.reason) })}</p>}</For>
              <Show when={r().queued.length > 0}>
                <Show when={!r().crawlerRunning && !progress.data?.requests}>
                  <p class="muted">{o().crawlWaitingWorker}</p>
                </Show>
                <Show when={progress.data} fallback={<p>{o().crawlQueued}</p>}>
                  {(p) => (
                    <>
                      <Show when={p().finished} fallback={<p>{fill(o().crawlProgress, { pending: p().pendingJobs, requests: p().requests, errors: p().errors })}</p>}>
                        <p class="pass">{fill(o().crawlDone, { seconds: formatNumber((p().durationMs ?? 0) / 1000, locale(), 1) })}</p>
                      </Show>
                      <p>{fill(o().crawlPages, { ...p().pages })}</p>
                    </>
                  )}
                </Show>
              </Show>
            </>
          )}
        </Show>
      </div>
    </div>
  );
}
