import { z } from 'zod';
import { disableUser, listUsers } from '@most/db';
import { invitationInputSchema, inviteUser } from '@most/services';
import { roleSchema } from '@most/shared';
import { invitationMail } from '../mail';
import { id, isoDate, okSchema, sessionUserSchema, okAfter } from '../schemas';
import { adminProcedure, router } from '../trpc';

const userListItem = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  organizationId: id.nullable(),
  organizationName: z.string().nullable(),
  status: z.enum(['active', 'invited', 'disabled']),
  createdAt: isoDate,
});

export const usersRouter = router({
  list: adminProcedure
    .input(z.object({ role: roleSchema.optional(), search: z.string().max(200).optional() }).default({}))
    .output(z.array(userListItem))
    .query(({ ctx, input }) => listUsers(ctx.sql, input)),

  /** Creates the user and e-mails a single-use invitation link (logged when SMTP is not configured). */
  invite: adminProcedure
    .input(invitationInputSchema)
    .output(z.object({ user: sessionUserSchema }))
    .mutation(async ({ ctx, input }) => {
      const { user, token } = await inviteUser(ctx.sql, input, ctx.actor);
      await ctx.mailer.send(invitationMail(ctx.publicUrl, user, token));
      return { user };
    }),

  disable: adminProcedure
    .input(z.object({ userId: id }))
    .output(okSchema)
    .mutation(({ ctx, input }) => okAfter(disableUser(ctx.sql, input.userId, ctx.actor))),
});
