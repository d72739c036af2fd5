import { setUser, type SessionUser } from '../session';
import { ApiError } from './http';
import { trpc, trpcErrorData } from './trpc';

/** Converts a tRPC failure into our ApiError so pages handle both clients alike. */
export function toApiError(error: unknown): ApiError {
  const data = trpcErrorData(error);
  if (!data) return error instanceof ApiError ? error : new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  return new ApiError(data.httpStatus ?? 500, data.code ?? 'INTERNAL', (error as Error).message, data.requestId ?? undefined);
}

export async function loadSession(): Promise<void> {
  try {
    const { user } = await trpc.auth.me.query();
    setUser(user);
  } catch {
    setUser(null);
  }
}

export async function login(email: string, password: string): Promise<SessionUser> {
  try {
    const { user } = await trpc.auth.login.mutate({ email, password });
    setUser(user);
    return user;
  } catch (error) {
    throw toApiError(error);
  }
}

export async function logout(): Promise<void> {
  try {
    await trpc.auth.logout.mutate();
  } finally {
    setUser(null);
    location.assign('/');
  }
}
