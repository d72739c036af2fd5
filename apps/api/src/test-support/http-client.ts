/** Anything that answers a request: a Hono app (in process) or a real server (overHttp). */
export interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** A target that sends real HTTP requests to a listening server. */
export const overHttp = (baseUrl: string): RequestTarget => ({ request: (path, init) => fetch(`${baseUrl}${path}`, { ...init, redirect: 'manual' }) });

/**
 * A cookie-keeping browser stand-in for tests: calls tRPC procedures over HTTP exactly as the
 * dashboard does (GET for queries, POST with the CSRF header for mutations).
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: RequestTarget,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const response = await this.app.request(path, { ...init, headers });
    this.remember(response);
    return response;
  }

  /** Picks up the CSRF cookie the way the dashboard does on its first load. */
  async open(): Promise<void> {
    await this.request('/trpc/auth.me');
  }

  async query<T = unknown>(procedure: string, input?: unknown): Promise<{ status: number; body: TrpcBody<T> }> {
    const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await this.request(`/trpc/${procedure}${search}`);
    return { status: response.status, body: (await response.json()) as TrpcBody<T> };
  }

  async mutate<T = unknown>(procedure: string, input?: unknown, options: { csrf?: boolean; origin?: string } = {}): Promise<{ status: number; body: TrpcBody<T>; response: Response }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const csrf = this.cookies.get('most_csrf');
    if (options.csrf !== false && csrf) headers['x-csrf-token'] = csrf;
    if (options.origin) headers.origin = options.origin;
    const response = await this.request(`/trpc/${procedure}`, { method: 'POST', headers, body: input === undefined ? undefined : JSON.stringify(input) });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as TrpcBody<T>, response };
  }
}

export type TrpcBody<T> =
  | { result: { data: T }; error?: undefined }
  | { result?: undefined; error: { message: string; code: number; data: { code: string; httpStatus: number; details: Record<string, unknown> | null; requestId: string | null } } };
