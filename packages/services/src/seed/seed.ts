import type { Sql } from '@most/db';
import { importRegistry, type ImportReport } from '../registry/import';
import { parseCsv } from '../registry/read-table';
import { demoRegistry, toCsv } from './demo-registry';
import { SARATOV_MUNICIPALITIES, type MunicipalitySeed } from './saratov-municipalities';

export async function upsertMunicipalities(sql: Sql, municipalities: MunicipalitySeed[]): Promise<void> {
  await sql`
    INSERT INTO municipalities ${sql(municipalities.map((m) => ({ code: m.code, name: m.name, kind: m.kind })))}
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind`;
}

/** Loads the Saratov demo registry once; a registry that already has organizations is left alone. */
export async function seedDemoRegistry(sql: Sql): Promise<ImportReport | null> {
  const [existing] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM organizations`;
  await upsertMunicipalities(sql, SARATOV_MUNICIPALITIES);
  if ((existing?.n ?? 0) > 0) return null;
  return importRegistry(sql, parseCsv(toCsv(demoRegistry())), { label: 'demo-seed' });
}
