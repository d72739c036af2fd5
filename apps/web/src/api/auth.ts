import { setUser, type SessionUser } from '../session';
import { ApiError } from './http';

/** Placeholder until the API's auth procedures land: nobody is signed in. */
export async function loadSession(): Promise<void> {
  setUser(null);
}

export async function login(_email: string, _password: string): Promise<SessionUser> {
  throw new ApiError(404, 'NOT_FOUND', 'Sign-in is not available yet');
}

export async function logout(): Promise<void> {
  setUser(null);
}
