import { UnrecoverableError } from 'bullmq';
import { getDeliveryToSend, loadIssueView, recordDeliveryAttempt, type Sql } from '@most/db';
import { renderIssueHtml, sectionsToText } from '@most/domain';
import type { ParsedJob } from '@most/queue';
import type { BulletinMailer } from './bulletin-mailer';
import type { BulletinWorkerOptions } from './bulletin-options';

/** SMTP 5xx replies are permanent (unknown mailbox, policy): retrying cannot help. */
const isPermanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Sends one agency contact its issue: its own section first, then the public edition, with the
 * acknowledgement and opt-out links. Records the outcome of every attempt on the delivery.
 */
export async function processBulletinEmail(job: ParsedJob<'bulletin-email'>, sql: Sql, mailer: BulletinMailer, options: BulletinWorkerOptions): Promise<{ deliveryId: number; status: string }> {
  const { deliveryId } = job.data;
  const found = await getDeliveryToSend(sql, deliveryId);
  if (!found) throw new UnrecoverableError(`Bulletin delivery ${deliveryId} does not exist`);
  const { delivery } = found;
  if (delivery.status === 'sent' || delivery.status === 'skipped' || delivery.status === 'failed') return { deliveryId, status: delivery.status };
  if (found.unsubscribed) {
    await recordDeliveryAttempt(sql, { deliveryId, outcome: 'skipped' });
    return { deliveryId, status: 'skipped' };
  }
  const view = await loadIssueView(sql, { id: delivery.issueId }, ['public', `org-${delivery.organizationId}`]);
  if (!view) throw new UnrecoverableError(`Bulletin issue ${delivery.issueId} does not exist`);
  const own = view.sections.filter((s) => s.organizationId === delivery.organizationId);
  const publicEdition = view.sections.filter((s) => s.audience === 'public');
  const base = options.publicUrl;
  const unsubscribeUrl = `${base}/bulletin/unsubscribe/${found.unsubscribeToken}`;
  const acknowledgeUrl = found.acknowledgeToken ? `${base}/bulletin/acknowledge/${found.acknowledgeToken}` : undefined;
  const links = { archive: `${base}/bulletin`, pdf: `${base}/bulletin/${view.slug}.pdf`, unsubscribe: unsubscribeUrl, ...(acknowledgeUrl ? { acknowledge: acknowledgeUrl } : {}) };
  const sections = [...own, ...publicEdition];
  const text = [
    view.title,
    acknowledgeUrl ? `Подтвердите получение рекомендаций: ${acknowledgeUrl}` : '',
    sectionsToText(sections),
    `Выпуск на сайте: ${base}/bulletin/${view.slug}`,
    `Отписаться от рассылки: ${unsubscribeUrl}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const organizationName = own[0]?.title ?? '';
  try {
    const sent = await mailer.send({
      to: delivery.email,
      subject: organizationName ? `${view.title} — ${organizationName}` : view.title,
      html: renderIssueHtml(view, sections, links),
      text,
      unsubscribeUrl,
      fileStem: `${view.slug}-${delivery.organizationId}-${delivery.id}`,
      messageId: `<bulletin.${view.slug}.${delivery.id}@${new URL(base).hostname}>`,
    });
    await recordDeliveryAttempt(sql, { deliveryId, outcome: 'sent', messageId: sent.messageId, transport: mailer.transport });
    return { deliveryId, status: 'sent' };
  } catch (error) {
    const message = (error as Error).message;
    const permanent = isPermanent(error);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await recordDeliveryAttempt(sql, { deliveryId, outcome: permanent || lastAttempt ? 'failed' : 'retrying', error: message, transport: mailer.transport });
    if (permanent) throw new UnrecoverableError(message);
    throw error;
  }
}
