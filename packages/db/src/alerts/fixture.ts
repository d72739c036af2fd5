import type { Sql } from '../client';
import { classifyPendingComments } from '../scoring/classify';
import { makeAccount, makeComment, makePost } from '../scoring/fixture';

/** Test helpers for alerts: an agency with one page, its staff member, and citizens' questions. */
export async function makeAlertAgency(sql: Sql, options: { email: string; postAt: Date }): Promise<{ organizationId: number; accountId: number; postId: number; userId: number }> {
  const { accountId, organizationId } = await makeAccount(sql);
  const postId = await makePost(sql, accountId, options.postAt);
  const [user] = await sql<{ id: number }[]>`
    INSERT INTO users (email, display_name, role, organization_id) VALUES (${options.email}, 'Сотрудник', 'agency', ${organizationId}) RETURNING id`;
  return { organizationId, accountId, postId, userId: user!.id };
}

export async function makeAlertUser(sql: Sql, options: { email: string; role: 'admin' | 'monitor' | 'agency'; organizationId?: number }): Promise<number> {
  const [user] = await sql<{ id: number }[]>`
    INSERT INTO users (email, display_name, role, organization_id) VALUES (${options.email}, '', ${options.role}, ${options.organizationId ?? null}) RETURNING id`;
  return user!.id;
}

/** A classified citizen question on the agency's post. */
export async function askQuestion(sql: Sql, at: { accountId: number; postId: number }, options: { askedAt: Date; text?: string; author?: string }): Promise<number> {
  const id = await makeComment(sql, {
    postId: at.postId,
    accountId: at.accountId,
    author: options.author ?? `citizen-${options.askedAt.getTime()}`,
    at: options.askedAt,
    text: options.text ?? 'Когда починят дорогу на улице Ленина?',
  });
  await classifyPendingComments(sql, { accountIds: [at.accountId] }, options.askedAt);
  return id;
}

/** The page's reply to a question. */
export async function answerQuestion(sql: Sql, at: { accountId: number; postId: number }, questionId: number, repliedAt: Date): Promise<void> {
  await makeComment(sql, {
    postId: at.postId,
    accountId: at.accountId,
    author: 'page',
    fromPage: true,
    at: repliedAt,
    replyToCommentId: questionId,
    threadRootId: questionId,
    text: 'Ремонт начнётся в понедельник.',
  });
}
