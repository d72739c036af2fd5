import { For, Show } from 'solid-js';
import type { RouterOutputs } from '../../api/trpc';
import { formatDateTime } from '../../format';
import { fill, label, locale, t } from '../../i18n';

type ReviewItem = RouterOutputs['reviews']['queue'][number];

/** The comment under review with its organization, page, post and thread (citizens' text redacted by the server). */
export function ReviewContext(props: { item: ReviewItem }) {
  const r = () => t().review;
  const item = () => props.item;
  const others = () => item().thread.filter((comment) => !comment.isCurrent);
  return (
    <>
      <dl class="meta">
        <dt>{r().organization}</dt>
        <dd data-testid="review-organization">{item().organization.name}</dd>
        <dt>{r().page}</dt>
        <dd>
          {label(t().networks, item().page.network)}:{' '}
          <a href={item().page.canonicalUrl} target="_blank" rel="noopener noreferrer">
            {item().page.canonicalUrl}
          </a>
        </dd>
      </dl>
      <h3>{r().text}</h3>
      <Show when={item().text} fallback={<p class="muted">{r().textPurged}</p>}>
        {(text) => (
          <blockquote class="review-text" data-testid="review-text">
            {text()}
          </blockquote>
        )}
      </Show>
      <Show when={item().textTruncated}>
        <p class="muted">{r().textTruncated}</p>
      </Show>
      <p class="muted">{r().redactedNote}</p>
      <h3>{fill(r().postFrom, { date: formatDateTime(item().post.publishedAt, locale()) })}</h3>
      <Show when={item().post.excerpt} fallback={<p class="muted">{r().postEmpty}</p>}>
        {(excerpt) => (
          <p class="review-post" data-testid="review-post">
            {excerpt()}
          </p>
        )}
      </Show>
      <p>
        <a href={item().post.url} target="_blank" rel="noopener noreferrer">
          {r().openPost}
        </a>
      </p>
      <h3>{r().thread}</h3>
      <Show when={others().length > 0} fallback={<p class="muted">{r().threadOnlyThis}</p>}>
        <ol class="review-thread" data-testid="review-thread">
          <For each={item().thread}>
            {(comment) => (
              <li classList={{ 'is-current': comment.isCurrent, 'from-page': comment.fromPage }} aria-current={comment.isCurrent ? 'true' : undefined}>
                <strong>{comment.fromPage ? r().pageReply : fill(r().citizen, { label: comment.author })}</strong>{' '}
                <span class="muted">
                  {formatDateTime(comment.publishedAt, locale())}
                  {comment.isCurrent ? ` · ${r().current}` : ''}
                  {comment.isParent ? ` · ${r().parent}` : ''}
                </span>
                <div>{comment.text ?? r().textPurged}</div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </>
  );
}
