import { parseArgs } from 'node:util';
import { isAppError } from '@most/shared';
import { importRegistry } from '../registry/import';
import { readTable } from '../registry/read-table';
import { upsertMunicipalities } from '../seed/seed';
import { SARATOV_MUNICIPALITIES } from '../seed/saratov-municipalities';
import { openForCli } from './connect';

const { positionals } = parseArgs({ allowPositionals: true });
const [file] = positionals;
if (!file) {
  console.error('Usage: npm run import -- <registry.csv|registry.xlsx>');
  process.exit(64);
}
const database = await openForCli();
try {
  await upsertMunicipalities(database.sql, SARATOV_MUNICIPALITIES);
  const report = await importRegistry(database.sql, await readTable(file), { label: 'cli:import' });
  console.log(`Rows: ${report.rows}, imported: ${report.imported}, with errors: ${report.errors.length}`);
  console.log(`Organizations: ${report.organizations.created} new, ${report.organizations.updated} updated, ${report.organizations.unchanged} unchanged`);
  console.log(`Accounts: ${report.accounts.created} new, ${report.accounts.updated} updated, ${report.accounts.unchanged} unchanged`);
  if (report.ignoredColumns.length > 0) console.log(`Ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const error of report.errors) console.log(`  line ${error.line}: ${error.errors.join('; ')}`);
  process.exitCode = report.errors.length > 0 ? 2 : 0;
} catch (error) {
  console.error(isAppError(error) ? `Import failed: ${error.userMessage}` : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
