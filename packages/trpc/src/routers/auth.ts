import { z } from 'zod';
import { createSession, deleteSession } from '@most/db';
import { acceptInvitation, authenticate, inspectToken, passwordSchema, requestPasswordReset, resetPassword, TOKEN_PROBLEMS } from '@most/services';
import type { TrpcContext } from '../context';
import { passwordResetMail } from '../mail';
import { okSchema, sessionUserSchema, okAfter } from '../schemas';
import { publicProcedure, router } from '../trpc';

const email = z.email({ error: 'введите адрес электронной почты' }).max(320);
const token = z.string().min(20, TOKEN_PROBLEMS.invalid).max(200, TOKEN_PROBLEMS.invalid);

/** Always a fresh session id: whatever session the browser had before is ended (session fixation). */
async function startSession(ctx: TrpcContext, userId: number) {
  if (ctx.sessionToken) await deleteSession(ctx.sql, ctx.sessionToken);
  const session = await createSession(ctx.sql, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
  ctx.cookies.issue(session);
}

export const authRouter = router({
  login: publicProcedure
    .input(z.object({ email, password: z.string().min(1).max(1024) }))
    .output(z.object({ user: sessionUserSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await authenticate(ctx.sql, { email: input.email, password: input.password, ip: ctx.ip });
      await startSession(ctx, user.id);
      return { user };
    }),

  logout: publicProcedure.output(okSchema).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await deleteSession(ctx.sql, ctx.sessionToken);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.output(z.object({ user: sessionUserSchema.nullable() })).query(({ ctx }) => ({ user: ctx.user })),

  /** Whether an e-mailed link can still be used (the page says so before a password is typed); the e-mail only when it can. */
  linkStatus: publicProcedure
    .input(z.object({ token: z.string().max(500), purpose: z.enum(['invitation', 'password_reset']) }))
    .output(z.object({ status: z.enum(['valid', 'expired', 'used', 'invalid']), email: z.string().nullable(), message: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const state = await inspectToken(ctx.sql, input.token, input.purpose);
      return state.status === 'valid' ? { status: 'valid' as const, email: state.email, message: null } : { status: state.status, email: null, message: TOKEN_PROBLEMS[state.status] };
    }),

  /**
   * Answers the same, in the same time, whether or not the e-mail is known: the lookup, the link
   * and the e-mail are queued to run after the answer, so the response time tells nothing.
   */
  requestPasswordReset: publicProcedure
    .input(z.object({ email }))
    .output(okSchema)
    .mutation(({ ctx, input }) => {
      setImmediate(() => {
        requestPasswordReset(ctx.sql, input.email)
          .then((issued) => (issued ? ctx.mailer.send(passwordResetMail(ctx.publicUrl, issued.user, issued.token)) : undefined))
          .catch((error: unknown) => ctx.logger.error({ err: error }, 'password reset e-mail failed'));
      });
      return { ok: true as const };
    }),

  resetPassword: publicProcedure
    .input(z.object({ token, password: passwordSchema }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(resetPassword(ctx.sql, input.token, input.password))),

  /** Sets the first password and signs the new user in. */
  acceptInvitation: publicProcedure
    .input(z.object({ token, password: passwordSchema, displayName: z.string().trim().min(1).max(200).optional() }))
    .output(z.object({ user: sessionUserSchema }))
    .mutation(async ({ ctx, input }) => {
      const user = await acceptInvitation(ctx.sql, input.token, input.password, input.displayName);
      await startSession(ctx, user.id);
      return { user };
    }),
});
