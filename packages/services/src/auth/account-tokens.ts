import { z } from 'zod';
import { AppError, roleSchema } from '@most/shared';
import type { Queryable, Sql } from '@most/db';
import { appendAudit, auditBy } from '@most/db';
import { hashPassword } from './passwords';
import { toSessionUser } from './login';
import type { SessionUser } from '@most/db';
import { deleteUserSessions } from '@most/db';
import { reserveAttempt } from '@most/db';
import { hashSecretToken, newSecretToken } from '@most/db';
import { inTransaction } from '@most/db';
import type { UserActor } from '@most/db';

export type AuthTokenPurpose = 'password_reset' | 'invitation';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const PASSWORD_RESET_THROTTLE = { maxFailures: 3, windowSeconds: 3600, lockoutSeconds: 3600 };

export const passwordSchema = z.string().min(10, 'не короче 10 символов').max(1024, 'не длиннее 1024 символов');

async function issueToken(sql: Queryable, input: { userId: number; purpose: AuthTokenPurpose; ttlMs: number; createdBy?: number | null }): Promise<string> {
  // A new link replaces older unused ones of the same purpose.
  await sql`UPDATE auth_tokens SET used_at = now() WHERE user_id = ${input.userId} AND purpose = ${input.purpose} AND used_at IS NULL`;
  const token = newSecretToken();
  await sql`
    INSERT INTO auth_tokens (token_hash, purpose, user_id, created_by, expires_at)
    VALUES (${hashSecretToken(token)}, ${input.purpose}, ${input.userId}, ${input.createdBy ?? null}, ${new Date(Date.now() + input.ttlMs)})`;
  return token;
}

/** Marks a token used and returns its user, or fails when it is unknown, used or expired. Single use even under races. */
async function consumeToken(sql: Queryable, token: string, purpose: AuthTokenPurpose): Promise<number> {
  const [row] = await sql<{ user_id: number }[]>`
    UPDATE auth_tokens SET used_at = now()
    WHERE token_hash = ${hashSecretToken(token)} AND purpose = ${purpose} AND used_at IS NULL AND expires_at > now()
    RETURNING user_id`;
  if (!row) {
    const state = await inspectToken(sql, token, purpose);
    throw new AppError('BAD_REQUEST', TOKEN_PROBLEMS[state.status === 'valid' ? 'invalid' : state.status], { details: { token: state.status } });
  }
  return row.user_id;
}

export type TokenState = { status: 'valid'; email: string } | { status: 'expired' | 'used' | 'invalid' };

/** What the person who opened a link should be told (Russian, shown as is). */
export const TOKEN_PROBLEMS: Record<Exclude<TokenState['status'], 'valid'>, string> = {
  expired: 'Срок действия ссылки истёк. Запросите новую.',
  used: 'Эта ссылка уже использована или заменена более новой. Запросите новую.',
  invalid: 'Ссылка недействительна: проверьте, что она скопирована из письма целиком.',
};

/** Whether a link's token can still be used, without using it (the page tells the person before they type a password). */
export async function inspectToken(sql: Queryable, token: string, purpose: AuthTokenPurpose): Promise<TokenState> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return { status: 'invalid' };
  const [row] = await sql<{ used: boolean; expired: boolean; email: string; disabled: boolean }[]>`
    SELECT t.used_at IS NOT NULL AS used, t.expires_at <= now() AS expired, u.email, u.disabled_at IS NOT NULL AS disabled
    FROM auth_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${hashSecretToken(token)} AND t.purpose = ${purpose}`;
  if (!row || row.disabled) return { status: 'invalid' };
  if (row.used) return { status: 'used' };
  if (row.expired) return { status: 'expired' };
  return { status: 'valid', email: row.email };
}

/** A reset link for an active user with that e-mail, or null (the caller answers the same either way). */
export async function requestPasswordReset(sql: Queryable, email: string): Promise<{ user: SessionUser; token: string } | null> {
  // A few links per address and hour, so the form cannot be used to flood someone's mailbox.
  const key = `reset:${email.trim().toLowerCase()}`;
  if (!(await reserveAttempt(sql, key, PASSWORD_RESET_THROTTLE))) return null;
  const [user] = await sql<{ id: number; email: string; display_name: string; role: SessionUser['role']; organization_id: number | null }[]>`
    SELECT id, email, display_name, role, organization_id FROM users
    WHERE lower(email) = ${email.trim().toLowerCase()} AND disabled_at IS NULL AND password_hash IS NOT NULL`;
  if (!user) return null;
  const token = await issueToken(sql, { userId: user.id, purpose: 'password_reset', ttlMs: PASSWORD_RESET_TTL_MS });
  return { user: toSessionUser(user), token };
}

async function setPassword(sql: Sql, token: string, purpose: AuthTokenPurpose, password: string, displayName?: string): Promise<SessionUser> {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Пароль слишком короткий', { details: { password: parsed.error.issues[0]?.message } });
  const passwordHash = await hashPassword(password);
  return inTransaction(sql, async (tx) => {
    const userId = await consumeToken(tx, token, purpose);
    const [user] = await tx<{ id: number; email: string; display_name: string; role: SessionUser['role']; organization_id: number | null }[]>`
      UPDATE users SET password_hash = ${passwordHash}, updated_at = now(),
        display_name = coalesce(${displayName ?? null}, display_name)
      WHERE id = ${userId} AND disabled_at IS NULL
      RETURNING id, email, display_name, role, organization_id`;
    if (!user) throw new AppError('BAD_REQUEST', 'Учётная запись отключена', { details: { token: 'user disabled' } });
    await deleteUserSessions(tx, userId);
    await appendAudit(tx, {
      actorId: userId,
      actorLabel: user.email,
      action: `user.${purpose === 'invitation' ? 'accept_invitation' : 'reset_password'}`,
      entityType: 'user',
      entityId: String(userId),
    });
    return toSessionUser(user);
  });
}

/** Sets a new password from a reset link; every existing session of the user ends. */
export const resetPassword = (sql: Sql, token: string, password: string) => setPassword(sql, token, 'password_reset', password);

/** Sets the first password from an invitation link. */
export const acceptInvitation = (sql: Sql, token: string, password: string, displayName?: string) => setPassword(sql, token, 'invitation', password, displayName);

export const invitationInputSchema = z.object({
  email: z
    .email({ error: 'is not an e-mail address' })
    .max(320)
    .transform((email) => email.toLowerCase()),
  displayName: z.string().trim().max(200).default(''),
  role: roleSchema,
  organizationId: z.number().int().positive().nullable().default(null),
});
export type InvitationInput = z.input<typeof invitationInputSchema>;

/**
 * Creates a user without a password (or re-invites one who never accepted) and an invitation
 * token. Agency members must belong to an organization.
 */
export async function inviteUser(sql: Sql, input: InvitationInput, actor: UserActor): Promise<{ user: SessionUser; token: string }> {
  const invitation = invitationInputSchema.parse(input);
  if (invitation.role === 'agency' && invitation.organizationId === null) {
    throw new AppError('BAD_REQUEST', 'Сотрудник ведомства должен быть привязан к организации', { details: { organizationId: 'required for the agency role' } });
  }
  return inTransaction(sql, async (tx) => {
    if (invitation.organizationId !== null) {
      const [org] = await tx`SELECT 1 FROM organizations WHERE id = ${invitation.organizationId}`;
      if (!org) throw new AppError('NOT_FOUND', 'Организация не найдена', { details: { organizationId: 'not in the registry' } });
    }
    const [existing] = await tx<{ id: number; password_hash: string | null }[]>`SELECT id, password_hash FROM users WHERE lower(email) = ${invitation.email}`;
    if (existing?.password_hash) throw new AppError('CONFLICT', 'Пользователь с таким e-mail уже зарегистрирован', { details: { email: 'already registered' } });
    const [user] = existing
      ? await tx<{ id: number; email: string; display_name: string; role: SessionUser['role']; organization_id: number | null }[]>`
          UPDATE users SET role = ${invitation.role}, organization_id = ${invitation.organizationId}, display_name = ${invitation.displayName},
            disabled_at = NULL, updated_at = now()
          WHERE id = ${existing.id} RETURNING id, email, display_name, role, organization_id`
      : await tx<{ id: number; email: string; display_name: string; role: SessionUser['role']; organization_id: number | null }[]>`
          INSERT INTO users (email, display_name, role, organization_id)
          VALUES (${invitation.email}, ${invitation.displayName}, ${invitation.role}, ${invitation.organizationId})
          RETURNING id, email, display_name, role, organization_id`;
    const token = await issueToken(tx, { userId: user!.id, purpose: 'invitation', ttlMs: INVITATION_TTL_MS, createdBy: actor.id });
    await auditBy(tx, actor, { action: 'user.invite', entityType: 'user', entityId: user!.id, details: { email: invitation.email, role: invitation.role, organizationId: invitation.organizationId } });
    return { user: toSessionUser(user!), token };
  });
}
