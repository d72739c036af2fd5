import type { IssuedSession, SessionUser, Sql } from '@most/db';
import type { QueueStatusReport } from '@most/shared';

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

/** Monitors' "do it now" operations, as @most/worker `createOperations` provides them (typed structurally). */
export interface OperationsPort {
  crawlPages(accountIds: readonly number[]): Promise<{
    runAt: number;
    queued: number[];
    skipped: { accountId: number; reason: 'network_not_crawled' | 'removed' }[];
    crawlerRunning: boolean;
  }>;
  crawlProgress(
    runAt: number,
    accountIds?: readonly number[],
  ): Promise<{
    runAt: number;
    pendingJobs: number;
    requests: number;
    errors: number;
    pages: { read: number; failed: number; unavailable: number; posts: number; comments: number };
    finished: boolean;
    summary: { durationMs: number } | null;
  }>;
  rescore(input: { periodKind: 'week' | 'month' | 'quarter'; date?: string | undefined }): Promise<{ jobId: string; periodKind: 'week' | 'month' | 'quarter'; date: string }>;
  rescoreStatus(jobId: string): Promise<{
    jobId: string;
    state: 'waiting' | 'active' | 'completed' | 'failed' | 'unknown';
    startedAt: Date | null;
    finishedAt: Date | null;
    result: { period: string; accounts: number; organizations: number; questions: number; durationMs: number } | null;
    failedReason: string | null;
  }>;
}

export interface TrpcContext {
  sql: Sql;
  logger: ContextLogger;
  mailer: Mailer;
  /** DATA_DIR from the configuration: stored files (coursework, lesson materials) live under it. */
  dataDir: string;
  /** Base URL for links in e-mails, e.g. https://most.example.ru */
  publicUrl: string;
  requestId: string;
  ip: string;
  userAgent: string | null;
  /** The raw session cookie value, when one was sent (valid or not). */
  sessionToken: string | null;
  user: SessionUser | null;
  cookies: SessionCookies;
  /** The queues' job counts and active jobs; absent where the host has no queue (then the procedure says so). */
  queueStatus?: () => Promise<QueueStatusReport>;
  /** Crawl now / rescore now through the queue; absent where the host has no queue. */
  operations?: OperationsPort;
  /** The alerts' Telegram bot (TELEGRAM_BOT_TOKEN); absent when none is configured. */
  telegramBot?: { username(): Promise<string> };
}
