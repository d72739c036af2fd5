import { accountsRouter } from './routers/accounts';
import { authRouter } from './routers/auth';
import { registryRouter } from './routers/registry';
import { usersRouter } from './routers/users';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  registry: registryRouter,
  accounts: accountsRouter,
});

/** The dashboard imports this TYPE only. */
export type AppRouter = typeof appRouter;
