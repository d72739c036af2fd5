import { A, useParams } from '@solidjs/router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/solid-query';
import { For, Show } from 'solid-js';
import { trpc, queries, invalidate } from '../../api/trpc';
import { MutationError } from '../../components/MutationError';
import { AGENCY_ROLES, RequireRole } from '../../components/RequireRole';
import { QueryView } from '../../components/State';
import { formatDate, formatDateTime } from '../../format';
import { fill, locale, t } from '../../i18n';
import { user } from '../../session';
import { IssueNotices, SectionView } from './Blocks';
import { QueryList } from '../../components/QueryList';

function useAcknowledge() {
  const client = useQueryClient();
  return useMutation(() => ({
    mutationFn: (issueId: number) => trpc.bulletin.acknowledge.mutate({ issueId }),
    onSuccess: () => invalidate(client, queries.bulletin.mine.queryKey()),
  }));
}

function AcknowledgeButton(props: { issueId: number; title: string; acknowledgedAt: string | null; pending: boolean; onAcknowledge: (id: number) => void }) {
  const b = () => t().bulletin;
  return (
    <Show
      when={props.acknowledgedAt}
      fallback={
        <button type="button" disabled={props.pending} aria-label={`${b().acknowledge}: ${props.title}`} onClick={() => props.onAcknowledge(props.issueId)}>
          {b().acknowledge}
        </button>
      }
    >
      {(at) => (
        <span class="pass" data-testid="bulletin-acknowledged">
          {fill(b().acknowledgedOn, { date: formatDateTime(at(), locale()) })}
        </span>
      )}
    </Show>
  );
}

/** "My bulletins": the agency's published issues, each with its own section, and the receipt confirmation. */
export default function AgencyBulletinsPage() {
  const mine = useQuery(() => queries.bulletin.mine.queryOptions());
  const acknowledge = useAcknowledge();
  const b = () => t().bulletin;
  return (
    <RequireRole roles={AGENCY_ROLES}>
      <section aria-labelledby="my-bulletins-title">
        <h1 id="my-bulletins-title">{b().mineTitle}</h1>
        <p>{b().mineIntro}</p>
        <MutationError error={acknowledge.error} />
        <QueryList query={mine} emptyDetail={b().noMine} class="plain" testId="my-bulletins">
          {(issue) => (
            <li class="card bulletin-card" data-testid="my-bulletin">
              <h2>
                <A href={`/agency/bulletins/${encodeURIComponent(issue.slug)}`}>{issue.title}</A>
              </h2>
              <p class="muted">
                {issue.periodLabel} · {fill(b().publishedOn, { date: formatDate(issue.publishedAt, locale()) })}
                <Show when={issue.revision > 1}> · {fill(b().revisionN, { revision: issue.revision })}</Show>
              </p>
              <AcknowledgeButton issueId={issue.id} title={issue.title} acknowledgedAt={issue.acknowledgedAt} pending={acknowledge.isPending} onAcknowledge={(id) => acknowledge.mutate(id)} />
            </li>
          )}
        </QueryList>
      </section>
    </RequireRole>
  );
}

/** One of my bulletins: my own section first, then the public edition. */
export function AgencyIssuePage() {
  const params = useParams<{ slug: string }>();
  const issue = useQuery(() => queries.bulletin.mineIssue.queryOptions({ slug: params.slug }));
  const mine = useQuery(() => queries.bulletin.mine.queryOptions());
  const acknowledge = useAcknowledge();
  const b = () => t().bulletin;
  const summary = () => mine.data?.find((i) => i.slug === params.slug);
  return (
    <RequireRole roles={AGENCY_ROLES}>
      <p>
        <A href="/agency/bulletins">← {b().mineTitle}</A>
      </p>
      <QueryView query={issue}>
        {(view) => (
          <article aria-labelledby="issue-title" data-testid="bulletin-issue">
            <h1 id="issue-title">{view.title}</h1>
            <p class="muted">{view.periodLabel}</p>
            <IssueNotices view={view} issueHref={(slug) => `/agency/bulletins/${encodeURIComponent(slug)}`} />
            <div class="toolbar">
              <Show when={summary()}>
                {(s) => <AcknowledgeButton issueId={s().id} title={view.title} acknowledgedAt={s().acknowledgedAt} pending={acknowledge.isPending} onAcknowledge={(id) => acknowledge.mutate(id)} />}
              </Show>
              <Show when={user()?.organizationId}>{(organizationId) => <a href={`/bulletin/${encodeURIComponent(view.slug)}/agency/${organizationId()}.pdf`}>{b().mySectionPdf}</a>}</Show>
              <a href={`/bulletin/${encodeURIComponent(view.slug)}.pdf`}>{b().pdf}</a>
            </div>
            <MutationError error={acknowledge.error} />
            <For each={view.sections.filter((s) => s.audience === 'agency')}>{(section) => <SectionView section={section} testId="my-bulletin-section" />}</For>
            <For each={view.sections.filter((s) => s.audience === 'public')}>{(section) => <SectionView section={section} />}</For>
          </article>
        )}
      </QueryView>
    </RequireRole>
  );
}
