import { z } from 'zod';

/** Vocabulary of the registry, shared by database, API and UI. */
export const NETWORKS = ['vk', 'ok', 'telegram'] as const;
export const networkSchema = z.enum(NETWORKS);
export type Network = z.infer<typeof networkSchema>;

export const ORGANIZATION_KINDS = ['regional_executive', 'local_government', 'subordinate_institution'] as const;
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

export const SECTORS = [
  'education',
  'health',
  'social_protection',
  'culture',
  'sport',
  'housing_utilities',
  'roads_transport',
  'other',
] as const;
export const sectorSchema = z.enum(SECTORS);
export type Sector = z.infer<typeof sectorSchema>;

export const ACCOUNT_STATUSES = ['active', 'private', 'deleted', 'blocked', 'not_found'] as const;
export const accountStatusSchema = z.enum(ACCOUNT_STATUSES);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const ROLES = ['admin', 'monitor', 'agency', 'instructor', 'trainee'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const MUNICIPALITY_KINDS = ['municipal_district', 'urban_district', 'region'] as const;
export const municipalityKindSchema = z.enum(MUNICIPALITY_KINDS);
export type MunicipalityKind = z.infer<typeof municipalityKindSchema>;
