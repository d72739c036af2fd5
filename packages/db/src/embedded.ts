import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PgliteWireServer } from './pglite-wire-server';

export interface EmbeddedPostgres {
  /** postgres:// URL for postgres.js and node-postgres (BullMQ). */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Schema in which BullMQ's PostgreSQL backend keeps its tables. */
export const QUEUE_SCHEMA = 'bullmq';

/**
 * PostgreSQL in-process (PGlite, persisted under `dataDir`) served over the wire protocol on
 * loopback, so every client speaks to it exactly as to a real server.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // Loaded only here: PGlite takes tens of MB, which processes talking to a real server never need.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ dataDir });
  // PGlite has one session shared by every connection and ignores the start-up search_path
  // that BullMQ asks for, so the queue schema is put on the session path once, after ours.
  await db.exec(`SET search_path TO public, ${QUEUE_SCHEMA}`);
  const server = new PgliteWireServer(db);
  const address = await server.listen(options.port ?? 0, '127.0.0.1');
  const url = `postgres://postgres@${address.host}:${address.port}/postgres`;
  let closing: Promise<void> | undefined;
  return {
    url,
    dataDir,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        await db.close();
      })()),
  };
}
