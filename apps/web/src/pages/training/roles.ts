import { ACCESS } from '@most/domain/access';
import type { Role } from '../../session';

/** The API's own role lists (learning, teaching, monitoring), so pages admit exactly who the API serves. */
export const TRAINEE_ROLES: Role[] = [...ACCESS.learning];
export const TEACHING_ROLES: Role[] = [...ACCESS.teaching];
export const TRAINING_MANAGER_ROLES: Role[] = [...ACCESS.monitoring];
