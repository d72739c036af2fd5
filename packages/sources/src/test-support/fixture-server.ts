import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real local HTTP server for adapter tests: the handler sees each request with its parsed body. */
export interface FixtureServer {
  url: string;
  requests: { method: string; path: string; query: URLSearchParams; body: URLSearchParams }[];
  close(): Promise<void>;
}

export type FixtureHandler = (request: { method: string; path: string; query: URLSearchParams; body: URLSearchParams }, res: ServerResponse) => void;

export async function startFixtureServer(handler: FixtureHandler): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fixture');
    const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
    requests.push(request);
    handler(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function send(res: ServerResponse, status: number, body: string, contentType = 'application/json; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(body);
}
