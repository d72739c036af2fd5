import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, testBrowsers, useAppServices } from '../test-support/app';
import { TestBrowser } from '../test-support/http-client';

describe('bulletin router over HTTP', () => {
  const { db, queue } = useAppServices();
  let app: Hono<never>;
  let organizationId: number;
  const { signedIn } = testBrowsers(() => app, '10.7.0');

  beforeAll(async () => {
    const [org] = await db.sql<{ id: number; code: string }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector)
      VALUES ('adm-engels', 'Администрация Энгельсского муниципального района', 'Администрация Энгельсского района', 'local_government', 'other')
      RETURNING id, code`;
    organizationId = org!.id;
    await db.sql`INSERT INTO accounts (organization_id, network, canonical_url, handle) VALUES (${organizationId}, 'vk', 'https://vk.com/engels_adm', 'engels_adm')`;
    await createTestUser(db.sql, 'monitor@most.test', 'monitor');
    await createTestUser(db.sql, 'smm@engels.test', 'agency', org!.code);
    app = createTestApp({ sql: db.sql, queue });
  });

  it('takes an issue from draft to published and shows it to the public and to the agency', async () => {
    const monitor = await signedIn('monitor@most.test');
    const created = await monitor.mutate<{ created: boolean; issue: { id: number; slug: string; state: string } }>('bulletin.createDraft', { periodKey: '2026-10' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const issue = created.body.result!.data.issue;
    expect(issue).toMatchObject({ slug: '2026-10', state: 'draft' });

    const got = await monitor.query<{ view: { sections: { key: string; title: string }[] } }>('bulletin.get', { id: issue.id });
    expect(got.body.result!.data.view.sections.map((s) => s.key)).toEqual(['public', `org-${organizationId}`]);

    const edited = await monitor.mutate<{ markdown: string }>('bulletin.updateBlock', { issueId: issue.id, blockKey: 'public-intro', markdown: 'Итоги <img src=x onerror=alert(1)> месяца' });
    expect(edited.body.result!.data.markdown).toBe('Итоги  месяца');
    expect((await monitor.mutate('bulletin.publish', { id: issue.id })).status).toBe(409);
    expect((await monitor.mutate('bulletin.submit', { id: issue.id })).status).toBe(200);
    const published = await monitor.mutate<{ issue: { state: string } }>('bulletin.publish', { id: issue.id });
    expect(published.body.result!.data.issue.state).toBe('published');
    expect((await monitor.mutate('bulletin.updateBlock', { issueId: issue.id, blockKey: 'public-intro', markdown: 'x' })).status).toBe(409);

    const anonymous = new TestBrowser(app);
    const archive = await anonymous.query<{ slug: string }[]>('bulletin.archive');
    expect(archive.body.result!.data.map((i) => i.slug)).toEqual(['2026-10']);
    const publicView = await anonymous.query<{ sections: { key: string }[] }>('bulletin.issue', { slug: '2026-10' });
    expect(publicView.body.result!.data.sections.map((s) => s.key)).toEqual(['public']);
    expect((await anonymous.query('bulletin.list')).status).toBe(401);

    const agency = await signedIn('smm@engels.test');
    expect((await agency.query('bulletin.list')).status).toBe(403);
    const mine = await agency.query<{ slug: string; acknowledgedAt: string | null }[]>('bulletin.mine');
    expect(mine.body.result!.data).toMatchObject([{ slug: '2026-10', acknowledgedAt: null }]);
    const ack = await agency.mutate<{ alreadyAcknowledged: boolean }>('bulletin.acknowledge', { issueId: issue.id });
    expect(ack.body.result!.data.alreadyAcknowledged).toBe(false);
    const acks = await monitor.query<{ organizationId: number; acknowledgedAt: string | null }[]>('bulletin.acknowledgements', { issueId: issue.id });
    expect(acks.body.result!.data).toMatchObject([{ organizationId, acknowledgedAt: expect.any(String) }]);
    const mineIssue = await agency.query<{ sections: { key: string }[] }>('bulletin.mineIssue', { slug: '2026-10' });
    expect(mineIssue.body.result!.data.sections.map((s) => s.key)).toEqual(['public', `org-${organizationId}`]);

    // Contacts and the one-click opt-out from a mail client: no cookie, no CSRF header, still accepted (the link's token authorises it).
    const contact = await monitor.mutate<{ id: number }>('bulletin.upsertContact', { organizationId, email: 'press@engels.test', name: 'Пресс-служба' });
    expect(contact.status, JSON.stringify(contact.body)).toBe(200);
    const [row] = await db.sql<{ unsubscribe_token: string }[]>`SELECT unsubscribe_token FROM bulletin_contacts WHERE id = ${contact.body.result!.data.id}`;
    const optOut = await app.request(`/bulletin/unsubscribe/${row!.unsubscribe_token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(optOut.status).toBe(200);
    const contacts = await monitor.query<{ unsubscribedAt: string | null }[]>('bulletin.contacts', { organizationId });
    expect(contacts.body.result!.data[0]?.unsubscribedAt).not.toBeNull();
    const page = await app.request('/bulletin/2026-10');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');

    const correction = await monitor.mutate<{ slug: string; state: string }>('bulletin.correct', { id: issue.id, note: 'Уточнены данные' });
    expect(correction.body.result!.data).toMatchObject({ slug: '2026-10-r2', state: 'draft' });
  });
});
