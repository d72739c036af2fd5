export { appRouter, type AppRouter } from './router';
export type { TrpcContext, Mailer, SessionCookies, ContextLogger } from './context';
export { createCallerFactory } from './trpc';
export { appErrorShape, type ErrorShape, type ErrorData } from './errors';
