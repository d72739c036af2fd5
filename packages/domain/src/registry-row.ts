import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ORGANIZATION_KINDS, SECTORS, type OrganizationKind, type Sector } from '@most/shared';
import { normalizeAccountUrl, type NormalizedAccount } from './account-url';

/** Column names accepted in registry spreadsheets (English keys, Russian headers as aliases). */
const HEADER_ALIASES: Record<string, string> = {
  code: 'code',
  код: 'code',
  full_name: 'full_name',
  'полное наименование': 'full_name',
  наименование: 'full_name',
  short_name: 'short_name',
  'краткое наименование': 'short_name',
  kind: 'kind',
  тип: 'kind',
  вид: 'kind',
  sector: 'sector',
  отрасль: 'sector',
  сфера: 'sector',
  municipality: 'municipality',
  муниципалитет: 'municipality',
  'муниципальное образование': 'municipality',
  parent_code: 'parent_code',
  parent: 'parent_code',
  'вышестоящая организация': 'parent_code',
  website: 'website',
  сайт: 'website',
  inn: 'inn',
  инн: 'inn',
  accounts: 'accounts',
  account_urls: 'accounts',
  аккаунты: 'accounts',
  страницы: 'accounts',
  vk: 'vk',
  вконтакте: 'vk',
  ok: 'ok',
  одноклассники: 'ok',
  telegram: 'telegram',
  телеграм: 'telegram',
};

export function canonicalHeader(header: string): string | undefined {
  return HEADER_ALIASES[header.trim().toLowerCase().replace(/\s+/g, ' ')];
}

const KIND_ALIASES: Record<string, OrganizationKind> = {
  'орган исполнительной власти': 'regional_executive',
  оив: 'regional_executive',
  министерство: 'regional_executive',
  'орган местного самоуправления': 'local_government',
  омсу: 'local_government',
  администрация: 'local_government',
  'подведомственное учреждение': 'subordinate_institution',
  учреждение: 'subordinate_institution',
};
const SECTOR_ALIASES: Record<string, Sector> = {
  образование: 'education',
  здравоохранение: 'health',
  'социальная защита': 'social_protection',
  культура: 'culture',
  спорт: 'sport',
  жкх: 'housing_utilities',
  'жилищно-коммунальное хозяйство': 'housing_utilities',
  'дороги и транспорт': 'roads_transport',
  транспорт: 'roads_transport',
  другое: 'other',
  прочее: 'other',
};

const lowerTrim = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/\s+/g, ' ') : value);
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value);

const rowSchema = z.object({
  code: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(100)
      .regex(/^[\p{L}\p{N}_.:-]+$/u, 'letters, digits, _ . : - only')
      .optional(),
  ),
  full_name: z.preprocess(blankToUndefined, z.string({ error: 'is required' }).min(3, 'is too short').max(1000, 'is too long')),
  short_name: z.preprocess(blankToUndefined, z.string().min(2, 'is too short').max(300, 'is too long').optional()),
  kind: z.preprocess(
    (value) => {
      const key = lowerTrim(value);
      return typeof key === 'string' ? (KIND_ALIASES[key] ?? key) : key;
    },
    z.enum(ORGANIZATION_KINDS, { error: `must be one of ${ORGANIZATION_KINDS.join(', ')}` }),
  ),
  sector: z.preprocess(
    (value) => {
      const key = lowerTrim(value);
      if (key === undefined || key === '') return 'other';
      return typeof key === 'string' ? (SECTOR_ALIASES[key] ?? key) : key;
    },
    z.enum(SECTORS, { error: `must be one of ${SECTORS.join(', ')}` }),
  ),
  municipality: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  parent_code: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  website: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((value) => (/^https?:\/\//i.test(value) ? value : `https://${value}`))
      .pipe(z.url({ protocol: /^https?$/, error: 'is not a web address' }))
      .optional(),
  ),
  inn: z.preprocess(
    (value) => (typeof value === 'number' ? String(value) : blankToUndefined(value)),
    z
      .string()
      .regex(/^(\d{10}|\d{12})$/, 'must have 10 or 12 digits')
      .optional(),
  ),
});

export interface RegistryRow {
  code: string;
  fullName: string;
  shortName: string;
  kind: OrganizationKind;
  sector: Sector;
  municipality: string | undefined;
  parentCode: string | undefined;
  website: string | undefined;
  inn: string | undefined;
  accounts: NormalizedAccount[];
}

export type RegistryRowResult = { ok: true; row: RegistryRow } | { ok: false; errors: string[] };

/** A stable key for organizations whose spreadsheet has no code: the INN, else a hash of the name. */
export function deriveOrganizationCode(fullName: string, inn: string | undefined): string {
  if (inn) return `inn-${inn}`;
  const normalized = fullName
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `org-${createHash('sha256').update(normalized).digest('hex').slice(0, 12)}`;
}

function splitUrls(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(/[\s;,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * Validates one spreadsheet row (keys already mapped with `canonicalHeader`). Collects every
 * problem of the row, so the report tells the whole story in one pass.
 */
export function parseRegistryRow(raw: Record<string, unknown>): RegistryRowResult {
  const errors: string[] = [];
  const parsed = rowSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(`${issue.path.join('.') || 'row'} ${issue.message}`);
  }
  const urls = [...splitUrls(raw.accounts), ...splitUrls(raw.vk), ...splitUrls(raw.ok), ...splitUrls(raw.telegram)];
  const accounts: NormalizedAccount[] = [];
  for (const url of urls) {
    const normalized = normalizeAccountUrl(url);
    if (normalized.ok) {
      if (!accounts.some((a) => a.canonicalUrl === normalized.account.canonicalUrl)) accounts.push(normalized.account);
    } else {
      errors.push(`account ${normalized.reason}`);
    }
  }
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const data = parsed.data;
  return {
    ok: true,
    row: {
      code: data.code ?? deriveOrganizationCode(data.full_name, data.inn),
      fullName: data.full_name,
      shortName: data.short_name ?? data.full_name.slice(0, 300),
      kind: data.kind,
      sector: data.sector,
      municipality: data.municipality,
      parentCode: data.parent_code,
      website: data.website,
      inn: data.inn,
      accounts,
    },
  };
}
