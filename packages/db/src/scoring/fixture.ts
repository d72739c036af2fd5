import { createHash } from 'node:crypto';
import type { Sql } from '../client';

/** Test helpers: a tiny world of organizations, accounts, posts and comments written straight to SQL. */
export const pseudonym = (name: string) => createHash('sha256').update(name).digest('hex');

let counter = 0;
const next = () => (counter += 1);

export async function makeAccount(sql: Sql, options: { sector?: string; kind?: string; network?: string; organizationId?: number } = {}): Promise<{ accountId: number; organizationId: number }> {
  const n = next();
  let organizationId = options.organizationId;
  if (!organizationId) {
    const [org] = await sql<{ id: number }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector)
      VALUES (${`org-${n}-${Date.now()}`}, ${`Организация ${n}`}, ${`Орг ${n}`}, ${options.kind ?? 'local_government'}, ${options.sector ?? 'other'}) RETURNING id`;
    organizationId = org!.id;
  }
  const [account] = await sql<{ id: number }[]>`
    INSERT INTO accounts (organization_id, network, canonical_url, handle)
    VALUES (${organizationId}, ${options.network ?? 'vk'}, ${`https://vk.com/acc_${n}_${Date.now()}`}, ${`acc_${n}`}) RETURNING id`;
  return { accountId: account!.id, organizationId };
}

/** A snapshot of an active page whose profile has everything the profile criteria look for but an e-mail. */
export async function makeFullProfileSnapshot(sql: Sql, accountId: number, capturedAt: Date, capturedDay: string): Promise<void> {
  await sql`
    INSERT INTO account_snapshots (account_id, captured_at, last_seen_at, captured_day, content_hash, status, profile, raw)
    VALUES (${accountId}, ${capturedAt}, ${capturedAt}, ${capturedDay}, 'h', 'active',
      ${sql.json({
        description: 'Поликлиника',
        website: 'https://p.example.ru',
        phones: ['+7 8452 000000'],
        emails: [],
        address: 'ул. Мира, 1',
        hasWorkingHours: true,
        links: [{ url: 'https://vk.com/id1', name: 'Главный врач' }],
        membersCount: 1000,
        wall: 'open',
        hasAvatar: true,
        hasCover: true,
      })}, '{}'::jsonb)`;
}

export async function makePost(sql: Sql, accountId: number, publishedAt: Date, counters: { likes?: number; views?: number } = {}): Promise<number> {
  const n = next();
  const [post] = await sql<{ id: number }[]>`
    INSERT INTO posts (account_id, external_id, url, published_at, text, likes, views, first_seen_at, last_seen_at)
    VALUES (${accountId}, ${String(n)}, ${`https://vk.com/wall-1_${n}`}, ${publishedAt}, 'Новость', ${counters.likes ?? 0}, ${counters.views ?? null}, ${publishedAt}, ${publishedAt})
    RETURNING id`;
  return post!.id;
}

export interface CommentSpec {
  postId: number;
  accountId: number;
  author: string;
  fromPage?: boolean;
  at: Date;
  text?: string;
  threadRootId?: number | null;
  replyToCommentId?: number | null;
  replyToUser?: string | null;
  deleted?: boolean;
}

export async function makeComment(sql: Sql, spec: CommentSpec): Promise<number> {
  const n = next();
  const [comment] = await sql<{ id: number }[]>`
    INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, thread_root_id, reply_to_comment_id,
                          reply_to_user_pseudonym, first_seen_at, last_seen_at, deleted_at, deletion_reason)
    VALUES (${spec.postId}, ${spec.accountId}, ${String(n)}, ${`https://vk.com/wall-1_${spec.postId}?reply=${n}`}, ${pseudonym(spec.author)}, ${spec.fromPage ?? false},
            ${spec.at}, ${spec.text ?? (spec.fromPage ? 'Ответ страницы' : 'Когда починят?')}, ${spec.threadRootId ?? null}, ${spec.replyToCommentId ?? null},
            ${spec.replyToUser ? pseudonym(spec.replyToUser) : null}, ${spec.at}, ${spec.at}, ${spec.deleted ? spec.at : null}, ${spec.deleted ? 'deleted' : null})
    RETURNING id`;
  return comment!.id;
}

/** A post an hour before `at`, a citizen's question on it at `at`, and the page's reply `answeredAfterMs` later (none when null); the question's id. */
export async function makeQuestion(sql: Sql, spec: { accountId: number; author: string; at: Date; text: string; answeredAfterMs: number | null }): Promise<number> {
  const { accountId, author, at } = spec;
  const postId = await makePost(sql, accountId, new Date(at.getTime() - 3_600_000));
  const q = await makeComment(sql, { postId, accountId, author, at, text: spec.text });
  if (spec.answeredAfterMs !== null)
    await makeComment(sql, { postId, accountId, author: 'page', fromPage: true, at: new Date(at.getTime() + spec.answeredAfterMs), threadRootId: q, replyToCommentId: q, replyToUser: author });
  return q;
}

/**
 * March 2025 on a page: a post every day at 09:00 Saratov time (20 likes, 800 views) and, on the first 12 days,
 * a citizen's question at 10:00, of which 8 are answered within 2 h, 2 after 30 h and 2 never; with `thanks`,
 * a thank-you comment (not a question) beside each question. Returns the questions' ids.
 */
export async function makeMarchQuestions(sql: Sql, accountId: number, options: { thanks?: boolean } = {}): Promise<number[]> {
  const hour = 3_600_000;
  const saratov = (day: number, time: string) => new Date(`2025-03-${String(day + 1).padStart(2, '0')}T${time}+04:00`);
  const questions: number[] = [];
  for (let day = 0; day < 31; day += 1) {
    const postId = await makePost(sql, accountId, saratov(day, '09:00:00'), { likes: 20, views: 800 });
    if (day >= 12) continue;
    const at = saratov(day, '10:00:00');
    const q = await makeComment(sql, { postId, accountId, author: `c${day}`, at, text: `Когда включат воду на Рабочей ${day}? звоните 89171234567` });
    questions.push(q);
    if (options.thanks) await makeComment(sql, { postId, accountId, author: `d${day}`, at, text: 'Спасибо за информацию!' });
    const answeredAfter = day < 8 ? 2 * hour : day < 10 ? 30 * hour : null;
    if (answeredAfter !== null)
      await makeComment(sql, { postId, accountId, author: 'page', fromPage: true, at: new Date(at.getTime() + answeredAfter), threadRootId: q, replyToCommentId: q, replyToUser: `c${day}` });
  }
  return questions;
}
