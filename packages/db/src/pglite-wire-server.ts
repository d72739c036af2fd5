import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80_877_103;
const CANCEL_REQUEST = 80_877_102;
const PROTOCOL_3 = 196_608;
/** Messages after which the client waits for the server: Sync, simple Query, Flush, Terminate. */
const ROUND_TRIP_END = new Set(['S', 'Q', 'H', 'X'].map((c) => c.charCodeAt(0)));

interface Batch {
  connection: Connection;
  messages: Uint8Array[];
  done: () => void;
}

/**
 * Serves one PGlite instance over the PostgreSQL wire protocol to many connections.
 *
 * PGlite has a single backend session, so the server runs one client round trip at a time
 * (every message up to Sync / Query / Flush, never interleaved with another client's, because
 * unnamed statements and portals are per session) and, while a client is inside a transaction,
 * runs only that client's round trips until the transaction ends.
 */
export class PgliteWireServer {
  private readonly server: Server;
  private readonly queue: Batch[] = [];
  private readonly connections = new Set<Connection>();
  private owner: Connection | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {
    this.server = createServer((socket) => {
      const connection = new Connection(socket, this);
      this.connections.add(connection);
      socket.once('close', () => {
        this.connections.delete(connection);
        void this.release(connection);
      });
    });
  }

  listen(port: number, host: string): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        const address = this.server.address();
        if (address === null || typeof address === 'string') return reject(new Error('wire server has no TCP address'));
        resolve({ host, port: address.port });
      });
    });
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  enqueue(connection: Connection, messages: Uint8Array[]): Promise<void> {
    return new Promise((done) => {
      this.queue.push({ connection, messages, done });
      void this.drain();
    });
  }

  /** A client that went away mid-transaction must not keep the single session locked. */
  private async release(connection: Connection): Promise<void> {
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i]!.connection === connection) this.queue.splice(i, 1)[0]!.done();
    }
    if (this.owner === connection) {
      this.owner = null;
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => {});
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((b) => b.connection === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const batch = this.queue.splice(index, 1)[0]!;
        await this.db
          .runExclusive(async () => {
            for (const message of batch.messages) {
              await this.db.execProtocolRawStream(message, { onRawData: (data) => batch.connection.write(data) });
            }
          })
          .catch((error: unknown) => batch.connection.fail(error));
        const last = batch.messages.at(-1);
        const midSequence = last !== undefined && last[0] === 'H'.charCodeAt(0);
        this.owner = this.db.isInTransaction() || midSequence ? batch.connection : null;
        batch.done();
      }
    } finally {
      this.running = false;
    }
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private pending: Uint8Array[] = [];
  private started = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    private readonly server: PgliteWireServer,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.chain = this.chain.then(() => this.consume());
    });
    socket.on('error', () => socket.destroy());
  }

  write(data: Uint8Array): void {
    if (data.length > 0 && this.socket.writable) this.socket.write(data);
  }

  fail(error: unknown): void {
    process.stderr.write(`embedded PostgreSQL: ${(error as Error).message}\n`);
    this.socket.destroy();
  }

  /** Splits the byte stream into messages and hands over each complete round trip. */
  private async consume(): Promise<void> {
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (this.buffer.length < length) return;
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST) {
          this.write(Buffer.from('N'));
          continue;
        }
        if (code === CANCEL_REQUEST) continue;
        if (code !== PROTOCOL_3) {
          this.socket.destroy();
          return;
        }
        this.started = true;
        await this.server.enqueue(this, [new Uint8Array(message)]);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const message = new Uint8Array(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (message[0] === 'X'.charCodeAt(0)) {
        this.socket.end();
        return;
      }
      this.pending.push(message);
      if (ROUND_TRIP_END.has(message[0]!)) {
        const batch = this.pending;
        this.pending = [];
        await this.server.enqueue(this, batch);
      }
    }
  }
}
