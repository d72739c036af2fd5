import type { TRPCError } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { APP_ERROR_STATUS, isAppError, type AppError, type AppErrorCode } from '@most/shared';

const TRPC_KEY_OF: Record<AppErrorCode, keyof typeof TRPC_ERROR_CODES_BY_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export interface ErrorData {
  code: AppErrorCode | 'PARSE_ERROR' | 'METHOD_NOT_SUPPORTED' | 'PAYLOAD_TOO_LARGE' | 'CLIENT_CLOSED_REQUEST' | 'TIMEOUT' | 'PRECONDITION_FAILED' | 'UNPROCESSABLE_CONTENT';
  httpStatus: number;
  /** For validation errors: field path → message. */
  details: Record<string, unknown> | null;
  path: string | null;
  requestId: string | null;
}

export interface ErrorShape {
  message: string;
  code: number;
  data: ErrorData;
}

/** Field path → first message, e.g. { "email": "is not an e-mail address" }. */
export const fieldErrors = (error: ZodError): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    fields[path] ??= issue.message;
  }
  return fields;
};

/** An AppError in tRPC's error shape (also used by the HTTP host for requests refused before tRPC runs). */
export function appErrorShape(error: AppError, path: string | null, requestId: string | null): ErrorShape {
  return {
    message: error.userMessage,
    code: TRPC_ERROR_CODES_BY_KEY[TRPC_KEY_OF[error.code]],
    data: { code: error.code, httpStatus: APP_ERROR_STATUS[error.code], details: error.details ?? null, path, requestId },
  };
}

/**
 * The single mapping from thrown errors to tRPC responses: AppError keeps its code, message and
 * details; input validation names the fields; anything else is an internal error without details.
 * Never includes a stack trace.
 */
export function formatError(error: TRPCError, path: string | undefined, requestId: string | null): ErrorShape {
  const cause = error.cause;
  const base = { path: path ?? null, requestId };
  if (isAppError(cause)) return appErrorShape(cause, path ?? null, requestId);
  if (cause instanceof ZodError && error.code === 'BAD_REQUEST') {
    const fields = fieldErrors(cause);
    return {
      message: `Проверьте поля: ${Object.keys(fields).join(', ')}`,
      code: TRPC_ERROR_CODES_BY_KEY.BAD_REQUEST,
      data: { code: 'BAD_REQUEST', httpStatus: 400, details: { fields }, ...base },
    };
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal error', code: TRPC_ERROR_CODES_BY_KEY.INTERNAL_SERVER_ERROR, data: { code: 'INTERNAL', httpStatus: 500, details: null, ...base } };
  }
  // tRPC's own protocol errors (unknown procedure, wrong method, bad JSON).
  const appCode = (Object.entries(TRPC_KEY_OF).find(([, key]) => key === error.code)?.[0] ?? error.code) as ErrorData['code'];
  const httpStatus = appCode in APP_ERROR_STATUS ? APP_ERROR_STATUS[appCode as AppErrorCode] : 400;
  return { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[error.code], data: { code: appCode, httpStatus, details: null, ...base } };
}
