/** A job being processed now, with what it reported through `job.updateProgress`. */
export interface ActiveJobStatus {
  id: string;
  name: string;
  /** 0–100 when the job reports a number. */
  percent: number | null;
  /** Scalar fields of an object progress (e.g. a crawl page's summary: page, posts, continues). */
  details: Record<string, string | number | boolean | null>;
  /** Numeric identifiers from the payload (accountId, page, part…), never free text. */
  subject: Record<string, number>;
  startedAt: Date | null;
  attemptsMade: number;
}

/** One queue's job counts by state and its active jobs (the queue package names queues and states). */
export interface QueueStatus<Name extends string = string, State extends string = string> {
  name: Name;
  counts: Record<State, number>;
  /** The longest-running active jobs first, at most `activeLimit`. */
  active: ActiveJobStatus[];
}

/** Read-only queue status as @most/queue `readQueueStatus` reports it and the API passes on. */
export interface QueueStatusReport<Name extends string = string, State extends string = string> {
  kind: 'redis' | 'postgres';
  queues: QueueStatus<Name, State>[];
}
