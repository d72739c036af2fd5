import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession, registerBulletinFixtureOrganizations, saveIssuePdf, upsertBulletinContact } from '@most/db';
import { createUser, createDraftIssue, publishIssue, submitIssueForReview, addNote } from '@most/services';
import { useTestDatabase } from '@most/db/testing';
import type { BulletinDataset } from '@most/domain';
import { Hono } from 'hono';
import { bulletinRoutes } from './bulletin';

const monitor = { id: null, label: 'monitor@test' };
const month = (key: string, label: string) => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { key, start: `${key}-01`, end: `${next}-01`, label };
};

describe('bulletin web archive, feeds and e-mail links', () => {
  const db = useTestDatabase();
  let dataset: BulletinDataset;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    dataset = await registerBulletinFixtureOrganizations(db.sql);
    for (const [key, label, publish] of [
      ['2026-08', 'август 2026', true],
      ['2026-09', 'сентябрь 2026', true],
      ['2026-10', 'октябрь 2026', false],
    ] as const) {
      const { issue } = await createDraftIssue(db.sql, { dataset: { ...dataset, period: month(key, label) }, actor: monitor });
      ids[key] = issue.id;
      if (key === '2026-09') {
        await addNote(db.sql, { issueId: issue.id, sectionKey: 'public', afterBlockKey: null, markdown: 'Заметка <script>alert("x")</script> & «кавычки»', actor: monitor });
      }
      if (publish) {
        await submitIssueForReview(db.sql, issue.id, monitor);
        await publishIssue(db.sql, { issueId: issue.id, actor: monitor });
      }
    }
  });

  const app = () => new Hono().route('/bulletin', bulletinRoutes({ sql: db.sql, publicUrl: 'https://most.example' }));

  it('serves valid RSS 2.0 and Atom feeds that list published issues only', async () => {
    const rssResponse = await app().request('/bulletin/rss.xml');
    expect(rssResponse.status).toBe(200);
    expect(rssResponse.headers.get('content-type')).toContain('application/rss+xml');
    const rss = await rssResponse.text();
    expect(XMLValidator.validate(rss)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(rss);
    expect(parsed.rss['@_version']).toBe('2.0');
    const items = [parsed.rss.channel.item].flat();
    expect(items.map((i: { link: string }) => i.link)).toEqual(['https://most.example/bulletin/2026-09', 'https://most.example/bulletin/2026-08']);
    expect(rss).not.toContain('2026-10');
    for (const item of items) expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);

    const atom = await (await app().request('/bulletin/atom.xml')).text();
    expect(XMLValidator.validate(atom)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(atom).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect([feed.entry].flat().map((e: { id: string }) => e.id)).toEqual(['https://most.example/bulletin/2026-09', 'https://most.example/bulletin/2026-08']);
  });

  it('serves the archive and published issue pages, escaped, and hides drafts', async () => {
    const archive = await (await app().request('/bulletin')).text();
    expect(archive).toContain('href="/bulletin/2026-09"');
    expect(archive).not.toContain('2026-10');
    // A reader who arrived by a shared link can go on to the site.
    expect(archive).toContain('<a href="/">На главную «Цифрового моста»</a>');
    const page = await app().request('/bulletin/2026-09');
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('Министерство образования Саратовской области');
    expect(body).toContain('<a href="/">На главную «Цифрового моста»</a>');
    expect(body).toContain('Заметка alert(&quot;x&quot;) &amp; «кавычки»');
    expect(body).not.toContain('<script>');
    // Agency sections are not part of the public page.
    expect(body).not.toContain('Добавьте телефон регистратуры');
    expect((await app().request('/bulletin/2026-10')).status).toBe(404);
    expect((await app().request('/bulletin/%3Cscript%3E')).status).toBe(404);
  });

  it('serves the stored PDF of a published issue', async () => {
    expect((await app().request('/bulletin/2026-09.pdf')).status).toBe(404);
    await saveIssuePdf(db.sql, ids['2026-09']!, Buffer.from('%PDF-1.7\n%%EOF'));
    const pdf = await app().request('/bulletin/2026-09.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.7\n%%EOF');
  });

  it('acknowledges through the e-mail link on POST only, without a session', async () => {
    const clinic = dataset.organizations.find((o) => o.name.startsWith('ГУЗ'))!.id;
    const [row] = await db.sql<{ token: string }[]>`SELECT token FROM bulletin_acknowledgements WHERE issue_id = ${ids['2026-09']!} AND organization_id = ${clinic}`;
    const view = await app().request(`/bulletin/acknowledge/${row!.token}`);
    expect(await view.text()).toContain('<form method="post">');
    const [before] = await db.sql`SELECT acknowledged_at FROM bulletin_acknowledgements WHERE token = ${row!.token}`;
    expect(before?.acknowledged_at).toBeNull();
    const done = await app().request(`/bulletin/acknowledge/${row!.token}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('подтвердила получение');
    const [after] = await db.sql`SELECT acknowledged_at FROM bulletin_acknowledgements WHERE token = ${row!.token}`;
    expect(after?.acknowledged_at).not.toBeNull();
    expect((await app().request('/bulletin/acknowledge/AAAAAAAAAAAAAAAAAAAAAAAA', { method: 'POST' })).status).toBe(404);
  });

  it('opts a contact out with one click', async () => {
    const contact = await upsertBulletinContact(db.sql, { organizationId: dataset.organizations[0]!.id, email: 'press@minobr.example' }, monitor);
    const [row] = await db.sql<{ unsubscribe_token: string }[]>`SELECT unsubscribe_token FROM bulletin_contacts WHERE id = ${contact.id}`;
    const response = await app().request(`/bulletin/unsubscribe/${row!.unsubscribe_token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    const [after] = await db.sql`SELECT unsubscribed_at FROM bulletin_contacts WHERE id = ${contact.id}`;
    expect(after?.unsubscribed_at).not.toBeNull();
  });

  it('shows an agency section only to that agency and to monitors', async () => {
    const clinic = dataset.organizations.find((o) => o.name.startsWith('ГУЗ'))!;
    const school = dataset.organizations.find((o) => o.name.startsWith('МОУ'))!;
    const orgCode = async (id: number) => (await db.sql<{ code: string }[]>`SELECT code FROM organizations WHERE id = ${id}`)[0]!.code;
    const agency = await createUser(db.sql, { email: 'smm@gp2.example', role: 'agency', password: 'long-enough-password', organizationCode: await orgCode(clinic.id) }, { label: 'monitor@test' });
    const session = await createSession(db.sql, agency.id);
    const cookie = { cookie: `most_session=${session.token}` };
    const path = `/bulletin/2026-09/agency/${clinic.id}`;
    expect((await app().request(path)).status).toBe(401);
    const own = await app().request(path, { headers: cookie });
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(text).toContain('Добавьте телефон регистратуры в описание страницы.');
    expect(text).not.toContain('Публикуйте не реже трёх раз в неделю');
    expect((await app().request(`/bulletin/2026-09/agency/${school.id}`, { headers: cookie })).status).toBe(403);
    expect((await app().request(`/bulletin/preview/${ids['2026-10']!}`, { headers: cookie })).status).toBe(403);

    // The section's PDF: linked from its page, for the same readers only, once printed.
    expect(text).toContain(`href="${path}.pdf"`);
    expect((await app().request(`${path}.pdf`)).status).toBe(401);
    expect((await app().request(`${path}.pdf`, { headers: cookie })).status).toBe(404);
    await saveIssuePdf(db.sql, ids['2026-09']!, Buffer.from('%PDF-1.7 agency\n%%EOF'), `org-${clinic.id}`);
    const pdf = await app().request(`${path}.pdf`, { headers: cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.7 agency\n%%EOF');
    expect((await app().request(`/bulletin/2026-09/agency/${school.id}.pdf`, { headers: cookie })).status).toBe(403);
    // The public edition's PDF is a different file.
    expect(Buffer.from(await (await app().request('/bulletin/2026-09.pdf')).arrayBuffer()).toString()).toBe('%PDF-1.7\n%%EOF');
  });
});
