import { A, useParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createEffect, For, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { formatDate } from '../../format';
import { fill, locale, t } from '../../i18n';
import { FeedLinks } from './ArchivePage';
import { IssueNotices, SectionView } from './Blocks';

/** One published issue's public edition, rendered from its blocks as text and elements. */
export default function IssuePage() {
  const params = useParams<{ slug: string }>();
  const issue = useQuery(() => queries.bulletin.issue.queryOptions({ slug: params.slug }));
  const b = () => t().bulletin;
  createEffect(() => {
    if (issue.data) document.title = `${issue.data.title} — ${t().app.name}`;
  });
  return (
    <>
      <p>
        <A href="/bulletins">← {b().archiveTitle}</A>
      </p>
      <QueryView query={issue} missing={() => <NotFound title={t().missing.bulletin} detail={t().missing.bulletinDetail} />}>
        {(view) => (
          <article aria-labelledby="issue-title" data-testid="bulletin-issue">
            <h1 id="issue-title">{view.title}</h1>
            <p class="muted">
              {view.periodLabel}
              <Show when={view.publishedAt}>{(at) => <> · {fill(b().publishedOn, { date: formatDate(at(), locale()) })}</>}</Show>
              <Show when={view.revision > 1}> · {fill(b().revisionN, { revision: view.revision })}</Show>
            </p>
            <IssueNotices view={view} issueHref={(slug) => `/bulletins/${encodeURIComponent(slug)}`} />
            <p class="toolbar">
              <a href={`/bulletin/${encodeURIComponent(view.slug)}.pdf`}>{b().pdf}</a>
              <a href={`/bulletin/${encodeURIComponent(view.slug)}`}>{b().printable}</a>
            </p>
            <FeedLinks />
            <For each={view.sections}>{(section) => <SectionView section={section} />}</For>
          </article>
        )}
      </QueryView>
    </>
  );
}
