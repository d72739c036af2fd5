import { z } from 'zod';
import { AppError, roleSchema, type Role } from '@most/shared';
import type { Queryable } from '@most/db';
import { auditBy } from '@most/db';
import { hashPassword } from '../auth/passwords';

export const newUserSchema = z.object({
  email: z
    .email({ error: 'is not an e-mail address' })
    .max(320)
    .transform((email) => email.toLowerCase()),
  displayName: z.string().max(200).default(''),
  role: roleSchema,
  password: z.string().min(10, 'must have at least 10 characters').max(1024),
  organizationCode: z.string().optional(),
});

export type NewUser = z.input<typeof newUserSchema>;

export interface UserRow {
  id: number;
  email: string;
  role: Role;
  organization_id: number | null;
}

/** Creates a user with an argon2id password hash; agency members must name their organization. */
export async function createUser(sql: Queryable, input: NewUser, actor: { id?: number; label: string }): Promise<UserRow> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  const user = parsed.data;
  let organizationId: number | null = null;
  if (user.organizationCode) {
    const [org] = await sql<{ id: number }[]>`SELECT id FROM organizations WHERE code = ${user.organizationCode}`;
    if (!org) throw new AppError('NOT_FOUND', `Organization "${user.organizationCode}" is not in the registry`);
    organizationId = org.id;
  }
  if (user.role === 'agency' && organizationId === null) {
    throw new AppError('BAD_REQUEST', 'An agency member must be bound to an organization (--org <code>)');
  }
  const [existing] = await sql`SELECT 1 FROM users WHERE lower(email) = ${user.email}`;
  if (existing) throw new AppError('CONFLICT', `A user with e-mail ${user.email} already exists`);
  const passwordHash = await hashPassword(user.password);
  const [row] = await sql<UserRow[]>`
    INSERT INTO users (email, display_name, password_hash, role, organization_id)
    VALUES (${user.email}, ${user.displayName}, ${passwordHash}, ${user.role}, ${organizationId})
    RETURNING id, email, role, organization_id`;
  await auditBy(sql, actor, { action: 'user.create', entityType: 'user', entityId: row!.id, details: { email: user.email, role: user.role, organizationId } });
  return row!;
}
