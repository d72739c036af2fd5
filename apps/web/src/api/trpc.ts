import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
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

interface TrpcErrorData {
  code?: string;
  httpStatus?: number;
  details?: Record<string, unknown> | null;
  requestId?: string | null;
}

export function trpcErrorData(error: unknown): TrpcErrorData | null {
  return error instanceof TRPCClientError ? ((error.data ?? null) as TrpcErrorData | null) : null;
}
