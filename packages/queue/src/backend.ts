import { Queue, Worker, createPostgresBackend, runMigrations, type Processor, type WorkerOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DEFAULT_JOB_OPTIONS, JOBS, parseJobPayload, type JobName, type JobPayload, type QueueName } from './jobs';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueBackendOptions {
  /** Redis URL → BullMQ on Redis; otherwise BullMQ's PostgreSQL backend on `databaseUrl`. */
  redisUrl?: string | undefined;
  databaseUrl: string;
  /** Redis key prefix, or PostgreSQL schema, isolating this deployment's (or test's) queues. */
  namespace: string;
  /** Upper bound of pooled PostgreSQL connections per queue/worker in PostgreSQL mode. */
  poolSize?: number;
}

export interface QueueBackend {
  readonly kind: QueueBackendKind;
  readonly namespace: string;
  /** Creates the queue tables (PostgreSQL backend); a no-op on Redis. Run once at start-up. */
  prepare(): Promise<void>;
  queue(name: QueueName): Queue;
  enqueue<N extends JobName>(name: N, data: JobPayload<N>, options?: JobsOptions): Promise<string>;
  createWorker(name: QueueName, processor: Processor, options?: Partial<WorkerOptions>): Worker;
  health(): Promise<{ ok: boolean; kind: QueueBackendKind; error?: string }>;
  /** Calls back whenever the queue store's connection becomes ready again; returns unsubscribe. */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

type AnyQueue = Queue<unknown, unknown, string>;

export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  return options.redisUrl ? redisBackend(options, options.redisUrl) : postgresBackend(options);
}

function commonBackend(
  kind: QueueBackendKind,
  namespace: string,
  makeQueue: (name: QueueName) => AnyQueue,
  makeWorker: (name: QueueName, processor: Processor, options: Partial<WorkerOptions>) => Worker,
  prepare: () => Promise<void>,
  health: () => Promise<void>,
  closeConnections: () => Promise<void>,
  onReconnect: (listener: () => void) => () => void = () => () => {},
): QueueBackend {
  const queues = new Map<QueueName, AnyQueue>();
  const workers = new Set<Worker>();
  let closing: Promise<void> | undefined;
  const queue = (name: QueueName) => {
    let existing = queues.get(name);
    if (!existing) {
      existing = makeQueue(name);
      existing.on('error', (error) => console.error(`[queue ${name}]`, error.message));
      queues.set(name, existing);
    }
    return existing as Queue;
  };
  return {
    kind,
    namespace,
    prepare,
    queue,
    async enqueue(name, data, jobOptions) {
      const payload = parseJobPayload(name, data);
      const job = await queue(JOBS[name].queue).add(name, payload, { ...DEFAULT_JOB_OPTIONS, ...jobOptions });
      if (!job.id) throw new Error(`Queue did not return an id for job "${name}"`);
      return job.id;
    },
    createWorker(name, processor, workerOptions = {}) {
      const worker = makeWorker(name, processor, workerOptions);
      worker.on('error', (error) => console.error(`[worker ${name}]`, error.message));
      workers.add(worker);
      return worker;
    },
    async health() {
      try {
        await health();
        return { ok: true, kind };
      } catch (error) {
        return { ok: false, kind, error: (error as Error).message };
      }
    },
    onReconnect,
    close: () =>
      (closing ??= (async () => {
        await Promise.allSettled([...workers].map((w) => w.close()));
        await Promise.allSettled([...queues.values()].map((q) => q.close()));
        await closeConnections();
      })()),
  };
}

function redisBackend(options: QueueBackendOptions, redisUrl: string): QueueBackend {
  // Producers fail fast while Redis is down (the API answers 503) instead of queueing commands.
  // A frozen Redis must not hang a request either: every command gives up after commandTimeout.
  const producer = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, commandTimeout: 5_000 });
  producer.on('error', () => {});
  const prefix = options.namespace;
  const workerConnections = new Set<Redis>();
  return commonBackend(
    'redis',
    prefix,
    (name) => new Queue(name, { connection: producer, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
    (name, processor, workerOptions) => {
      // BullMQ does not close a connection it was given: closed here, with the producer.
      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      connection.on('error', () => {});
      workerConnections.add(connection);
      return new Worker(name, processor, { ...workerOptions, prefix, connection });
    },
    async () => {
      if (producer.status !== 'ready')
        await new Promise<void>((resolve, reject) => {
          producer.once('ready', resolve);
          producer.once('error', reject);
        });
    },
    async () => {
      const pong = await producer.ping();
      if (pong !== 'PONG') throw new Error(`Redis answered ${pong}`);
    },
    async () => {
      producer.disconnect();
      for (const connection of workerConnections) connection.disconnect();
    },
    (listener) => {
      producer.on('ready', listener);
      return () => void producer.off('ready', listener);
    },
  );
}

function postgresBackend(options: QueueBackendOptions): QueueBackend {
  const schema = options.namespace;
  const connection = { connectionString: options.databaseUrl, schema, max: options.poolSize ?? 4 };
  const probe = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
  probe.on('error', () => {});
  return commonBackend(
    'postgres',
    schema,
    (name) => new Queue(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS }, createPostgresBackend) as unknown as AnyQueue,
    (name, processor, workerOptions) => new Worker(name, processor, { ...workerOptions, connection }, createPostgresBackend) as unknown as Worker,
    async () => {
      const client = await probe.connect();
      try {
        await runMigrations(client, schema);
      } finally {
        client.release();
      }
    },
    async () => {
      await probe.query('SELECT 1');
    },
    () => probe.end(),
  );
}
