import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listNotifications, unreadNotificationCount } from '@most/db/alerts';
import { parseConfig } from '@most/shared';
import { alertOptionsFromConfig, createBulletinMailer, runAlertsSweep, telegramBotOf } from '@most/worker';
import { useDemoRegistry } from '../test-support/app';
import { bindDemoAgencyToBusyOrganization, DEMO_AGENCY_EMAIL } from './demo-agency';
import { ensureDemoUsers } from './demo-users';

describe('demo agency and alerts', () => {
  const { db, dataDir } = useDemoRegistry('most-demo-alerts-');
  beforeAll(async () => {
    await ensureDemoUsers(db.sql, dataDir.path);
  });

  it('moves the demo agency to the organization with the most recent citizen comments, once', async () => {
    const now = new Date();
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toBeNull();
    const [account] = await db.sql<{ id: number; organization_id: number }[]>`
      SELECT a.id, a.organization_id FROM accounts a JOIN users u ON u.email = ${DEMO_AGENCY_EMAIL} WHERE a.organization_id <> u.organization_id ORDER BY a.id LIMIT 1`;
    const [post] = await db.sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      VALUES (${account!.id}, 'busy-1', 'https://vk.com/wall-1_1', ${now}, 'Новость', ${now}, ${now}) RETURNING id`;
    await db.sql`
      INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
      VALUES (${post!.id}, ${account!.id}, 'c1', 'https://vk.com/wall-1_1?reply=2', ${'a'.repeat(64)}, false, ${new Date(now.getTime() - 3_600_000)}, 'Когда?', ${now}, ${now})`;
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toMatchObject({ code: expect.any(String) });
    const [user] = await db.sql<{ organization_id: number }[]>`SELECT organization_id FROM users WHERE email = ${DEMO_AGENCY_EMAIL}`;
    expect(user!.organization_id).toBe(account!.organization_id);
    expect(await bindDemoAgencyToBusyOrganization(db.sql, dataDir.path, now)).toBeNull();
  });

  it('embedded mode: deadline alerts for the demo agency land in DATA_DIR/outbox and in its notification list', async () => {
    const now = new Date();
    const H = 3_600_000;
    // Citizens' questions as the crawler stores them, on the busiest demo page: one open 19 hours (warning), one 25 hours (breach).
    const [user] = await db.sql<{ id: number; organization_id: number }[]>`SELECT id, organization_id FROM users WHERE email = ${DEMO_AGENCY_EMAIL}`;
    const [account] = await db.sql<
      { id: number; canonical_url: string }[]
    >`SELECT id, canonical_url FROM accounts WHERE organization_id = ${user!.organization_id} AND network = 'vk' ORDER BY id LIMIT 1`;
    const [post] = await db.sql<{ id: number }[]>`
      INSERT INTO posts (account_id, external_id, url, published_at, text, first_seen_at, last_seen_at)
      VALUES (${account!.id}, 'deadline-1', ${`${account!.canonical_url}?w=wall-1_7`}, ${new Date(now.getTime() - 30 * H)}, 'Объявление', ${now}, ${now}) RETURNING id`;
    for (const [id, hours, text] of [
      ['q19', 19, 'Когда включат отопление в доме 5?'],
      ['q25', 25, 'Почему не вывозят мусор с улицы Мира?'],
    ] as const) {
      await db.sql`
        INSERT INTO comments (post_id, account_id, external_id, url, author_pseudonym, from_page, published_at, text, first_seen_at, last_seen_at)
        VALUES (${post!.id}, ${account!.id}, ${id}, ${`${account!.canonical_url}?w=wall-1_7_r${id}`}, ${(hours === 19 ? 'b' : 'c').repeat(64)}, false, ${new Date(now.getTime() - hours * H)}, ${text}, ${now}, ${now})`;
    }

    // The worker as `npm start` runs it: no SMTP_URL (e-mail goes to DATA_DIR/outbox), no Telegram bot, a day of catch-up.
    const options = alertOptionsFromConfig(parseConfig({ DATA_DIR: dataDir.path, ALERT_CATCH_UP_HOURS: '24' }));
    expect(options.smtpUrl).toBeUndefined();
    const mailer = createBulletinMailer(options);
    try {
      await runAlertsSweep(db.sql, { mailer, telegram: telegramBotOf(options) }, options, now);
      await runAlertsSweep(db.sql, { mailer, telegram: telegramBotOf(options) }, options, new Date(now.getTime() + 60_000));
    } finally {
      mailer.close();
    }
    const files = (await readdir(join(dataDir.path, 'outbox'))).filter((f) => f.endsWith('.eml'));
    const mails = await Promise.all(files.map((f) => readFile(join(dataDir.path, 'outbox', f), 'utf8')));
    const toAgency = mails.filter((m) => new RegExp(`^To: ${DEMO_AGENCY_EMAIL}`, 'mi').test(m));
    // Each file is one sent e-mail alert (its Message-ID names the alert); the warning and the breach notice are among them.
    const sent = await db.sql<{ id: string; kind: string }[]>`SELECT id::text, kind FROM alerts WHERE user_id = ${user!.id} AND channel = 'email' AND status = 'sent'`;
    expect(toAgency.map((m) => /^Message-ID: <alert\.(\d+)@/im.exec(m)?.[1]).sort()).toEqual(sent.map((a) => a.id).sort());
    expect(sent.map((a) => a.kind)).toEqual(expect.arrayContaining(['deadline_warning', 'deadline_breach']));
    const titles = (await listNotifications(db.sql, user!.id)).map((n) => n.title);
    expect(titles.some((t) => t.startsWith('Ответьте на вопрос: осталось '))).toBe(true);
    expect(titles.some((t) => t.startsWith('Срок ответа истёк 1 час'))).toBe(true);
    expect(await unreadNotificationCount(db.sql, user!.id)).toBe(titles.length);
    expect(toAgency.every((m) => /List-Unsubscribe:/i.test(m))).toBe(true);
  });
});
