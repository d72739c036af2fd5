import { setUser, type SessionUser } from '../session';
import { toApiError } from './auth';
import { trpc } from './trpc';

export type LinkPurpose = 'invitation' | 'password_reset';

const wrap = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw toApiError(error);
  }
};

/** Whether an e-mailed link can still be used, with the server's Russian reason when it cannot. */
export const linkStatus = (token: string, purpose: LinkPurpose) => wrap(() => trpc.auth.linkStatus.query({ token, purpose }));

export const requestPasswordReset = (email: string) => wrap(() => trpc.auth.requestPasswordReset.mutate({ email }));

export const resetPassword = (token: string, password: string) => wrap(() => trpc.auth.resetPassword.mutate({ token, password }));

/** Sets the first password; the API signs the new user in. */
export async function acceptInvitation(token: string, password: string, displayName?: string): Promise<SessionUser> {
  const { user } = await wrap(() => trpc.auth.acceptInvitation.mutate({ token, password, displayName: displayName || undefined }));
  setUser(user);
  return user;
}
