import { accountsRouter } from './routers/accounts';
import { authRouter } from './routers/auth';
import { disputesRouter } from './routers/disputes';
import { methodologyRouter } from './routers/methodology';
import { recommendationsRouter } from './routers/recommendations';
import { reviewsRouter } from './routers/reviews';
import { operationsRouter } from './routers/operations';
import { bulletinRouter } from './routers/bulletin';
import { rankingsRouter } from './routers/rankings';
import { registryRouter } from './routers/registry';
import { trainingRouter } from './routers/training';
import { usersRouter } from './routers/users';
import { slaRouter } from './routers/sla';
import { scoringRouter } from './routers/scoring';
import { alertsRouter } from './routers/alerts';
import { pageReportsRouter } from './routers/page-reports';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  registry: registryRouter,
  accounts: accountsRouter,
  rankings: rankingsRouter,
  methodology: methodologyRouter,
  reviews: reviewsRouter,
  recommendations: recommendationsRouter,
  disputes: disputesRouter,
  bulletin: bulletinRouter,
  training: trainingRouter,
  sla: slaRouter,
  scoring: scoringRouter,
  operations: operationsRouter,
  alerts: alertsRouter,
  pageReports: pageReportsRouter,
});

/** The dashboard imports this TYPE only. */
export type AppRouter = typeof appRouter;
