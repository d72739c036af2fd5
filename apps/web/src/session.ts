import { createSignal } from 'solid-js';

export type Role = 'admin' | 'monitor' | 'agency' | 'instructor' | 'trainee';

/** The signed-in user as the API describes it (see the API's session user). */
export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  organizationId: number | null;
}

/** undefined while the session is being checked, null when nobody is signed in. */
const [user, setUser] = createSignal<SessionUser | null | undefined>(undefined);
export { user, setUser };

export const isMonitor = () => {
  const role = user()?.role;
  return role === 'monitor' || role === 'admin';
};
export const isAdmin = () => user()?.role === 'admin';
export const isAgency = () => user()?.role === 'agency';
