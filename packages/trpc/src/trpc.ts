import { initTRPC } from '@trpc/server';
import { ACCESS } from '@most/domain';
import { AppError, type Role } from '@most/shared';
import type { UserActor } from '@most/db';
import type { TrpcContext } from './context';
import { formatError } from './errors';

const t = initTRPC.context<TrpcContext>().create({
  isDev: false,
  errorFormatter: ({ error, path, ctx }) => formatError(error, path, ctx?.requestId ?? null),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure;

/**
 * Any signed-in user; ctx.user is non-null from here on, and ctx.actor names that user for the
 * audit log and the *_by columns (built once here, never by hand in a router).
 */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Войдите в систему');
  const actor: UserActor = { id: ctx.user.id, label: ctx.user.email };
  return next({ ctx: { user: ctx.user, actor } });
});

const withRoles = (roles: readonly Role[]) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) throw new AppError('FORBIDDEN', 'Недостаточно прав');
    return next();
  });

/** NGO staff: monitoring data, registry editing, reviews, editions. */
export const monitorProcedure = withRoles(ACCESS.monitoring);
export const adminProcedure = withRoles(ACCESS.administration);
export const instructorProcedure = withRoles(['admin', 'instructor']);
/** Course participants; agency staff take the course too. */
export const traineeProcedure = withRoles(ACCESS.learning);
/** Grading, attendance, progress and exports. */
export const teachingProcedure = withRoles(ACCESS.teaching);

/** A member of one agency; ctx.organizationId is that agency, and nothing else is reachable. */
export const agencyProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!(ACCESS.agency as readonly Role[]).includes(ctx.user.role) || ctx.user.organizationId === null) throw new AppError('FORBIDDEN', 'Доступно только сотрудникам ведомства');
  return next({ ctx: { organizationId: ctx.user.organizationId } });
});

/** Monitors see every organization; an agency member only its own. */
export function assertOrganizationAccess(user: { role: Role; organizationId: number | null }, organizationId: number): void {
  if (user.role === 'admin' || user.role === 'monitor') return;
  if (user.role === 'agency' && user.organizationId === organizationId) return;
  throw new AppError('FORBIDDEN', 'Нет доступа к данным этой организации');
}

/** Monitors or the agency itself: for non-public data of one organization. */
export const organizationScopedProcedure = withRoles(['admin', 'monitor', 'agency']);
