/** Error codes the whole platform speaks; each maps once to an HTTP status. */
export const APP_ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

/**
 * The one error type thrown by domain and data code. `userMessage` is safe to show;
 * `details` may name invalid fields. Anything else is treated as an internal error.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, userMessage: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(userMessage, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = options?.details;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/**
 * PostgreSQL's "data exception" errors caused by a request's values (a date out of range, a NUL
 * character, a number too large): the caller's mistake, answered 400 with a reason, never 500.
 */
const INPUT_SQLSTATES: Record<string, string> = {
  '22008': 'date or time out of range',
  '22007': 'invalid date or time',
  '22021': 'invalid character (e.g. NUL)',
  '22P05': 'invalid character',
  '22003': 'number out of range',
  '22P02': 'invalid value',
  '22001': 'value too long',
};

export function inputErrorFromDatabase(error: unknown): AppError | null {
  const code = (error as { code?: unknown; name?: unknown } | null)?.code;
  if ((error as { name?: unknown } | null)?.name !== 'PostgresError' || typeof code !== 'string' || !(code in INPUT_SQLSTATES)) return null;
  return new AppError('BAD_REQUEST', 'Недопустимое значение в запросе: проверьте даты, числа и символы', { cause: error, details: { reason: INPUT_SQLSTATES[code] } });
}
