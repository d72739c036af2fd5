import { accountsRouter } from './routers/accounts';
import { authRouter } from './routers/auth';
import { bulletinRouter } from './routers/bulletin';
import { rankingsRouter } from './routers/rankings';
import { registryRouter } from './routers/registry';
import { trainingRouter } from './routers/training';
import { usersRouter } from './routers/users';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  registry: registryRouter,
  accounts: accountsRouter,
  rankings: rankingsRouter,
  bulletin: bulletinRouter,
  training: trainingRouter,
});

/** The dashboard imports this TYPE only. */
export type AppRouter = typeof appRouter;
