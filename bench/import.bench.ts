/**
 * `npm run bench:import`: 10,000 organizations with 30,000 accounts into a fresh database on
 * the real PostgreSQL (TEST_DATABASE_URL), first import and an idempotent re-import.
 */
import { parseCsv, importRegistry, upsertMunicipalities, SARATOV_MUNICIPALITIES } from '@most/services';
import { createTestDatabase } from '@most/db/testing';

const ORGANIZATIONS = 10_000;
const TARGET_ROWS_PER_SECOND = 5_000;

function registryCsv(): string {
  const lines = ['code,full_name,kind,sector,municipality,parent_code,website,accounts'];
  const sectors = ['education', 'health', 'culture', 'sport', 'social_protection', 'other'];
  for (let i = 0; i < ORGANIZATIONS; i += 1) {
    const municipality = SARATOV_MUNICIPALITIES[1 + (i % (SARATOV_MUNICIPALITIES.length - 1))]!.code;
    const parent = i >= 100 ? `bench${i % 100}` : '';
    lines.push(
      `bench${i},"Учреждение № ${i} «Тест»",subordinate_institution,${sectors[i % sectors.length]},${municipality},${parent},https://org${i}.example.ru,` +
        `"https://vk.com/bench_org_${i} https://ok.ru/group/${7_000_000_000 + i} https://t.me/bench_org_${i}"`,
    );
  }
  return lines.join('\n');
}

const db = await createTestDatabase();
try {
  await upsertMunicipalities(db.sql, SARATOV_MUNICIPALITIES);
  const table = parseCsv(registryCsv());
  const rowsWritten = (r: Awaited<ReturnType<typeof importRegistry>>) => r.imported + r.accounts.created + r.accounts.updated + r.accounts.unchanged;

  let started = performance.now();
  const first = await importRegistry(db.sql, table, { label: 'bench' });
  const firstSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const second = await importRegistry(db.sql, table, { label: 'bench' });
  const secondSeconds = (performance.now() - started) / 1000;

  const firstRate = rowsWritten(first) / firstSeconds;
  console.log(`organizations: ${first.organizations.created} created, accounts: ${first.accounts.created} created, errors: ${first.errors.length}`);
  console.log(`first import:  ${firstSeconds.toFixed(2)} s, ${Math.round(firstRate)} rows/s (organizations + accounts)`);
  console.log(`re-import:     ${secondSeconds.toFixed(2)} s, ${Math.round(rowsWritten(second) / secondSeconds)} rows/s, ${second.organizations.created + second.accounts.created} new rows`);
  console.log(`target ≥ ${TARGET_ROWS_PER_SECOND} rows/s: ratio ${(firstRate / TARGET_ROWS_PER_SECOND).toFixed(2)}`);
  console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await db.drop();
}
