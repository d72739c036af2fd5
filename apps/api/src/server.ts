import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets requests in flight finish (at most `graceMs`, then cuts
   * what is left), closes idle keep-alive connections as they become idle, and resolves when all
   * are gone.
   */
  close(graceMs?: number): Promise<void>;
}

/** How long shutdown waits for requests in flight (a reverse proxy usually waits 30 s). */
export const SHUTDOWN_GRACE_MS = 15_000;

export function listen(app: Hono<never>, options: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
        const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: (graceMs = SHUTDOWN_GRACE_MS) =>
            new Promise<void>((done) => {
              const http = server as unknown as { closeIdleConnections(): void; closeAllConnections(): void };
              const idle = setInterval(() => http.closeIdleConnections(), 50);
              const force = setTimeout(() => http.closeAllConnections(), graceMs);
              server.close(() => {
                clearInterval(idle);
                clearTimeout(force);
                done();
              });
              http.closeIdleConnections();
            }),
        });
      });
      server.once('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
