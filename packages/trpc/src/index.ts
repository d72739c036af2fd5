export { appRouter, type AppRouter } from './router';
export type { TrpcContext, Mailer, SessionCookies, ContextLogger, OperationsPort } from './context';
export { createCallerFactory } from './trpc';
export { appErrorShape, type ErrorShape, type ErrorData } from './errors';
