import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, type Role } from '@most/shared';
import type { TrpcContext } from './context';
import { formatError } from './errors';
import { appRouter } from './router';
import { authedProcedure, createCallerFactory, monitorProcedure, router } from './trpc';

/** A context whose database must never be reached: every case here is refused before any query. */
function context(user: { role: Role; organizationId?: number | null } | null): TrpcContext {
  const unreachable = () => {
    throw new Error('the database was reached although access should have been refused');
  };
  return {
    sql: new Proxy(unreachable, { get: unreachable, apply: unreachable }) as never,
    logger: { info() {}, warn() {}, error() {} },
    mailer: { send: async () => unreachable() },
    dataDir: '/nonexistent',
    publicUrl: 'http://localhost',
    requestId: 'test',
    ip: '127.0.0.1',
    userAgent: null,
    sessionToken: null,
    user: user && { id: 1, email: 'x@most.test', displayName: '', role: user.role, organizationId: user.organizationId ?? null },
    cookies: { issue() {}, clear() {} },
  };
}

const caller = createCallerFactory(appRouter);
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return (error as TRPCError).cause instanceof AppError ? ((error as TRPCError).cause as AppError).code : (error as TRPCError).code;
  }
};

describe('procedure builders', () => {
  it('turns anonymous callers away from every non-public procedure', async () => {
    const anon = caller(context(null));
    expect(await codeOf(anon.users.list({}))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.accounts.crawlHealth({ failingOnly: false, page: 1, pageSize: 10 }))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.disputes.inbox({ limit: 10 }))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.rankings.listAll())).toBe('UNAUTHORIZED');
  });

  it('keeps each role to its own procedures', async () => {
    const trainee = caller(context({ role: 'trainee' }));
    expect(await codeOf(trainee.reviews.queue({ limit: 10 }))).toBe('FORBIDDEN');
    expect(await codeOf(trainee.accounts.forOrganization({ organizationId: 1 }))).toBe('FORBIDDEN');
    const monitor = caller(context({ role: 'monitor' }));
    expect(await codeOf(monitor.users.invite({ email: 'a@most.test', role: 'monitor' }))).toBe('FORBIDDEN');
    expect(await codeOf(monitor.recommendations.mine({ limit: 10 }))).toBe('FORBIDDEN');
    const instructor = caller(context({ role: 'instructor' }));
    expect(await codeOf(instructor.registry.createAccount({ organizationId: 1, url: 'https://vk.com/x_page' }))).toBe('FORBIDDEN');
  });

  it('narrows an agency member to its own organization before any query runs', async () => {
    const agency = caller(context({ role: 'agency', organizationId: 7 }));
    expect(await codeOf(agency.accounts.forOrganization({ organizationId: 8 }))).toBe('FORBIDDEN');
    expect(await codeOf(agency.recommendations.forOrganization({ organizationId: 8, limit: 10 }))).toBe('FORBIDDEN');
    expect(await codeOf(agency.disputes.inbox({ limit: 10 }))).toBe('FORBIDDEN');
    expect(await codeOf(agency.sla.distribution({ organizationId: 8, days: 90 }))).toBe('FORBIDDEN');
    expect(await codeOf(agency.scoring.recordManual({ accountId: 1, criterionCode: 'GOV_BADGE', score: 1, validFrom: '2026-11-01' }))).toBe('FORBIDDEN');
  });

  it('keeps the SLA watch to agency members and manual scoring to monitors', async () => {
    expect(await codeOf(caller(context(null)).sla.openQuestions({ days: 7 }))).toBe('UNAUTHORIZED');
    expect(await codeOf(caller(context({ role: 'monitor' })).sla.openQuestions({ days: 7 }))).toBe('FORBIDDEN');
    expect(await codeOf(caller(context({ role: 'trainee' })).scoring.manualAccounts({ limit: 10 }))).toBe('FORBIDDEN');
    expect(await codeOf(caller(context({ role: 'instructor' })).scoring.manualCriteria())).toBe('FORBIDDEN');
    expect(await codeOf(caller(context({ role: 'agency', organizationId: 7 })).accounts.queueStatus())).toBe('FORBIDDEN');
    expect(await codeOf(caller(context({ role: 'monitor' })).accounts.queueStatus())).toBe('UNAVAILABLE');
  });
});

describe('actor middleware', () => {
  const probe = createCallerFactory(
    router({
      actor: authedProcedure.query(({ ctx }) => ctx.actor),
      monitorActor: monitorProcedure.query(({ ctx }) => ctx.actor),
    }),
  );

  it('puts the signed-in user on the context as the actor of audit entries, for every role-narrowed procedure', async () => {
    expect(await probe(context({ role: 'trainee' })).actor()).toEqual({ id: 1, label: 'x@most.test' });
    expect(await probe(context({ role: 'monitor' })).monitorActor()).toEqual({ id: 1, label: 'x@most.test' });
    expect(await codeOf(probe(context(null)).actor())).toBe('UNAUTHORIZED');
  });
});

describe('formatError', () => {
  it('keeps an AppError code, message, status and details', () => {
    const shape = formatError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new AppError('CONFLICT', 'Уже есть', { details: { code: 'taken' } }) }), 'x.y', 'rid');
    expect(shape).toEqual({ message: 'Уже есть', code: -32009, data: { code: 'CONFLICT', httpStatus: 409, details: { code: 'taken' }, path: 'x.y', requestId: 'rid' } });
  });

  it('names invalid fields', () => {
    const parsed = z.object({ email: z.email(), age: z.number() }).safeParse({ email: 'no', age: 'x' });
    const shape = formatError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }), 'p', null);
    expect(Object.keys((shape.data.details as { fields: object }).fields).sort()).toEqual(['age', 'email']);
    expect(shape.data.httpStatus).toBe(400);
  });

  it('hides internal errors and their stack', () => {
    const shape = formatError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('password=hunter2 at db.ts:12') }), 'p', null);
    expect(JSON.stringify(shape)).not.toMatch(/hunter2|db\.ts|stack/);
    expect(shape.data).toMatchObject({ code: 'INTERNAL', httpStatus: 500 });
  });
});
