/**
 * The registry's vocabulary as plain constants: no zod, no Node, so the dashboard bundle imports
 * it as it is (`@most/shared/vocabulary`); the zod schemas in `registry.ts` are built from it.
 */
export const NETWORKS = ['vk', 'ok', 'telegram'] as const;
export type Network = (typeof NETWORKS)[number];

export const ORGANIZATION_KINDS = ['regional_executive', 'local_government', 'subordinate_institution'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const SECTORS = ['education', 'health', 'social_protection', 'culture', 'sport', 'housing_utilities', 'roads_transport', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const ACCOUNT_STATUSES = ['active', 'private', 'deleted', 'blocked', 'not_found'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ROLES = ['admin', 'monitor', 'agency', 'instructor', 'trainee'] as const;
export type Role = (typeof ROLES)[number];

export const MUNICIPALITY_KINDS = ['municipal_district', 'urban_district', 'region'] as const;
export type MunicipalityKind = (typeof MUNICIPALITY_KINDS)[number];

/**
 * Why a page is not read well, most serious first: the page is gone or closed (its status), the
 * last attempt failed, it was never read, or its last successful read is older than the window.
 * A page with none of these was read successfully within the window.
 */
export const CRAWL_PROBLEMS = ['deleted', 'blocked', 'not_found', 'private', 'failing', 'never_read', 'stale'] as const;
export type CrawlProblem = (typeof CRAWL_PROBLEMS)[number];
