import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRegistry } from '@most/services';
import { createTestApp, createTestUser, signIn, useAppServices } from './test-support/app';
import { TestBrowser } from './test-support/http-client';

describe('registry router', () => {
  const { db, queue } = useAppServices();
  let monitor: TestBrowser;

  beforeAll(async () => {
    await seedDemoRegistry(db.sql);
    await createTestUser(db.sql, 'monitor@most.test', 'monitor');
    monitor = await signIn(new TestBrowser(createTestApp({ sql: db.sql, queue })), 'monitor@most.test');
  });

  it('lists organizations with filters and pagination', async () => {
    const [school] = await db.sql<{ municipality: string; sector: string; kind: string }[]>`
      SELECT m.code AS municipality, o.sector, o.kind FROM organizations o JOIN municipalities m ON m.id = o.municipality_id WHERE o.sector = 'education' LIMIT 1`;
    const page = await monitor.query<{ items: { sector: string; kind: string; municipality: { code: string } }[]; total: number }>('registry.organizations', {
      municipality: school!.municipality,
      sector: 'education',
      kind: school!.kind,
      page: 1,
      pageSize: 2,
    });
    expect(page.status).toBe(200);
    const data = page.body.result!.data;
    expect(data.items.length).toBeGreaterThan(0);
    expect(data.items.length).toBeLessThanOrEqual(2);
    expect(data.items.every((o) => o.sector === 'education' && o.kind === school!.kind && o.municipality.code === school!.municipality)).toBe(true);
    const all = await monitor.query<{ total: number }>('registry.organizations', {});
    expect(all.body.result!.data.total).toBeGreaterThan(data.total);
    const search = await monitor.query<{ items: { shortName: string }[] }>('registry.organizations', { search: 'минобр' });
    expect(search.body.result!.data.items.map((o) => o.shortName)).toContain('Минобр');
  });

  it('imports an uploaded CSV and reports bad rows by line', async () => {
    const csv = [
      'code;full_name;kind;sector;municipality;accounts',
      'upload1;Учреждение «Загруженное»;subordinate_institution;culture;;https://vk.com/uploaded_page_1',
      'upload2;Аб;planet;culture;;https://vk.com/uploaded_page_2',
    ].join('\n');
    const response = await monitor.mutate<{ imported: number; errors: { line: number; errors: string[] }[] }>('registry.importFile', {
      fileName: 'registry.csv',
      contentBase64: Buffer.from(`\uFEFF${csv}`, 'utf8').toString('base64'),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.result!.data.imported).toBe(1);
    expect(response.body.result!.data.errors.map((e) => e.line)).toEqual([3]);
    const detail = await monitor.query<{ accounts: { canonicalUrl: string }[] }>('registry.organization', { code: 'upload1' });
    expect(detail.body.result!.data.accounts.map((a) => a.canonicalUrl)).toEqual(['https://vk.com/uploaded_page_1']);
    const wrongType = await monitor.mutate('registry.importFile', { fileName: 'registry.pdf', contentBase64: Buffer.from('x').toString('base64') });
    expect(wrongType.status).toBe(400);
  });

  it('creates and edits organizations and accounts, normalising account URLs', async () => {
    const created = await monitor.mutate<{ id: number; code: string }>('registry.createOrganization', {
      code: 'new-org',
      fullName: 'Новая организация для проверки',
      shortName: 'Новая',
      kind: 'local_government',
      sector: 'other',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.result!.data.id;
    const duplicate = await monitor.mutate('registry.createOrganization', { code: 'new-org', fullName: 'Дубликат организации', shortName: 'Дубль', kind: 'local_government', sector: 'other' });
    expect(duplicate.status).toBe(409);
    const updated = await monitor.mutate<{ shortName: string }>('registry.updateOrganization', { id, patch: { shortName: 'Переименована' } });
    expect(updated.body.result!.data.shortName).toBe('Переименована');
    const account = await monitor.mutate<{ id: number; canonicalUrl: string }>('registry.createAccount', { organizationId: id, url: 'm.vk.com/Club123456' });
    expect(account.body.result!.data.canonicalUrl).toBe('https://vk.com/club123456');
    const bad = await monitor.mutate<unknown>('registry.createAccount', { organizationId: id, url: 'https://vk.com/id1' });
    expect(bad.status).toBe(400);
    const removed = await monitor.mutate<{ id: number }>('registry.updateAccount', { id: account.body.result!.data.id, patch: { removed: true } });
    expect(removed.status).toBe(200);
    const detail = await monitor.query<{ accounts: unknown[] }>('registry.organization', { id });
    expect(detail.body.result!.data.accounts).toEqual([]);
    const [audit] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('organization.create', 'organization.update', 'account.create', 'account.update')`;
    expect(audit!.n).toBeGreaterThanOrEqual(4);
  });
});
