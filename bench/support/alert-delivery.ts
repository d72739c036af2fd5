/**
 * The alert-delivery half of `npm run bench:alerts` (issue 15): how soon a question crossing the
 * warning threshold is in the recipient's mailbox (a real SMTP server) and Telegram chat (the Bot API
 * test server), and whether every question still open at N hours got its warning before the deadline.
 *
 * One agency (one page, one staff member, half of them with Telegram linked) per organization of the
 * demo region; questions asked within half an hour; some answered before N hours, some after, the rest
 * never. The worker's sweep runs as often in simulated time as its scheduler does (a minute) from the first
 * crossing until the last warning could have been retried; answers are written as the clock reaches
 * them. The mail server refuses some first attempts (451) and the Bot API fails some sends (500), so
 * retries with backoff are part of the figures. A delivery's instant is the sweep's simulated time plus
 * the wall time from the sweep's start to the SMTP server's receipt (Telegram: to the sweep's end).
 */
import { linkTelegramChat, createTelegramLinkCode } from '@most/db/alerts';
import { loadMethodology } from '@most/db/scoring';
import { ALERT_SWEEP_EVERY_MS, alertRetryDelayMs, percentile, slaDeadline, warningAt } from '@most/domain';
import { runAlertsSweep } from '@most/worker';
import { alertSendersFor, startTestSmtpServer } from '@most/worker/testing';

const MIN = 60_000;
const H = 60 * MIN;
/** Questions are asked from here (midnight UTC), so their warnings fall in the evening, when no morning digest is due. */
const T0 = Date.UTC(2026, 10, 20, 0, 0);
const QUESTIONS_PER_AGENCY = 2;
/** After the last crossing, time for the retries of a send refused up to four times in a row (1 + 2 + 4 + 8 minutes). */
const TAIL_MS = [1, 2, 3, 4].reduce((sum, attempts) => sum + alertRetryDelayMs(attempts), 0);
/** Questions are asked within this span, so the sweeps cover all crossings in under an hour of simulated time. */
const ASK_SPREAD_MS = 30 * MIN;

export interface DeliveryFigures {
  agencies: number;
  questions: number;
  openAtThreshold: number;
  warnedByEmail: number;
  telegramOpenAtThreshold: number;
  warnedByTelegram: number;
  latencyP50Minutes: number;
  latencyP95Minutes: number;
  telegramLatencyP95Minutes: number;
  retried: number;
  sweeps: number;
  sweepP95Ms: number;
  thresholdHours: number;
  deadlineHours: number;
  wallSeconds: number;
}

/** A small deterministic generator, so runs are comparable. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function measureAlertDelivery(agencies: number): Promise<DeliveryFigures> {
  const [{ createTestDatabase, makeAlertAgency, askQuestion, answerQuestion }, { startTelegramBotServer }] = await Promise.all([import('@most/db/testing'), import('@most/sources/simulator')]);
  const random = seeded(15);
  const db = await createTestDatabase();
  // Every fifth recipient's server says "try again later" to the first attempt.
  const refusedOnce = new Set<string>();
  const smtp = await startTestSmtpServer({
    refuse: (address) => {
      if (!/^staff(\d*[05])@/.test(address) || refusedOnce.has(address)) return null;
      refusedOnce.add(address);
      return { code: 451, message: 'Mailbox busy, try again later' };
    },
  });
  const bot = await startTelegramBotServer();
  const { options, senders } = alertSendersFor(smtp, bot);
  const wallStart = performance.now();
  try {
    const { methodology } = await loadMethodology(db.sql);
    const [rule] = await db.sql<{ threshold: number }[]>`SELECT threshold FROM alert_rules WHERE kind = 'deadline_warning'`;
    const thresholdHours = rule!.threshold;
    const policy = methodology.sla;
    const questions: { id: number; userId: number; telegram: boolean; crossing: number; deadline: number; answerAt: number | null; page: { accountId: number; postId: number } }[] = [];
    for (let i = 0; i < agencies; i += 1) {
      const agency = await makeAlertAgency(db.sql, { email: `staff${i}@agency.example`, postAt: new Date(T0 - 2 * H) });
      const telegram = i % 2 === 0;
      if (telegram) {
        const { code } = await createTelegramLinkCode(db.sql, agency.userId, new Date(T0));
        await linkTelegramChat(db.sql, code, String(10_000 + i), new Date(T0));
      }
      for (let k = 0; k < QUESTIONS_PER_AGENCY; k += 1) {
        const askedAt = T0 + Math.floor(random() * ASK_SPREAD_MS);
        const id = await askQuestion(db.sql, agency, { askedAt: new Date(askedAt), author: `citizen-${i}-${k}`, text: `Когда отремонтируют подъезд № ${i}-${k}?` });
        const crossing = warningAt(policy, askedAt, thresholdHours);
        const deadline = slaDeadline(policy, askedAt);
        // 30 % answered before the threshold (no warning due), 30 % between an hour after it and the deadline, 40 % never.
        const fate = random();
        const answerAt = fate < 0.3 ? askedAt + H + Math.floor(random() * (crossing - askedAt - 2 * H)) : fate < 0.6 ? crossing + H + Math.floor(random() * (deadline - crossing - 2 * H)) : null;
        questions.push({ id, userId: agency.userId, telegram, crossing, deadline, answerAt, page: agency });
      }
    }
    const earlyAnswers = questions.filter((q) => q.answerAt !== null && q.answerAt < q.crossing);
    for (const q of earlyAnswers) await answerQuestion(db.sql, q.page, q.id, new Date(q.answerAt!));
    let lateAnswers = questions.filter((q) => q.answerAt !== null && q.answerAt >= q.crossing).sort((a, b) => a.answerAt! - b.answerAt!);

    const first = Math.min(...questions.map((q) => q.crossing));
    const last = Math.max(...questions.map((q) => q.crossing)) + TAIL_MS;
    const delivered = new Map<string, number>();
    const sweepMs: number[] = [];
    bot.failSends(Math.max(3, Math.round(agencies / 20)), 500);
    for (let t = Math.floor(first / ALERT_SWEEP_EVERY_MS) * ALERT_SWEEP_EVERY_MS; t <= last; t += ALERT_SWEEP_EVERY_MS) {
      for (const q of lateAnswers.filter((a) => a.answerAt! <= t)) await answerQuestion(db.sql, q.page, q.id, new Date(q.answerAt!));
      lateAnswers = lateAnswers.filter((a) => a.answerAt! > t);
      const receivedBefore = smtp.received.length;
      const started = performance.now();
      const startedWall = Date.now();
      await runAlertsSweep(db.sql, senders, options, new Date(t));
      const tookMs = performance.now() - started;
      sweepMs.push(tookMs);
      const receivedAt = new Map(smtp.received.slice(receivedBefore).map((m) => [/Message-ID:\s*<alert\.(\d+)@/i.exec(m.raw)?.[1], m.at]));
      const sent = await db.sql<{ id: string; channel: string; subject: string }[]>`
        SELECT id::text, channel, subject FROM alerts WHERE kind = 'deadline_warning' AND status = 'sent' AND channel <> 'in_app' AND sent_at = ${new Date(t)}`;
      for (const alert of sent) {
        const offset = alert.channel === 'email' ? (receivedAt.get(alert.id) ?? startedWall + tookMs) - startedWall : tookMs;
        delivered.set(`${alert.channel}/${alert.subject}`, t + offset);
      }
    }

    const open = questions.filter((q) => q.answerAt === null || q.answerAt >= q.crossing);
    const latencies = (channel: string, among: typeof open) =>
      among
        .flatMap((q) => {
          const at = delivered.get(`${channel}/q${q.id}`);
          return at === undefined ? [] : [at - q.crossing];
        })
        .sort((a, b) => a - b);
    const warnedBefore = (channel: string, among: typeof open) => among.filter((q) => (delivered.get(`${channel}/q${q.id}`) ?? Number.POSITIVE_INFINITY) < q.deadline).length;
    const email = latencies('email', open);
    const telegramOpen = open.filter((q) => q.telegram);
    const [retried] = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM alerts WHERE kind = 'deadline_warning' AND attempts > 1`;
    const emailsDelivered = smtp.received.length;
    const emailRows = await db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM alerts WHERE channel = 'email' AND status = 'sent'`;
    if (emailRows[0]!.n !== emailsDelivered) throw new Error(`the SMTP server received ${emailsDelivered} messages, the database recorded ${emailRows[0]!.n} as sent`);
    const sortedSweeps = [...sweepMs].sort((a, b) => a - b);
    return {
      agencies,
      questions: questions.length,
      openAtThreshold: open.length,
      warnedByEmail: warnedBefore('email', open),
      telegramOpenAtThreshold: telegramOpen.length,
      warnedByTelegram: warnedBefore('telegram', telegramOpen),
      latencyP50Minutes: (percentile(email, 50) ?? Number.NaN) / MIN,
      latencyP95Minutes: (percentile(email, 95) ?? Number.NaN) / MIN,
      telegramLatencyP95Minutes: (percentile(latencies('telegram', telegramOpen), 95) ?? Number.NaN) / MIN,
      retried: retried!.n,
      sweeps: sweepMs.length,
      sweepP95Ms: percentile(sortedSweeps, 95) ?? 0,
      thresholdHours,
      deadlineHours: policy.durationMinutes / 60,
      wallSeconds: (performance.now() - wallStart) / 1000,
    };
  } finally {
    senders.mailer.close();
    await smtp.close();
    await bot.close();
    await db.drop();
  }
}
