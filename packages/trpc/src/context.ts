import type { IssuedSession, SessionUser, Sql } from '@most/db';

/** Outgoing e-mail: SMTP in production, the log in embedded mode. */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/** Writes or clears the session cookie on the current response (the HTTP host decides the attributes). */
export interface SessionCookies {
  issue(session: IssuedSession): void;
  clear(): void;
}

export interface ContextLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface TrpcContext {
  sql: Sql;
  logger: ContextLogger;
  mailer: Mailer;
  /** Base URL for links in e-mails, e.g. https://most.example.ru */
  publicUrl: string;
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** The raw session cookie value, when one was sent (valid or not). */
  sessionToken: string | null;
  user: SessionUser | null;
  cookies: SessionCookies;
}
