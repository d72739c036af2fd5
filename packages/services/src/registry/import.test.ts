import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, useTestDatabase } from '@most/db/testing';
import { seedDemoRegistry, upsertMunicipalities } from '../seed/seed';
import { demoRegistry } from '../seed/demo-registry';
import { SARATOV_MUNICIPALITIES } from '../seed/saratov-municipalities';
import { importRegistry } from './import';
import { parseCsv, readTable } from './read-table';

function hundredRowCsv(): { text: string; brokenLines: number[] } {
  const lines = ['code,full_name,kind,sector,municipality,parent_code,website,inn,accounts'];
  const brokenLines: number[] = [];
  for (let i = 1; i <= 100; i += 1) {
    const line = i + 1; // header is line 1
    if (i === 10) {
      lines.push(`org${i},"МОУ СОШ № ${i}",school,education,engels,,,,https://vk.com/school${i}`); // bad kind
      brokenLines.push(line);
    } else if (i === 50) {
      lines.push(`org${i},"МОУ СОШ № ${i}",subordinate_institution,education,engels,,,,https://facebook.com/school${i}`); // bad URL
      brokenLines.push(line);
    } else if (i === 77) {
      lines.push(`org${i},"МОУ СОШ № ${i}",subordinate_institution,education,Атлантида,,,,https://vk.com/school${i}`); // unknown municipality
      brokenLines.push(line);
    } else {
      const parent = i > 1 && i % 10 === 0 ? 'org1' : '';
      lines.push(`org${i},"МОУ «СОШ № ${i}», г. Энгельс",subordinate_institution,Образование,engels,${parent},school${i}.ru,,"https://vk.com/school${i}; https://m.vk.com/club${1000 + i}"`);
    }
  }
  return { text: `\uFEFF${lines.join('\r\n')}\r\n`, brokenLines };
}

describe('registry import', () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    await upsertMunicipalities(db.sql, SARATOV_MUNICIPALITIES);
  });

  it('imports the 97 good rows of 100, names the 3 bad lines, and a second import changes nothing', async () => {
    const { text, brokenLines } = hundredRowCsv();
    const first = await importRegistry(db.sql, parseCsv(text), { label: 'test' });
    expect(first.rows).toBe(100);
    expect(first.imported).toBe(97);
    expect(first.errors.map((e) => e.line)).toEqual(brokenLines);
    expect(first.errors[0]?.errors.join()).toMatch(/kind must be one of/);
    expect(first.errors[1]?.errors.join()).toMatch(/facebook.com is not VK, OK or Telegram/);
    expect(first.errors[2]?.errors.join()).toMatch(/municipality "Атлантида" is not in the registry/);
    expect(first.organizations).toEqual({ created: 97, updated: 0, unchanged: 0 });
    expect(first.accounts).toEqual({ created: 194, updated: 0, unchanged: 0 });

    const second = await importRegistry(db.sql, parseCsv(text), { label: 'test' });
    expect(second.organizations).toEqual({ created: 0, updated: 0, unchanged: 97 });
    expect(second.accounts).toEqual({ created: 0, updated: 0, unchanged: 194 });
    const [counts] = await db.sql<{ orgs: number; accounts: number }[]>`
      SELECT (SELECT count(*)::int FROM organizations) AS orgs, (SELECT count(*)::int FROM accounts) AS accounts`;
    expect(counts).toEqual({ orgs: 97, accounts: 194 });

    const [child] = await db.sql<{ parent: string; website: string; sector: string }[]>`
      SELECT p.code AS parent, o.website, o.sector FROM organizations o JOIN organizations p ON p.id = o.parent_id WHERE o.code = 'org20'`;
    expect(child).toEqual({ parent: 'org1', website: 'https://school20.ru', sector: 'education' });
    const audit = await db.sql`SELECT action FROM audit_log WHERE action = 'registry.import'`;
    expect(audit).toHaveLength(2);
  });

  it('counts a changed row as updated and moves an account to its new organization', async () => {
    const csv =
      'code,full_name,kind,sector,municipality,accounts\n' +
      'org2,"МОУ СОШ № 2 имени Гагарина",subordinate_institution,education,engels,https://vk.com/school2\n' +
      'org3,"МОУ «СОШ № 3», г. Энгельс",subordinate_institution,education,engels,https://vk.com/club1002\n';
    const report = await importRegistry(db.sql, parseCsv(csv), { label: 'test' });
    expect(report.organizations.updated).toBe(2);
    expect(report.accounts).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const [moved] = await db.sql<{ code: string }[]>`
      SELECT o.code FROM accounts a JOIN organizations o ON o.id = a.organization_id WHERE a.canonical_url = 'https://vk.com/club1002'`;
    expect(moved?.code).toBe('org3');
  });

  it('reports duplicates inside one file and unknown parents', async () => {
    const csv =
      'code;full_name;kind;sector;parent_code;accounts\n' +
      'x1;Организация один;local_government;other;;https://vk.com/dup_page\n' +
      'x1;Организация один ещё раз;local_government;other;;\n' +
      'x2;Организация два;local_government;other;;vk.com/dup_page\n' +
      'x3;Организация три;local_government;other;nobody;\n';
    const report = await importRegistry(db.sql, parseCsv(csv), { label: 'test' });
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([
      { line: 3, errors: ['organization x1 already appears on line 2'] },
      { line: 4, errors: ['account https://vk.com/dup_page already appears on line 2'] },
      { line: 5, errors: ['parent organization "nobody" is neither in the file nor in the registry'] },
    ]);
  });

  it('reads XLSX files with Russian headers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'most-xlsx-'));
    try {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Реестр');
      sheet.addRow(['Полное наименование', 'Тип', 'Отрасль', 'Муниципалитет', 'ИНН', 'Страницы']);
      sheet.addRow(['Администрация Хвалынского района', 'ОМСУ', 'другое', 'khvalynsk', 6448000000, 'https://vk.com/hvalynsk_adm']);
      sheet.addRow(['', 'ОМСУ', 'другое', '', '', '']);
      const path = join(dir, 'registry.xlsx');
      await workbook.xlsx.writeFile(path);
      const report = await importRegistry(db.sql, await readTable(path), { label: 'test' });
      expect(report.imported).toBe(1);
      expect(report.errors.map((e) => e.line)).toEqual([3]);
      const [org] = await db.sql`SELECT code, inn FROM organizations WHERE inn = '6448000000'`;
      expect(org).toEqual({ code: 'inn-6448000000', inn: '6448000000' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses unsupported and unreadable files with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'most-bad-'));
    try {
      await writeFile(join(dir, 'a.pdf'), 'x');
      await expect(readTable(join(dir, 'a.pdf'))).rejects.toThrow(/Unsupported file type ".pdf"/);
      await writeFile(join(dir, 'b.xlsx'), 'not a zip');
      await expect(readTable(join(dir, 'b.xlsx'))).rejects.toThrow(/XLSX file cannot be read/);
      await expect(importRegistry(db.sql, parseCsv('name,site\nA,b\n'), { label: 'test' })).rejects.toThrow(/no full_name/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('demo registry of the Saratov region', () => {
  it('imports cleanly once and is not re-imported', async () => {
    const db = await createTestDatabase();
    try {
      const report = await seedDemoRegistry(db.sql);
      expect(report?.errors).toEqual([]);
      expect(report?.imported).toBe(demoRegistry().length);
      expect(report?.imported).toBeGreaterThan(150);
      expect(await seedDemoRegistry(db.sql)).toBeNull();
      const [counts] = await db.sql<{ municipalities: number; vk: number }[]>`
        SELECT (SELECT count(*)::int FROM municipalities) AS municipalities,
               (SELECT count(*)::int FROM accounts WHERE network = 'vk') AS vk`;
      expect(counts?.municipalities).toBe(SARATOV_MUNICIPALITIES.length);
      expect(counts?.vk).toBeGreaterThan(150);
    } finally {
      await db.drop();
    }
  });
});
