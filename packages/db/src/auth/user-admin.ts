import { AppError, type Role } from '@most/shared';
import type { Queryable, Sql } from '../client';
import { auditBy } from '../audit';
import { deleteUserSessions } from './sessions';
import { inTransaction } from '../transaction';
import type { UserActor } from '../actor';

export interface UserListItem {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  organizationId: number | null;
  organizationName: string | null;
  status: 'active' | 'invited' | 'disabled';
  createdAt: Date;
}

export async function listUsers(sql: Queryable, filter: { role?: Role; search?: string } = {}): Promise<UserListItem[]> {
  const search = filter.search?.trim()
    ? `%${filter.search
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    : null;
  const rows = await sql<
    {
      id: number;
      email: string;
      display_name: string;
      role: Role;
      organization_id: number | null;
      organization_name: string | null;
      password_hash_set: boolean;
      disabled_at: Date | null;
      created_at: Date;
    }[]
  >`
    SELECT u.id, u.email, u.display_name, u.role, u.organization_id, o.short_name AS organization_name,
           u.password_hash IS NOT NULL AS password_hash_set, u.disabled_at, u.created_at
    FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
    WHERE (${filter.role ?? null}::text IS NULL OR u.role = ${filter.role ?? null})
      AND (${search}::text IS NULL OR lower(u.email) LIKE ${search} OR lower(u.display_name) LIKE ${search})
    ORDER BY u.email`;
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    status: r.disabled_at ? 'disabled' : r.password_hash_set ? 'active' : 'invited',
    createdAt: r.created_at,
  }));
}

/** Disables a user and ends their sessions at once. */
export async function disableUser(sql: Sql, userId: number, actor: UserActor): Promise<void> {
  if (userId === actor.id) throw new AppError('BAD_REQUEST', 'Нельзя отключить собственную учётную запись', { details: { userId: 'is yourself' } });
  await inTransaction(sql, async (tx) => {
    const [row] = await tx`UPDATE users SET disabled_at = coalesce(disabled_at, now()), updated_at = now() WHERE id = ${userId} RETURNING id`;
    if (!row) throw new AppError('NOT_FOUND', 'Пользователь не найден');
    await deleteUserSessions(tx, userId);
    await tx`UPDATE auth_tokens SET used_at = now() WHERE user_id = ${userId} AND used_at IS NULL`;
    await auditBy(tx, actor, { action: 'user.disable', entityType: 'user', entityId: userId });
  });
}
