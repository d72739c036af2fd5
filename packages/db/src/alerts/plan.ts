import {
  ALERT_CATCH_UP_MS,
  ALERT_KIND_DEFINITIONS,
  alertKey,
  deliverAfter,
  digestMessage,
  dueDigest,
  dueQuestionAlerts,
  localDateOf,
  localDateTimeRu,
  noticeMessage,
  questionAlertMessage,
  slaElapsedMs,
  type AlertChannel,
  type AlertKind,
  type AlertMessage,
  type QuietHours,
  type SlaPolicy,
} from '@most/domain';
import type { Role } from '@most/shared';
import type { Queryable } from '../client';
import { loadMethodology } from '../scoring/methodology';
import { classifyPendingComments } from '../scoring/classify';
import { MEASUREMENT_HORIZON_DAYS } from '../scoring/measure';
import { listOpenQuestions } from '../scoring/watch';
import { ensureAlertSettings, listAlertRules } from './settings';

export interface PlanOptions {
  /** Base of links to the platform's own pages. */
  publicUrl: string;
  /** Telegram alerts only when a bot is configured. */
  telegram: boolean;
  /** How far back a missed alert is still worth sending (default 6 hours). */
  catchUpMs?: number;
  /** Scheduler ids the queue lost (the worker checks them). */
  missingSchedules?: readonly string[];
}

interface Recipient {
  id: number;
  role: Role;
  organizationId: number | null;
  quiet: QuietHours | null;
  emailOff: boolean;
  telegramLinked: boolean;
  off: Set<string>;
}

/** One alert made due by a rule, before it is fanned out to recipients and channels. */
interface Planned {
  kind: AlertKind;
  subject: string;
  dueAt: number;
  message: AlertMessage;
  /** Not worth sending after this instant (a warning after its deadline). */
  expiresAt?: number;
  /** Agency alerts: the organization whose staff receive it; monitors' alerts: null. */
  organizationId: number | null;
}

async function loadRecipients(sql: Queryable): Promise<Recipient[]> {
  // Every recipient needs an unsubscribe token before an e-mail can go out.
  const missing = await sql<{ id: number }[]>`
    SELECT u.id FROM users u WHERE u.disabled_at IS NULL AND u.role IN ('admin', 'monitor', 'agency') AND NOT EXISTS (SELECT 1 FROM alert_settings s WHERE s.user_id = u.id)`;
  for (const user of missing) await ensureAlertSettings(sql, user.id);
  const rows = await sql<
    { id: number; role: Role; organization_id: number | null; quiet_start_minute: number | null; quiet_end_minute: number | null; email_off: boolean; telegram: boolean; off: string[] }[]
  >`
    SELECT u.id, u.role, u.organization_id, s.quiet_start_minute, s.quiet_end_minute,
           s.email_unsubscribed_at IS NOT NULL AS email_off, s.telegram_chat_id IS NOT NULL AS telegram,
           COALESCE((SELECT array_agg(x.kind || ':' || x.channel) FROM alert_subscriptions x WHERE x.user_id = u.id AND NOT x.enabled), '{}') AS off
    FROM users u LEFT JOIN alert_settings s ON s.user_id = u.id
    WHERE u.disabled_at IS NULL AND u.role IN ('admin', 'monitor', 'agency')`;
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    organizationId: r.organization_id,
    quiet: r.quiet_start_minute === null || r.quiet_end_minute === null ? null : { startMinute: r.quiet_start_minute, endMinute: r.quiet_end_minute },
    emailOff: r.email_off,
    telegramLinked: r.telegram,
    off: new Set(r.off),
  }));
}

/** Question alerts, the digest, recommendations and decided disputes for the organizations that have agency staff. */
async function agencyAlerts(
  sql: Queryable,
  policy: SlaPolicy,
  organizationIds: number[],
  rules: Map<AlertKind, { enabled: boolean; threshold: number | null }>,
  now: number,
  options: PlanOptions,
): Promise<Planned[]> {
  const planned: Planned[] = [];
  const catchUpMs = options.catchUpMs ?? ALERT_CATCH_UP_MS;
  const working = policy.clock === 'working_hours';
  const on = (kind: AlertKind) => rules.get(kind)?.enabled ?? false;
  const questionRules = {
    warning: { enabled: on('deadline_warning'), afterHours: rules.get('deadline_warning')?.threshold ?? 18 },
    breach: { enabled: on('deadline_breach') },
  };
  const names = new Map((await sql<{ id: number; short_name: string }[]>`SELECT id, short_name FROM organizations WHERE id = ANY(${organizationIds}::bigint[])`).map((o) => [o.id, o.short_name]));
  const digest = on('morning_digest') ? dueDigest(policy, rules.get('morning_digest')?.threshold ?? 9, now, catchUpMs) : null;
  // Scoring classifies hourly; comments read since then must be known as questions now.
  const accounts = await sql<{ id: number }[]>`SELECT id FROM accounts WHERE organization_id = ANY(${organizationIds}::bigint[]) AND removed_at IS NULL`;
  if (accounts.length > 0) await classifyPendingComments(sql, { accountIds: accounts.map((a) => a.id), since: new Date(now - MEASUREMENT_HORIZON_DAYS * 86_400_000) }, new Date(now));
  const leftOf = (deadline: Date) => (deadline.getTime() >= now ? slaElapsedMs(policy, now, deadline.getTime()) : -slaElapsedMs(policy, deadline.getTime(), now));
  for (const organizationId of organizationIds) {
    if (!questionRules.warning.enabled && !questionRules.breach.enabled && !digest) continue;
    const open = await listOpenQuestions(sql, organizationId, { now: new Date(now), days: MEASUREMENT_HORIZON_DAYS, limit: 2000 });
    for (const q of open) {
      for (const due of dueQuestionAlerts(policy, questionRules, { questionId: q.questionId, organizationId, askedAt: q.askedAt.getTime() }, now, catchUpMs)) {
        const facts = {
          pageUrl: q.accountUrl,
          organizationName: names.get(organizationId) ?? '',
          questionText: q.text,
          commentUrl: q.commentUrl,
          askedAtLabel: localDateTimeRu(q.askedAt.getTime(), policy.utcOffsetMinutes),
          leftMs: leftOf(q.deadlineAt),
          working,
        };
        const message = questionAlertMessage(due.kind as 'deadline_warning' | 'deadline_breach', facts);
        message.body += `\nСрок ответа: ${localDateTimeRu(q.deadlineAt.getTime(), policy.utcOffsetMinutes)} (саратовское время)`;
        planned.push({ ...due, message, organizationId, ...(due.kind === 'deadline_warning' ? { expiresAt: q.deadlineAt.getTime() } : {}) });
      }
    }
    if (digest && open.length > 0) {
      const items = open.map((q) => ({ pageUrl: q.accountUrl, questionText: q.text, commentUrl: q.commentUrl, leftMs: leftOf(q.deadlineAt), working }));
      planned.push({ ...digest, message: digestMessage(items, `${options.publicUrl}/agency/sla`), organizationId });
    }
  }
  const since = new Date(now - catchUpMs);
  if (on('new_recommendation')) {
    const rows = await sql<{ organization_id: number; count: number; newest: Date }[]>`
      SELECT a.organization_id, count(*)::int AS count, max(r.created_at) AS newest
      FROM recommendations r JOIN accounts a ON a.id = r.account_id
      WHERE a.organization_id = ANY(${organizationIds}::bigint[]) AND r.created_at > ${since} AND r.created_at <= ${new Date(now)}
      GROUP BY a.organization_id`;
    for (const r of rows) {
      const day = localDateOf(r.newest.getTime(), policy.utcOffsetMinutes);
      const detail = `Новых рекомендаций по вашим страницам: ${r.count}. Откройте их, чтобы отметить, что сделано.`;
      planned.push({
        kind: 'new_recommendation',
        subject: `rec${day}`,
        dueAt: r.newest.getTime(),
        organizationId: r.organization_id,
        message: noticeMessage('new_recommendation', detail, `${options.publicUrl}/agency/recommendations`),
      });
    }
  }
  if (on('dispute_decided')) {
    const rows = await sql<{ id: number; organization_id: number; status: 'accepted' | 'rejected'; decided_at: Date; decision_reason: string }[]>`
      SELECT d.id, a.organization_id, d.status, d.decided_at, d.decision_reason
      FROM disputes d JOIN accounts a ON a.id = d.account_id
      WHERE a.organization_id = ANY(${organizationIds}::bigint[]) AND d.decided_at > ${since} AND d.decided_at <= ${new Date(now)}`;
    for (const d of rows) {
      const detail = `Возражение № ${d.id} ${d.status === 'accepted' ? 'принято' : 'отклонено'}. Обоснование: ${d.decision_reason.slice(0, 500)}`;
      planned.push({
        kind: 'dispute_decided',
        subject: `disp${d.id}`,
        dueAt: d.decided_at.getTime(),
        organizationId: d.organization_id,
        message: noticeMessage('dispute_decided', detail, `${options.publicUrl}/agency/disputes`),
      });
    }
  }
  return planned;
}

/** Monitors' alerts: pages failing repeatedly, a token refused, schedules lost. */
async function monitorAlerts(sql: Queryable, policy: SlaPolicy, rules: Map<AlertKind, { enabled: boolean; threshold: number | null }>, now: number, options: PlanOptions): Promise<Planned[]> {
  const planned: Planned[] = [];
  const crawlPage = `${options.publicUrl}/monitor/crawl`;
  const since = new Date(now - (options.catchUpMs ?? ALERT_CATCH_UP_MS));
  const failing = rules.get('page_failing');
  if (failing?.enabled) {
    const rows = await sql<{ account_id: number; url: string; failures: number; last_success_at: Date | null; last_error_at: Date; last_error: string | null }[]>`
      SELECT h.account_id, a.canonical_url AS url, h.consecutive_failures AS failures, h.last_success_at, h.last_error_at, h.last_error
      FROM crawl_health h JOIN accounts a ON a.id = h.account_id AND a.removed_at IS NULL
      WHERE h.consecutive_failures >= ${failing.threshold ?? 3} AND h.last_error_at > ${since}`;
    for (const r of rows) {
      // A new streak of failures after a success is a new subject.
      const detail = `${r.url}: ${r.failures} неудачных чтений подряд. Последняя ошибка: ${(r.last_error ?? 'без описания').slice(0, 300)}`;
      planned.push({
        kind: 'page_failing',
        subject: `pf${r.account_id}-${r.last_success_at?.getTime() ?? 0}`,
        dueAt: r.last_error_at.getTime(),
        organizationId: null,
        message: noticeMessage('page_failing', detail, crawlPage),
      });
    }
  }
  if (rules.get('token_refused')?.enabled) {
    const rows = await sql<{ id: number; network: string; message: string; first_raised_at: Date }[]>`
      SELECT id, network, message, first_raised_at FROM crawl_alerts WHERE kind = 'auth' AND resolved_at IS NULL`;
    for (const r of rows) {
      const detail = `Сеть ${r.network.toUpperCase()} отклонила ключ доступа: ${r.message.slice(0, 300)}. Чтение страниц этой сети остановлено, пока ключ не заменят.`;
      planned.push({ kind: 'token_refused', subject: `tok${r.id}`, dueAt: r.first_raised_at.getTime(), organizationId: null, message: noticeMessage('token_refused', detail, crawlPage) });
    }
  }
  if (rules.get('schedule_missing')?.enabled && options.missingSchedules && options.missingSchedules.length > 0) {
    const detail = `Пропали расписания: ${options.missingSchedules.join(', ')}. Обработчик восстанавливает их; если сообщение повторится, проверьте очередь (Redis).`;
    planned.push({
      kind: 'schedule_missing',
      subject: `sch${localDateOf(now, policy.utcOffsetMinutes)}`,
      dueAt: now,
      organizationId: null,
      message: noticeMessage('schedule_missing', detail, crawlPage),
    });
  }
  return planned;
}

/**
 * Evaluates every rule at `now` and records the alerts due, one row per recipient and channel.
 * Rows are keyed (rule, subject, recipient, channel) and inserted with ON CONFLICT DO NOTHING, so
 * running this again — after a restart, in parallel workers — adds nothing. Returns rows created.
 */
export async function planAlerts(sql: Queryable, now: Date, options: PlanOptions): Promise<number> {
  const [rulesList, recipients, { methodology }] = await Promise.all([listAlertRules(sql), loadRecipients(sql), loadMethodology(sql)]);
  const policy = methodology.sla;
  const rules = new Map(rulesList.map((r) => [r.kind, r]));
  const organizationIds = [...new Set(recipients.filter((r) => r.role === 'agency' && r.organizationId !== null).map((r) => r.organizationId!))];
  const planned = [
    ...(organizationIds.length > 0 ? await agencyAlerts(sql, policy, organizationIds, rules, now.getTime(), options) : []),
    ...(recipients.some((r) => r.role !== 'agency') ? await monitorAlerts(sql, policy, rules, now.getTime(), options) : []),
  ];
  const rows = [];
  for (const alert of planned) {
    const audience = ALERT_KIND_DEFINITIONS[alert.kind].audience;
    const to = recipients.filter((r) => (audience === 'agency' ? r.role === 'agency' && r.organizationId === alert.organizationId : r.role !== 'agency'));
    for (const recipient of to) {
      const channels: AlertChannel[] = ['in_app', 'email', ...(options.telegram && recipient.telegramLinked ? (['telegram'] as const) : [])];
      for (const channel of channels) {
        if (recipient.off.has(`${alert.kind}:${channel}`) || (channel === 'email' && recipient.emailOff)) continue;
        const inApp = channel === 'in_app';
        rows.push({
          idempotency_key: alertKey(alert, recipient.id, channel),
          user_id: recipient.id,
          kind: alert.kind,
          channel,
          subject: alert.subject,
          title: alert.message.title,
          body: alert.message.body,
          link: alert.message.link,
          due_at: new Date(alert.dueAt),
          next_attempt_at: new Date(deliverAfter(now.getTime(), channel, recipient.quiet, policy.utcOffsetMinutes)),
          status: inApp ? 'sent' : 'pending',
          sent_at: inApp ? now : null,
          expires_at: alert.expiresAt === undefined ? null : new Date(alert.expiresAt),
        });
      }
    }
  }
  let created = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const result = await sql`
      INSERT INTO alerts ${sql(chunk, 'idempotency_key', 'user_id', 'kind', 'channel', 'subject', 'title', 'body', 'link', 'due_at', 'next_attempt_at', 'status', 'sent_at', 'expires_at')}
      ON CONFLICT (idempotency_key) DO NOTHING`;
    created += result.count;
  }
  return created;
}
