import type { QueryClient } from '@tanstack/solid-query';
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@most/trpc';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

/** What each procedure answers and takes, derived from the router (as create-t3-turbo's RouterOutputs). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

/** Double-submit CSRF: the API sets the readable most_csrf cookie; state-changing calls echo it in x-csrf-token. */
export const CSRF_COOKIE = 'most_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** The cookie is issued on any GET; make one first if this page has not received it yet. */
async function csrfToken(): Promise<string | null> {
  const existing = readCookie(CSRF_COOKIE);
  if (existing) return existing;
  await fetch('/healthz', { credentials: 'include' }).catch(() => undefined);
  await fetch('/trpc/auth.me', { credentials: 'include' }).catch(() => undefined);
  return readCookie(CSRF_COOKIE);
}

export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      maxURLLength: 2000,
      headers: async ({ opList }) => {
        if (!opList.some((op) => op.type === 'mutation')) return {};
        const token = await csrfToken();
        return token ? { [CSRF_HEADER]: token } : {};
      },
      fetch: (url, options) => fetch(url, { ...(options as RequestInit), credentials: 'include' }),
    }),
  ],
});

/** A cached query's key: the procedure path, then its input (the shape @trpc/tanstack-react-query uses). */
export type ProcedureKey = readonly [path: readonly string[], input?: { input: unknown }];

type InputArgs<Input> = undefined extends Input ? [input?: Input] : [input: Input];

export interface QueryProcedure<Input, Output> {
  /** Without input: the prefix of every cached call of the procedure (for invalidation). */
  queryKey: (input?: Input) => ProcedureKey;
  queryOptions: (...input: InputArgs<Input>) => { queryKey: ProcedureKey; queryFn: () => Promise<Output> };
}

/** The client's tree with each query procedure replaced by its key and options builders. */
export type QueryProxy<Node> = {
  [Key in keyof Node]: Node[Key] extends { query: (input: infer Input, ...rest: never[]) => Promise<infer Output> }
    ? QueryProcedure<Input, Output>
    : Node[Key] extends { mutate: unknown }
      ? never
      : QueryProxy<Node[Key]>;
};

const keyOf = (path: readonly string[], input: unknown): ProcedureKey => (input === undefined ? [path] : [path, { input }]);

function queryAt(client: unknown, path: readonly string[], input: unknown): Promise<unknown> {
  const procedure = path.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, client as Record<string, unknown>);
  return (procedure as unknown as { query: (input: unknown) => Promise<unknown> }).query(input);
}

function queryProxyAt(client: unknown, path: readonly string[]): unknown {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (typeof key !== 'string' || key === 'then') return undefined;
        if (key === 'queryKey') return (input?: unknown) => keyOf(path, input);
        if (key === 'queryOptions') return (input?: unknown) => ({ queryKey: keyOf(path, input), queryFn: () => queryAt(client, path, input) });
        return queryProxyAt(client, [...path, key]);
      },
    },
  );
}

/** Query keys and options derived from the procedure path and input, never written by hand. */
export function createQueryProxy<Router extends TRPCClient<AppRouter>>(client: Router): QueryProxy<Router> {
  return queryProxyAt(client, []) as QueryProxy<Router>;
}

export const queries = createQueryProxy(trpc);

/** Marks the given queries stale (a key without input covers every input of its procedure). */
export function invalidate(client: QueryClient, ...keys: ProcedureKey[]): void {
  for (const queryKey of keys) void client.invalidateQueries({ queryKey });
}

interface TrpcErrorData {
  code?: string;
  httpStatus?: number;
  details?: Record<string, unknown> | null;
  requestId?: string | null;
}

export function trpcErrorData(error: unknown): TrpcErrorData | null {
  return error instanceof TRPCClientError ? ((error.data ?? null) as TrpcErrorData | null) : null;
}
