import { z } from 'zod';
import { normalizeAccountUrl, OFFICIAL_CHECK_REASON_RU, type OfficialCheckReason } from '@most/domain';
import { AppError, accountStatusSchema, organizationKindSchema, sectorSchema, type AccountStatus, type MunicipalityKind, type Network, type OrganizationKind, type Sector } from '@most/shared';
import type { Queryable, Sql } from '../client';
import type { UserActor as Actor } from '../actor';
import { auditBy } from '../audit';
import { pageFields } from './paging';

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export const likePattern = (text: string) =>
  `%${text
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const organizationFilterSchema = z.object({
  municipality: z.string().max(100).optional().describe('municipality code'),
  sector: sectorSchema.optional(),
  kind: organizationKindSchema.optional(),
  search: z.string().max(200).optional(),
  ...pageFields(200, 50),
});
export type OrganizationFilter = z.input<typeof organizationFilterSchema>;

export interface MunicipalityRef {
  id: number;
  code: string;
  name: string;
}

export interface OrganizationListItem {
  id: number;
  code: string;
  shortName: string;
  fullName: string;
  kind: OrganizationKind;
  sector: Sector;
  municipality: MunicipalityRef | null;
  accountCount: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

interface OrganizationRow {
  id: number;
  code: string;
  short_name: string;
  full_name: string;
  kind: OrganizationKind;
  sector: Sector;
  municipality_id: number | null;
  municipality_code: string | null;
  municipality_name: string | null;
  account_count: number;
}

const toListItem = (r: OrganizationRow): OrganizationListItem => ({
  id: r.id,
  code: r.code,
  shortName: r.short_name,
  fullName: r.full_name,
  kind: r.kind,
  sector: r.sector,
  municipality: r.municipality_id === null ? null : { id: r.municipality_id, code: r.municipality_code!, name: r.municipality_name! },
  accountCount: r.account_count,
});

/** Organizations matching the filters, ordered by name, one page at a time. */
export async function listOrganizations(sql: Queryable, filter: OrganizationFilter = {}): Promise<Page<OrganizationListItem>> {
  const f = organizationFilterSchema.parse(filter);
  const search = f.search?.trim() ? likePattern(f.search) : null;
  const where = sql`
    WHERE (${f.municipality ?? null}::text IS NULL OR m.code = ${f.municipality ?? null})
      AND (${f.sector ?? null}::text IS NULL OR o.sector = ${f.sector ?? null})
      AND (${f.kind ?? null}::text IS NULL OR o.kind = ${f.kind ?? null})
      AND (${search}::text IS NULL OR lower(o.full_name) LIKE ${search} OR lower(o.short_name) LIKE ${search} OR lower(o.code) LIKE ${search})`;
  const [rows, [count]] = await Promise.all([
    sql<OrganizationRow[]>`
      SELECT o.id, o.code, o.short_name, o.full_name, o.kind, o.sector, o.municipality_id,
             m.code AS municipality_code, m.name AS municipality_name,
             (SELECT count(*)::int FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL) AS account_count
      FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id
      ${where}
      ORDER BY o.short_name, o.id
      LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
    sql<{ n: number }[]>`SELECT count(*)::int AS n FROM organizations o LEFT JOIN municipalities m ON m.id = o.municipality_id ${where}`,
  ]);
  return { items: rows.map(toListItem), total: count?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export interface AccountItem {
  id: number;
  organizationId: number;
  network: Network;
  canonicalUrl: string;
  handle: string;
  externalId: string | null;
  status: AccountStatus;
  isOfficial: boolean;
  addedAt: Date;
}

export interface OrganizationDetail extends OrganizationListItem {
  parent: { id: number; code: string; shortName: string } | null;
  website: string | null;
  inn: string | null;
  accounts: AccountItem[];
}

interface AccountRow {
  id: number;
  organization_id: number;
  network: Network;
  canonical_url: string;
  handle: string;
  external_id: string | null;
  status: AccountStatus;
  is_official: boolean;
  added_at: Date;
}

const toAccount = (a: AccountRow): AccountItem => ({
  id: a.id,
  organizationId: a.organization_id,
  network: a.network,
  canonicalUrl: a.canonical_url,
  handle: a.handle,
  externalId: a.external_id,
  status: a.status,
  isOfficial: a.is_official,
  addedAt: a.added_at,
});

export async function listOrganizationAccounts(sql: Queryable, organizationId: number): Promise<AccountItem[]> {
  const rows = await sql<AccountRow[]>`
    SELECT id, organization_id, network, canonical_url, handle, external_id, status, is_official, added_at
    FROM accounts WHERE organization_id = ${organizationId} AND removed_at IS NULL ORDER BY network, canonical_url`;
  return rows.map(toAccount);
}

/** One organization with its parent and current accounts; NOT_FOUND when absent. */
export async function getOrganization(sql: Queryable, ref: { id: number } | { code: string }): Promise<OrganizationDetail> {
  const id = 'id' in ref ? ref.id : null;
  const code = 'code' in ref ? ref.code : null;
  const [row] = await sql<(OrganizationRow & { website: string | null; inn: string | null; parent_id: number | null; parent_code: string | null; parent_short_name: string | null })[]>`
    SELECT o.id, o.code, o.short_name, o.full_name, o.kind, o.sector, o.municipality_id, o.website, o.inn,
           m.code AS municipality_code, m.name AS municipality_name,
           p.id AS parent_id, p.code AS parent_code, p.short_name AS parent_short_name,
           (SELECT count(*)::int FROM accounts a WHERE a.organization_id = o.id AND a.removed_at IS NULL) AS account_count
    FROM organizations o
    LEFT JOIN municipalities m ON m.id = o.municipality_id
    LEFT JOIN organizations p ON p.id = o.parent_id
    WHERE (${id}::bigint IS NULL OR o.id = ${id}) AND (${code}::text IS NULL OR o.code = ${code})`;
  if (!row) throw new AppError('NOT_FOUND', 'Организация не найдена');
  return {
    ...toListItem(row),
    parent: row.parent_id === null ? null : { id: row.parent_id, code: row.parent_code!, shortName: row.parent_short_name! },
    website: row.website,
    inn: row.inn,
    accounts: await listOrganizationAccounts(sql, row.id),
  };
}

export async function listMunicipalities(sql: Queryable): Promise<(MunicipalityRef & { kind: MunicipalityKind })[]> {
  return sql<(MunicipalityRef & { kind: MunicipalityKind })[]>`SELECT id, code, name, kind FROM municipalities ORDER BY kind DESC, name`;
}

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

export const organizationInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\p{L}\p{N}_.:-]+$/u, 'letters, digits, _ . : - only'),
  fullName: z.string().trim().min(3).max(1000),
  shortName: z.string().trim().min(2).max(300),
  kind: organizationKindSchema,
  sector: sectorSchema,
  municipalityId: z.number().int().positive().nullable().default(null),
  parentId: z.number().int().positive().nullable().default(null),
  website: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, error: 'is not a web address' })
      .max(500)
      .nullable()
      .default(null),
  ),
  inn: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^(\d{10}|\d{12})$/, 'must have 10 or 12 digits')
      .nullable()
      .default(null),
  ),
});
export type OrganizationInput = z.input<typeof organizationInputSchema>;
export const organizationPatchSchema = organizationInputSchema.partial();
export type OrganizationPatch = z.input<typeof organizationPatchSchema>;

const uniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';
const foreignKeyViolation = (error: unknown) => (error as { code?: string }).code === '23503';

export async function createOrganization(sql: Sql, input: OrganizationInput, actor: Actor): Promise<OrganizationDetail> {
  const o = organizationInputSchema.parse(input);
  try {
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector, municipality_id, parent_id, website, inn)
      VALUES (${o.code}, ${o.fullName}, ${o.shortName}, ${o.kind}, ${o.sector}, ${o.municipalityId}, ${o.parentId}, ${o.website}, ${o.inn})
      RETURNING id`;
    await auditBy(sql, actor, { action: 'organization.create', entityType: 'organization', entityId: row!.id, details: { code: o.code } });
    return getOrganization(sql, { id: row!.id });
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError('CONFLICT', 'Организация с таким кодом уже есть', { details: { code: 'already exists' } });
    if (foreignKeyViolation(error)) throw new AppError('BAD_REQUEST', 'Муниципалитет или вышестоящая организация не найдены', { details: { municipalityId: 'check', parentId: 'check' } });
    throw error;
  }
}

export async function updateOrganization(sql: Sql, id: number, patch: OrganizationPatch, actor: Actor): Promise<OrganizationDetail> {
  const p = organizationPatchSchema.parse(patch);
  if (p.parentId === id) throw new AppError('BAD_REQUEST', 'Организация не может быть вышестоящей для самой себя', { details: { parentId: 'is the organization itself' } });
  const columns: Record<string, unknown> = {};
  const map = {
    code: 'code',
    fullName: 'full_name',
    shortName: 'short_name',
    kind: 'kind',
    sector: 'sector',
    municipalityId: 'municipality_id',
    parentId: 'parent_id',
    website: 'website',
    inn: 'inn',
  } as const;
  for (const [key, column] of Object.entries(map)) {
    if (key in patch && (p as Record<string, unknown>)[key] !== undefined) columns[column] = (p as Record<string, unknown>)[key];
  }
  if (Object.keys(columns).length === 0) return getOrganization(sql, { id });
  try {
    const [row] = await sql`UPDATE organizations SET ${sql(columns as never)}, updated_at = now() WHERE id = ${id} RETURNING id`;
    if (!row) throw new AppError('NOT_FOUND', 'Организация не найдена');
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError('CONFLICT', 'Организация с таким кодом уже есть', { details: { code: 'already exists' } });
    if (foreignKeyViolation(error)) throw new AppError('BAD_REQUEST', 'Муниципалитет или вышестоящая организация не найдены', { details: { municipalityId: 'check', parentId: 'check' } });
    throw error;
  }
  await auditBy(sql, actor, { action: 'organization.update', entityType: 'organization', entityId: id, details: { fields: Object.keys(columns) } });
  return getOrganization(sql, { id });
}

export const accountInputSchema = z.object({
  organizationId: z.number().int().positive(),
  url: z.string().trim().min(1).max(500),
});

/** Adds an official account by any common URL form; a removed account with the same URL comes back. */
export async function createAccount(sql: Sql, input: z.input<typeof accountInputSchema>, actor: Actor): Promise<AccountItem> {
  const a = accountInputSchema.parse(input);
  const normalized = normalizeAccountUrl(a.url);
  if (!normalized.ok) throw new AppError('BAD_REQUEST', normalized.reason, { details: { url: normalized.reason } });
  const n = normalized.account;
  try {
    const [row] = await sql<AccountRow[]>`
      INSERT INTO accounts (organization_id, network, canonical_url, handle, external_id)
      VALUES (${a.organizationId}, ${n.network}, ${n.canonicalUrl}, ${n.handle}, ${n.externalId})
      ON CONFLICT (canonical_url) DO UPDATE SET removed_at = NULL, updated_at = now()
      WHERE accounts.removed_at IS NOT NULL AND accounts.organization_id = excluded.organization_id
      RETURNING id, organization_id, network, canonical_url, handle, external_id, status, is_official, added_at`;
    if (!row) throw new AppError('CONFLICT', 'Этот аккаунт уже есть в реестре', { details: { url: 'already registered' } });
    await auditBy(sql, actor, { action: 'account.create', entityType: 'account', entityId: row.id, details: { url: n.canonicalUrl, organizationId: a.organizationId } });
    return toAccount(row);
  } catch (error) {
    if (uniqueViolation(error)) throw new AppError('CONFLICT', 'Этот аккаунт уже есть в реестре', { details: { url: 'already registered' } });
    if (foreignKeyViolation(error)) throw new AppError('BAD_REQUEST', 'Организация не найдена', { details: { organizationId: 'not in the registry' } });
    throw error;
  }
}

export const accountPatchSchema = z.object({
  status: accountStatusSchema.optional(),
  isOfficial: z.boolean().optional(),
  removed: z.boolean().optional(),
});

export async function updateAccount(sql: Sql, id: number, patch: z.input<typeof accountPatchSchema>, actor: Actor): Promise<AccountItem> {
  const p = accountPatchSchema.parse(patch);
  const [row] = await sql<AccountRow[]>`
    UPDATE accounts SET
      status = coalesce(${p.status ?? null}, status),
      status_changed_at = CASE WHEN ${p.status ?? null}::text IS NOT NULL AND ${p.status ?? null} <> status THEN now() ELSE status_changed_at END,
      is_official = coalesce(${p.isOfficial ?? null}, is_official),
      removed_at = CASE WHEN ${p.removed ?? null}::boolean IS NULL THEN removed_at WHEN ${p.removed ?? null}::boolean THEN coalesce(removed_at, now()) ELSE NULL END,
      updated_at = now()
    WHERE id = ${id}
    RETURNING id, organization_id, network, canonical_url, handle, external_id, status, is_official, added_at`;
  if (!row) throw new AppError('NOT_FOUND', 'Аккаунт не найден');
  await auditBy(sql, actor, { action: 'account.update', entityType: 'account', entityId: id, details: p });
  return toAccount(row);
}

export interface OfficialCheck {
  input: string;
  canonicalUrl: string | null;
  official: boolean;
  /** Machine code of why the answer is no (null when official). */
  reasonCode: OfficialCheckReason | null;
  /** The same in Russian, for people. */
  reason: string | null;
  account: { network: Network; canonicalUrl: string; status: AccountStatus } | null;
  organization: { code: string; shortName: string; fullName: string } | null;
}

const checkReason = (code: OfficialCheckReason) => ({ reasonCode: code, reason: OFFICIAL_CHECK_REASON_RU[code] });

/** "Is this account official?": normalises any URL form and looks it up among current official accounts. */
export async function checkOfficialAccount(sql: Queryable, url: string): Promise<OfficialCheck> {
  const normalized = normalizeAccountUrl(url.slice(0, 500));
  if (!normalized.ok) return { input: url.slice(0, 500), canonicalUrl: null, official: false, ...checkReason(normalized.code), account: null, organization: null };
  const n = normalized.account;
  const [row] = await sql<{ network: Network; canonical_url: string; status: AccountStatus; code: string; short_name: string; full_name: string }[]>`
    SELECT a.network, a.canonical_url, a.status, o.code, o.short_name, o.full_name
    FROM accounts a JOIN organizations o ON o.id = a.organization_id
    WHERE a.removed_at IS NULL AND a.is_official
      AND (a.canonical_url = ${n.canonicalUrl} OR (${n.externalId}::text IS NOT NULL AND a.network = ${n.network} AND a.external_id = ${n.externalId}))
    LIMIT 1`;
  if (!row) return { input: url.slice(0, 500), canonicalUrl: n.canonicalUrl, official: false, ...checkReason('not_in_registry'), account: null, organization: null };
  return {
    input: url.slice(0, 500),
    canonicalUrl: n.canonicalUrl,
    official: true,
    reasonCode: null,
    reason: null,
    account: { network: row.network, canonicalUrl: row.canonical_url, status: row.status },
    organization: { code: row.code, shortName: row.short_name, fullName: row.full_name },
  };
}
