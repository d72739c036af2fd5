import {
  claimDueAlerts,
  expireStuckAlerts,
  linkTelegramChat,
  planAlerts,
  recordAlertFailure,
  recordAlertSent,
  recordAlertSkipped,
  saveTelegramUpdateOffset,
  telegramUpdateOffset,
  type AlertToSend,
} from '@most/db/alerts';
import type { Sql } from '@most/db';
import { escapeBulletinHtml, slaElapsedMs, warningTitle, type SlaPolicy } from '@most/domain';
import { loadMethodology } from '@most/db/scoring';
import { createTelegramBot, startCode, TelegramBotError, type TelegramBot } from '@most/sources';
import type { BulletinMailer } from '../processors/bulletin-mailer';
import type { AlertWorkerOptions } from './options';

export interface AlertSenders {
  mailer: BulletinMailer;
  telegram: TelegramBot | null;
}

export interface SweepResult {
  linked: number;
  planned: number;
  sent: number;
  failed: number;
  expired: number;
}

const isPermanentMail = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/** Links chats that sent `/start <code>` and moves the shared offset past what was read. */
async function readTelegramUpdates(sql: Sql, bot: TelegramBot, now: Date): Promise<number> {
  const updates = await bot.getUpdates((await telegramUpdateOffset(sql)) || 0);
  let linked = 0;
  for (const update of updates) {
    const code = startCode(update.text);
    if (code && update.chatId) {
      const user = await linkTelegramChat(sql, code, update.chatId, now);
      await bot
        .sendMessage(update.chatId, user ? 'Telegram подключён: сюда будут приходить оповещения «Цифрового моста».' : 'Ссылка устарела или уже использована. Получите новую в профиле на сайте.')
        .catch(() => undefined);
      if (user) linked += 1;
    }
  }
  if (updates.length > 0) await saveTelegramUpdateOffset(sql, Math.max(...updates.map((u) => u.updateId)) + 1);
  return linked;
}

/** A warning held back (quiet hours, retries) tells the time left as of sending, not as of planning. */
function currentTitle(alert: AlertToSend, policy: SlaPolicy, now: Date): string {
  if (alert.kind !== 'deadline_warning' || !alert.expiresAt) return alert.title;
  return warningTitle(slaElapsedMs(policy, now.getTime(), alert.expiresAt.getTime()), policy.clock === 'working_hours');
}

async function send(original: AlertToSend, senders: AlertSenders, options: AlertWorkerOptions, policy: SlaPolicy, now: Date): Promise<void> {
  const alert = { ...original, title: currentTitle(original, policy, now) };
  if (alert.channel === 'telegram') {
    if (!senders.telegram || !alert.telegramChatId) throw new TelegramBotError('Telegram не подключён', 0, true);
    await senders.telegram.sendMessage(alert.telegramChatId, `${alert.title}\n\n${alert.body}`);
    return;
  }
  const unsubscribeUrl = `${options.publicUrl}/alerts/unsubscribe/${alert.unsubscribeToken}`;
  const footer = `Настроить оповещения: ${options.publicUrl}/profile\nОтписаться от писем-оповещений: ${unsubscribeUrl}`;
  const paragraphs = alert.body
    .split('\n')
    .map((line) => `<p>${escapeBulletinHtml(line)}</p>`)
    .join('');
  await senders.mailer.send({
    to: alert.email,
    subject: `Цифровой мост: ${alert.title}`,
    text: `${alert.title}\n\n${alert.body}\n\n${footer}`,
    html: `<h2>${escapeBulletinHtml(alert.title)}</h2>${paragraphs}<p><a href="${escapeBulletinHtml(alert.link)}">Открыть</a></p><hr><p><a href="${escapeBulletinHtml(options.publicUrl)}/profile">Настроить оповещения</a> · <a href="${escapeBulletinHtml(unsubscribeUrl)}">Отписаться от писем</a></p>`,
    unsubscribeUrl,
    fileStem: `alert-${alert.id}`,
    // Stable per alert: a mail system that ever sees it twice drops the copy.
    messageId: `<alert.${alert.id}@${new URL(options.publicUrl).hostname}>`,
  });
}

/**
 * One pass: expire interrupted sends, link Telegram chats, evaluate the rules, then send what is
 * due. Each alert is claimed (committed) before it is sent and recorded right after, so a crash
 * can lose a send's outcome but never send it twice.
 */
export async function runAlertsSweep(sql: Sql, senders: AlertSenders, options: AlertWorkerOptions & { missingSchedules?: readonly string[] }, now = new Date()): Promise<SweepResult> {
  const result: SweepResult = { linked: 0, planned: 0, sent: 0, failed: 0, expired: await expireStuckAlerts(sql, now, options.leaseMs) };
  if (senders.telegram) result.linked = await readTelegramUpdates(sql, senders.telegram, now);
  result.planned = await planAlerts(sql, now, { publicUrl: options.publicUrl, telegram: senders.telegram !== null, catchUpMs: options.catchUpMs, missingSchedules: options.missingSchedules });
  const { methodology } = await loadMethodology(sql);
  for (let batch = 0; batch < 20; batch += 1) {
    const claimed = await claimDueAlerts(sql, now, 50);
    if (claimed.length === 0) break;
    for (const alert of claimed) {
      if (alert.channel === 'email' && !alert.unsubscribeToken) {
        await recordAlertSkipped(sql, alert.id, 'Нет ссылки для отписки');
        continue;
      }
      try {
        await send(alert, senders, options, methodology.sla, now);
      } catch (error) {
        const permanent = error instanceof TelegramBotError ? error.permanent : isPermanentMail(error);
        await recordAlertFailure(sql, alert, (error as Error).message, { permanent, now });
        result.failed += 1;
        continue;
      }
      await recordAlertSent(sql, alert.id, now);
      result.sent += 1;
    }
  }
  return result;
}

export function telegramBotOf(options: AlertWorkerOptions): TelegramBot | null {
  return options.telegram ? createTelegramBot({ token: options.telegram.token, apiUrl: options.telegram.apiUrl }) : null;
}
