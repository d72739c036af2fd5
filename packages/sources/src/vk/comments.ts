import type { z } from 'zod';
import { SourceError, type SourceComment } from '../types';
import { EXECUTE_MAX_CALLS, type VkClient } from './client';
import { toComment } from './mapping';
import { wallGetCommentsSchema, type VkComment } from './schemas';

type CommentsPage = z.output<typeof wallGetCommentsSchema>;
type TopComment = CommentsPage['items'][number];

/** One wall.getComments page to read: the top level of a post, or one thread (comment_id). */
interface PageRequest {
  postId: string;
  rootId: number | null;
  offset: number;
}

interface PostState {
  tops: TopComment[];
  threads: Map<number, VkComment[]>;
  missing: boolean;
}

const THREAD_ITEMS = 10;
const PAGE = 100;

/** VK 100/104 on a post: it no longer exists, so it has no comments to read. */
const isMissingPost = (error: SourceError): boolean => error.kind === 'malformed' && (error.details.code === 100 || error.details.code === 104);

/**
 * Every comment of the given posts, threads included: top-level pages with the first 10 replies of
 * each thread, then the whole of any longer thread paged with comment_id. With `batch` the page reads
 * go out up to 25 at a time through `execute` (one request of the budget each).
 */
export async function collectComments(client: VkClient, groupId: number, postIds: string[], batch: boolean): Promise<Map<string, SourceComment[]>> {
  const states = new Map<string, PostState>(postIds.map((id) => [id, { tops: [], threads: new Map(), missing: false }]));
  const queue: PageRequest[] = postIds.map((postId) => ({ postId, rootId: null, offset: 0 }));
  const params = (request: PageRequest): Record<string, string | number> => ({
    owner_id: -groupId,
    post_id: request.postId,
    offset: request.offset,
    count: PAGE,
    sort: 'asc',
    ...(request.rootId === null ? { thread_items_count: THREAD_ITEMS } : { comment_id: request.rootId }),
  });

  while (queue.length > 0) {
    const chunk = queue.splice(0, batch ? EXECUTE_MAX_CALLS : 1);
    const results: (CommentsPage | SourceError)[] =
      chunk.length > 1
        ? await client.execute(
            chunk.map((request) => ({ method: 'wall.getComments', params: params(request) })),
            wallGetCommentsSchema,
            'post',
          )
        : [await client.call('wall.getComments', params(chunk[0]!), wallGetCommentsSchema, 'post').catch((error: unknown) => toSourceError(error))];
    chunk.forEach((request, index) => {
      const result = results[index]!;
      const state = states.get(request.postId)!;
      if (result instanceof SourceError) {
        if (isMissingPost(result)) return void (state.missing = true);
        throw result;
      }
      if (request.rootId === null) {
        state.tops.push(...result.items);
        for (const top of result.items) {
          if (top.thread && top.thread.count > top.thread.items.length) {
            state.threads.set(top.id, []);
            queue.push({ postId: request.postId, rootId: top.id, offset: 0 });
          }
        }
      } else {
        state.threads.get(request.rootId)?.push(...result.items);
      }
      const next = request.offset + result.items.length;
      if (result.items.length > 0 && next < (result.current_level_count ?? result.count)) queue.push({ ...request, offset: next });
    });
  }

  const comments = new Map<string, SourceComment[]>();
  for (const [postId, state] of states) {
    const list: SourceComment[] = [];
    const seen = new Set<number>();
    const add = (comment: VkComment, root: number | null): void => {
      if (seen.has(comment.id)) return;
      seen.add(comment.id);
      list.push(toComment(comment, groupId, postId, root));
    };
    if (!state.missing) {
      for (const top of state.tops) {
        add(top, null);
        for (const reply of state.threads.get(top.id) ?? top.thread?.items ?? []) add(reply, top.id);
      }
    }
    comments.set(postId, list);
  }
  return comments;
}

function toSourceError(error: unknown): SourceError {
  if (error instanceof SourceError) return error;
  throw error;
}
