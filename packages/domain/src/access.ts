import type { Role } from '@most/shared';

/**
 * Which roles may use each area of the platform: the API's procedure builders enforce these lists
 * and the dashboard builds its navigation from the same ones, so it offers only what will work.
 */
export const ACCESS = {
  /** NGO staff: registry, crawling, reviews, scoring, disputes, editions, bulletins, courses. */
  monitoring: ['admin', 'monitor'],
  /** User accounts and invitations. */
  administration: ['admin'],
  /** One agency's own scores, recommendations, SLA watch, disputes and bulletins. */
  agency: ['agency'],
  /** Course participants (agency staff take the course too). */
  learning: ['trainee', 'agency'],
  /** Everyone who receives alerts: notification list and alert settings. */
  alerts: ['admin', 'monitor', 'agency'],
  /** Grading, attendance, progress and exports. */
  teaching: ['admin', 'monitor', 'instructor'],
} as const satisfies Record<string, readonly Role[]>;

export type AccessArea = keyof typeof ACCESS;

export function mayUse(role: Role | null | undefined, area: AccessArea): boolean {
  return role != null && (ACCESS[area] as readonly Role[]).includes(role);
}
