import type { Role } from '../../session';

export const TRAINEE_ROLES: Role[] = ['trainee'];
export const TEACHING_ROLES: Role[] = ['instructor', 'monitor', 'admin'];
export const TRAINING_MANAGER_ROLES: Role[] = ['monitor', 'admin'];
