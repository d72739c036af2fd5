import { canonicalHeader, parseRegistryRow, type RegistryRow } from '@most/domain';
import { AppError } from '@most/shared';
import type { Queryable, Sql } from '@most/db';
import { auditBy } from '@most/db';
import type { Table } from './read-table';
import { inTransaction } from '@most/db';

export interface RowError {
  line: number;
  errors: string[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  rows: number;
  imported: number;
  organizations: ImportCounts;
  accounts: ImportCounts;
  errors: RowError[];
  ignoredColumns: string[];
}

const CHUNK = 1_000;

const chunks = <T>(items: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

interface Located {
  line: number;
  row: RegistryRow;
  municipalityId: number | null;
}

/** Validates rows against the file itself and the database; returns the importable ones and the rest as errors. */
async function validateRows(sql: Queryable, table: Table): Promise<{ valid: Located[]; errors: RowError[]; ignoredColumns: string[] }> {
  const headerMap = new Map<string, string>();
  const ignoredColumns: string[] = [];
  for (const header of table.headers) {
    const canonical = canonicalHeader(header);
    if (canonical) headerMap.set(header, canonical);
    else if (header.trim() !== '') ignoredColumns.push(header);
  }
  if (![...headerMap.values()].includes('full_name')) {
    throw new AppError('BAD_REQUEST', 'The file has no full_name (Полное наименование) column', { details: { headers: table.headers } });
  }

  const municipalities = await sql<{ id: number; code: string; name: string }[]>`SELECT id, code, name FROM municipalities`;
  const municipalityByKey = new Map<string, number>();
  for (const m of municipalities) {
    municipalityByKey.set(m.code.toLowerCase(), m.id);
    municipalityByKey.set(m.name.toLowerCase(), m.id);
  }

  const errors: RowError[] = [];
  const candidates: Located[] = [];
  const lineOfCode = new Map<string, number>();
  const lineOfUrl = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const mapped: Record<string, unknown> = {};
    for (const [header, value] of Object.entries(values)) {
      const key = headerMap.get(header);
      if (key) mapped[key] = value;
    }
    const result = parseRegistryRow(mapped);
    if (!result.ok) {
      errors.push({ line, errors: result.errors });
      continue;
    }
    const rowErrors: string[] = [];
    const { row } = result;
    const firstLine = lineOfCode.get(row.code);
    if (firstLine !== undefined) rowErrors.push(`organization ${row.code} already appears on line ${firstLine}`);
    for (const account of row.accounts) {
      const seen = lineOfUrl.get(account.canonicalUrl);
      if (seen !== undefined) rowErrors.push(`account ${account.canonicalUrl} already appears on line ${seen}`);
    }
    let municipalityId: number | null = null;
    if (row.municipality) {
      municipalityId = municipalityByKey.get(row.municipality.toLowerCase()) ?? null;
      if (municipalityId === null) rowErrors.push(`municipality "${row.municipality}" is not in the registry`);
    }
    if (rowErrors.length > 0) {
      errors.push({ line, errors: rowErrors });
      continue;
    }
    lineOfCode.set(row.code, line);
    for (const account of row.accounts) lineOfUrl.set(account.canonicalUrl, line);
    candidates.push({ line, row, municipalityId });
  }

  // Parents must be in this file (and valid) or already in the registry.
  const parentCodes = [...new Set(candidates.map((c) => c.row.parentCode).filter((c): c is string => !!c && !lineOfCode.has(c)))];
  const knownParents = new Set(parentCodes.length === 0 ? [] : (await sql<{ code: string }[]>`SELECT code FROM organizations WHERE code IN ${sql(parentCodes)}`).map((r) => r.code));
  const valid: Located[] = [];
  for (const candidate of candidates) {
    const parent = candidate.row.parentCode;
    if (parent && !lineOfCode.has(parent) && !knownParents.has(parent)) {
      errors.push({ line: candidate.line, errors: [`parent organization "${parent}" is neither in the file nor in the registry`] });
    } else if (parent === candidate.row.code) {
      errors.push({ line: candidate.line, errors: ['an organization cannot be its own parent'] });
    } else {
      valid.push(candidate);
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { valid, errors, ignoredColumns };
}

/**
 * Imports organizations with their accounts. Bad rows are reported with their line and reasons;
 * good rows are upserted (organizations on code, accounts on canonical URL), so importing the
 * same file again changes nothing.
 */
export async function importRegistry(sql: Sql, table: Table, actor: { id?: number; label: string }): Promise<ImportReport> {
  return inTransaction(sql, async (tx) => {
    const { valid, errors, ignoredColumns } = await validateRows(tx, table);
    const organizations: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    const accounts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };

    const idByCode = new Map<string, number>();
    const changedIds = new Set<number>();
    for (const part of chunks(valid)) {
      const rows = part.map(({ row, municipalityId }) => ({
        code: row.code,
        full_name: row.fullName,
        short_name: row.shortName,
        kind: row.kind,
        sector: row.sector,
        municipality_id: municipalityId,
        website: row.website ?? null,
        inn: row.inn ?? null,
      }));
      const changed = await tx<{ id: number; code: string; inserted: boolean }[]>`
        INSERT INTO organizations ${tx(rows)}
        ON CONFLICT (code) DO UPDATE SET
          full_name = excluded.full_name, short_name = excluded.short_name, kind = excluded.kind, sector = excluded.sector,
          municipality_id = excluded.municipality_id, website = excluded.website, inn = excluded.inn, updated_at = now()
        WHERE (organizations.full_name, organizations.short_name, organizations.kind, organizations.sector,
               organizations.municipality_id, organizations.website, organizations.inn)
          IS DISTINCT FROM (excluded.full_name, excluded.short_name, excluded.kind, excluded.sector,
               excluded.municipality_id, excluded.website, excluded.inn)
        RETURNING id, code, (xmax = 0) AS inserted`;
      for (const r of changed) {
        idByCode.set(r.code, r.id);
        changedIds.add(r.id);
        if (r.inserted) organizations.created += 1;
        else organizations.updated += 1;
      }
      organizations.unchanged += part.length - changed.length;
    }

    const allCodes = [...new Set([...valid.map((v) => v.row.code), ...valid.map((v) => v.row.parentCode).filter((c): c is string => !!c)])];
    for (const part of chunks(
      allCodes.filter((code) => !idByCode.has(code)),
      10_000,
    )) {
      for (const r of await tx<{ id: number; code: string }[]>`SELECT id, code FROM organizations WHERE code IN ${tx(part)}`) {
        idByCode.set(r.code, r.id);
      }
    }

    const parentLinks = valid.map((v) => ({ id: idByCode.get(v.row.code)!, parent_id: v.row.parentCode ? idByCode.get(v.row.parentCode)! : null }));
    for (const part of chunks(parentLinks)) {
      const updatedParents = await tx<{ id: number }[]>`
        UPDATE organizations o SET parent_id = v.parent_id::bigint, updated_at = now()
        FROM (VALUES ${tx(part.map((p) => [p.id, p.parent_id]) as never)}) AS v(id, parent_id)
        WHERE o.id = v.id::bigint AND o.parent_id IS DISTINCT FROM v.parent_id::bigint
        RETURNING o.id`;
      // A parent change on an otherwise unchanged organization still counts as an update.
      const newlyChanged = updatedParents.filter((u) => !changedIds.has(u.id)).length;
      organizations.updated += newlyChanged;
      organizations.unchanged -= newlyChanged;
    }

    const accountRows = valid.flatMap(({ row }) =>
      row.accounts.map((a) => ({
        organization_id: idByCode.get(row.code)!,
        network: a.network,
        canonical_url: a.canonicalUrl,
        handle: a.handle,
        external_id: a.externalId,
      })),
    );
    for (const part of chunks(accountRows)) {
      const changed = await tx<{ inserted: boolean }[]>`
        INSERT INTO accounts ${tx(part)}
        ON CONFLICT (canonical_url) DO UPDATE SET
          organization_id = excluded.organization_id, handle = excluded.handle,
          external_id = coalesce(excluded.external_id, accounts.external_id), removed_at = NULL, updated_at = now()
        WHERE accounts.organization_id <> excluded.organization_id OR accounts.removed_at IS NOT NULL
        RETURNING (xmax = 0) AS inserted`;
      for (const r of changed) {
        if (r.inserted) accounts.created += 1;
        else accounts.updated += 1;
      }
      accounts.unchanged += part.length - changed.length;
    }

    const report: ImportReport = { rows: table.rows.length, imported: valid.length, organizations, accounts, errors, ignoredColumns };
    await auditBy(tx, actor, {
      action: 'registry.import',
      entityType: 'registry',
      entityId: null,
      details: { rows: report.rows, imported: report.imported, organizations, accounts, errorLines: errors.map((e) => e.line) },
    });
    return report;
  });
}
