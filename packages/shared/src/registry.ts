import { z } from 'zod';
import { ACCOUNT_STATUSES, MUNICIPALITY_KINDS, NETWORKS, ORGANIZATION_KINDS, ROLES, SECTORS } from './vocabulary';

/** Vocabulary of the registry, shared by database, API and UI; the constants live in `vocabulary.ts`. */
export * from './vocabulary';
export const networkSchema = z.enum(NETWORKS);
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export const sectorSchema = z.enum(SECTORS);
export const accountStatusSchema = z.enum(ACCOUNT_STATUSES);
export const roleSchema = z.enum(ROLES);
export const municipalityKindSchema = z.enum(MUNICIPALITY_KINDS);
