import { A } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createEffect, Show } from 'solid-js';
import { queries } from '../../api/trpc';
import { formatDate } from '../../format';
import { fill, locale, t } from '../../i18n';
import { QueryList } from '../../components/QueryList';

/** Feed and archive links shared by the public bulletin pages. */
export function FeedLinks() {
  const b = () => t().bulletin;
  return (
    <p class="toolbar bulletin-feeds">
      <a href="/bulletin/rss.xml" type="application/rss+xml">
        {b().rss}
      </a>
      <a href="/bulletin/atom.xml" type="application/atom+xml">
        {b().atom}
      </a>
    </p>
  );
}

/** The public archive of published bulletin issues, newest first. */
export default function ArchivePage() {
  const archive = useQuery(() => queries.bulletin.archive.queryOptions());
  const b = () => t().bulletin;
  createEffect(() => {
    document.title = `${b().archiveTitle} — ${t().app.name}`;
  });
  return (
    <section aria-labelledby="archive-title">
      <h1 id="archive-title">{b().archiveTitle}</h1>
      <p>{b().archiveIntro}</p>
      <FeedLinks />
      <QueryList query={archive} emptyDetail={b().noPublished} class="plain bulletin-archive" testId="bulletin-archive">
        {(issue) => (
          <li class="card bulletin-card" data-testid="bulletin-archive-item">
            <h2>
              <A href={`/bulletins/${encodeURIComponent(issue.slug)}`}>{issue.title}</A>
            </h2>
            <p class="muted">
              {issue.periodLabel}
              <Show when={issue.publishedAt}>{(at) => <> · {fill(b().publishedOn, { date: formatDate(at(), locale()) })}</>}</Show>
              <Show when={issue.revision > 1}> · {fill(b().revisionN, { revision: issue.revision })}</Show>
            </p>
            <Show when={issue.correctionNote}>
              {(note) => (
                <p>
                  {b().correctionNoteLabel}: {note()}
                </p>
              )}
            </Show>
            <p class="toolbar">
              <a href={`/bulletin/${encodeURIComponent(issue.slug)}.pdf`} aria-label={`${b().pdf}: ${issue.title}`}>
                {b().pdf}
              </a>
            </p>
          </li>
        )}
      </QueryList>
    </section>
  );
}
