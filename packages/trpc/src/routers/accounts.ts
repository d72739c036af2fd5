import { z } from 'zod';
import { listOrganizationAccounts } from '@most/db';
import { id } from '../schemas';
import { accountSchema } from './registry';
import { agencyProcedure, assertOrganizationAccess, organizationScopedProcedure, router } from '../trpc';

export const accountsRouter = router({
  /** Accounts of one organization: monitors any, an agency member only its own. */
  forOrganization: organizationScopedProcedure
    .input(z.object({ organizationId: id }))
    .output(z.array(accountSchema))
    .query(({ ctx, input }) => {
      assertOrganizationAccess(ctx.user, input.organizationId);
      return listOrganizationAccounts(ctx.sql, input.organizationId);
    }),

  /** The signed-in agency member's own accounts. */
  mine: agencyProcedure.output(z.array(accountSchema)).query(({ ctx }) => listOrganizationAccounts(ctx.sql, ctx.organizationId)),
});
