import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing';
import { claimDueAlerts, expireStuckAlerts, recordAlertFailure, recordAlertSent } from './deliver';
import { answerQuestion, askQuestion, makeAlertAgency, makeAlertUser } from './fixture';
import { listNotifications, markNotificationsRead, unreadNotificationCount } from './inbox';
import { planAlerts } from './plan';
import { getAlertSettings, setAlertSubscription, unsubscribeAlertEmails, updateAlertRule, updateAlertSettings } from './settings';

const H = 3_600_000;
const options = { publicUrl: 'https://most.example', telegram: false };
const db = useTestDatabase();

const alertsOf = (userId: number) =>
  db.sql<{ kind: string; channel: string; status: string; title: string; body: string; next_attempt_at: Date }[]>`
    SELECT kind, channel, status, title, body, next_attempt_at FROM alerts WHERE user_id = ${userId} ORDER BY kind, channel`;

describe('planning alerts (rules evaluated against the database)', () => {
  it('a question crossing 18 hours: one alert per channel, whatever how many times or how concurrently planning runs', async () => {
    const asked = new Date('2026-12-07T06:00:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a1@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(db.sql, agency, { askedAt: asked, text: 'Когда вывезут мусор? Мой телефон 8 912 345 67 89' });
    expect(await planAlerts(db.sql, new Date(asked.getTime() + 18 * H - 60_000), options)).toBe(0);
    const at = new Date(asked.getTime() + 18 * H + 60_000);
    const runs = await Promise.all([1, 2, 3, 4].map(() => planAlerts(db.sql, at, options)));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await planAlerts(db.sql, new Date(at.getTime() + 60_000), options)).toBe(0);
    const rows = await alertsOf(agency.userId);
    expect(rows.map((r) => `${r.kind}/${r.channel}/${r.status}`)).toEqual(['deadline_warning/email/pending', 'deadline_warning/in_app/sent']);
    expect(rows[0]!.title).toBe('Ответьте на вопрос: осталось 5 часов 59 минут');
    expect(rows[0]!.body).toContain('[телефон скрыт]');
    expect(rows[0]!.body).toContain('Срок ответа: 8 декабря, 10:00 (саратовское время)');
    // The deadline passes: the breach notice, once.
    await planAlerts(db.sql, new Date(asked.getTime() + 24 * H + 5 * 60_000), options);
    expect((await alertsOf(agency.userId)).filter((r) => r.kind === 'deadline_breach')).toHaveLength(2);
  });

  it('an answered question produces nothing', async () => {
    const asked = new Date('2026-12-07T06:00:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a2@agency.example', postAt: new Date(asked.getTime() - H) });
    const question = await askQuestion(db.sql, agency, { askedAt: asked });
    await answerQuestion(db.sql, agency, question, new Date(asked.getTime() + 2 * H));
    await planAlerts(db.sql, new Date(asked.getTime() + 18 * H + 60_000), options);
    await planAlerts(db.sql, new Date(asked.getTime() + 24 * H + 60_000), options);
    expect(await alertsOf(agency.userId)).toEqual([]);
  });

  it('quiet hours hold the e-mail (not the in-app notice); an unsubscribe or a switched-off kind stops it', async () => {
    // Asked 04:30 Saratov: the warning falls at 22:30 Saratov, inside 22:00–07:00.
    const asked = new Date('2026-12-07T00:30:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a3@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await updateAlertSettings(db.sql, agency.userId, { quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 } });
    const warnAt = new Date(asked.getTime() + 18 * H);
    await planAlerts(db.sql, warnAt, options);
    const [email, inApp] = await alertsOf(agency.userId);
    expect(email!.next_attempt_at.toISOString()).toBe('2026-12-08T03:00:00.000Z');
    expect(inApp).toMatchObject({ channel: 'in_app', status: 'sent' });
    expect(await claimDueAlerts(db.sql, warnAt)).toEqual([]);

    const { unsubscribeToken } = await getAlertSettings(db.sql, { id: agency.userId, role: 'agency' });
    expect(await unsubscribeAlertEmails(db.sql, unsubscribeToken)).toEqual({ email: 'a3@agency.example' });
    expect((await alertsOf(agency.userId))[0]!.status).toBe('skipped');
    await setAlertSubscription(db.sql, agency.userId, { kind: 'deadline_breach', channel: 'in_app', enabled: false });
    await planAlerts(db.sql, new Date(asked.getTime() + 24 * H), options);
    expect((await alertsOf(agency.userId)).filter((r) => r.kind === 'deadline_breach')).toEqual([]);
  });

  it('rules are data: a monitor moves the warning to 12 hours or switches it off', async () => {
    const actor = { id: await makeAlertUser(db.sql, { email: 'm@ngo.example', role: 'monitor' }), label: 'm@ngo.example' };
    expect(await updateAlertRule(db.sql, { kind: 'deadline_warning', enabled: true, threshold: 40 }, actor)).toEqual({ problem: 'Порог должен быть от 1 до 23' });
    await updateAlertRule(db.sql, { kind: 'deadline_warning', enabled: true, threshold: 12 }, actor);
    const asked = new Date('2026-12-09T06:00:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a4@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await planAlerts(db.sql, new Date(asked.getTime() + 12 * H), options);
    expect((await alertsOf(agency.userId)).map((r) => r.title)).toEqual(['Ответьте на вопрос: осталось 12 часов', 'Ответьте на вопрос: осталось 12 часов']);
    await updateAlertRule(db.sql, { kind: 'deadline_warning', enabled: true, threshold: 18 }, actor);
  });
});

describe('delivery bookkeeping', () => {
  it('claims each due alert once across parallel senders, retries failures with backoff, and never resends an interrupted one', async () => {
    const asked = new Date('2026-12-10T06:00:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a5@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(db.sql, agency, { askedAt: asked });
    const at = new Date(asked.getTime() + 18 * H);
    await planAlerts(db.sql, at, options);
    const claims = await Promise.all([1, 2, 3].map(() => claimDueAlerts(db.sql, at)));
    const mine = claims.flat().filter((a) => a.userId === agency.userId);
    expect(mine).toHaveLength(1);
    expect(await recordAlertFailure(db.sql, mine[0]!, 'connection refused', { permanent: false, now: at })).toBe('retrying');
    expect((await claimDueAlerts(db.sql, at)).filter((a) => a.userId === agency.userId)).toEqual([]);
    const later = new Date(at.getTime() + 61_000);
    const [again] = (await claimDueAlerts(db.sql, later)).filter((a) => a.userId === agency.userId);
    expect(again!.attempts).toBe(2);
    // The sender dies here: after the lease the alert is "unknown", never claimed again.
    expect(await expireStuckAlerts(db.sql, new Date(later.getTime() + 10 * 60_000), 5 * 60_000)).toBeGreaterThanOrEqual(1);
    expect((await claimDueAlerts(db.sql, new Date(later.getTime() + 24 * H))).filter((a) => a.userId === agency.userId)).toEqual([]);
    await recordAlertSent(db.sql, again!.id);
    expect((await alertsOf(agency.userId)).find((r) => r.channel === 'email')!.status).toBe('unknown');
  });

  it("the in-app list: unread count, mark read, only the user's own", async () => {
    const asked = new Date('2026-12-11T06:00:00Z');
    const agency = await makeAlertAgency(db.sql, { email: 'a6@agency.example', postAt: new Date(asked.getTime() - H) });
    await askQuestion(db.sql, agency, { askedAt: asked });
    await planAlerts(db.sql, new Date(asked.getTime() + 18 * H), options);
    expect(await unreadNotificationCount(db.sql, agency.userId)).toBe(1);
    const [notification] = await listNotifications(db.sql, agency.userId);
    expect(notification).toMatchObject({ kind: 'deadline_warning', read: false });
    const stranger = await makeAlertUser(db.sql, { email: 'x@agency.example', role: 'agency', organizationId: agency.organizationId });
    expect(await markNotificationsRead(db.sql, stranger, [notification!.id])).toBe(0);
    expect(await markNotificationsRead(db.sql, agency.userId, [notification!.id])).toBe(1);
    expect(await unreadNotificationCount(db.sql, agency.userId)).toBe(0);
  });
});
