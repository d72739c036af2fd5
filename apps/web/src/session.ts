import { createSignal } from 'solid-js';

import type { RouterOutputs } from './api/trpc';

export type { Role } from '@most/domain/browser';

/** The signed-in user as the API describes it (`auth.me`). */
export type SessionUser = NonNullable<RouterOutputs['auth']['me']['user']>;

/** undefined while the session is being checked, null when nobody is signed in. */
const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);
export { user, setUser };

export const isMonitor = () => {
  const role = user()?.role;
  return role === 'monitor' || role === 'admin';
};
export const isAdmin = () => user()?.role === 'admin';
export const isAgency = () => user()?.role === 'agency';
