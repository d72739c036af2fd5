import { z } from 'zod';
import {
  alertDeliveryCounts,
  createTelegramLinkCode,
  getAlertSettings,
  listAlertDeliveryProblems,
  listAlertRules,
  listNotifications,
  markNotificationsRead,
  setAlertSubscription,
  unlinkTelegram,
  unreadNotificationCount,
  updateAlertRule,
  updateAlertSettings,
} from '@most/db/alerts';
import { ACCESS, ALERT_CHANNELS, ALERT_KIND_DEFINITIONS, alertChannelSchema, alertKindsFor, alertKindSchema, alertRuleSchema, quietHoursSchema } from '@most/domain';
import { AppError } from '@most/shared';
import { id, isoDate } from '../schemas';
import { monitorProcedure, router, authedProcedure } from '../trpc';

/** Anyone whose role receives alerts (access.ts `alerts`). */
const alertsProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!(ACCESS.alerts as readonly string[]).includes(ctx.user.role)) throw new AppError('FORBIDDEN', 'Оповещения доступны сотрудникам ведомств и мониторам');
  return next();
});

const notificationSchema = z.object({ id, kind: alertKindSchema, title: z.string(), body: z.string(), link: z.string(), createdAt: isoDate, read: z.boolean() });
const channelsSchema = z.object(Object.fromEntries(ALERT_CHANNELS.map((c) => [c, z.boolean()])) as Record<(typeof ALERT_CHANNELS)[number], z.ZodBoolean>);

export const alertsRouter = router({
  /** The unread count for the app shell's badge. */
  unread: alertsProcedure.output(z.object({ count: z.number().int() })).query(async ({ ctx }) => ({ count: await unreadNotificationCount(ctx.sql, ctx.user.id) })),

  notifications: alertsProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .output(z.array(notificationSchema))
    .query(({ ctx, input }) => listNotifications(ctx.sql, ctx.user.id, input.limit)),

  /** Marks the given notifications read, or all of them when no ids are given. */
  markRead: alertsProcedure
    .input(z.object({ ids: z.array(id).min(1).max(500).optional() }))
    .output(z.object({ marked: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ marked: await markNotificationsRead(ctx.sql, ctx.user.id, input.ids) })),

  /** The profile page: per-kind channels, quiet hours, e-mail state, Telegram link state. */
  settings: alertsProcedure
    .output(
      z.object({
        emailUnsubscribed: z.boolean(),
        quietHours: quietHoursSchema.nullable(),
        telegram: z.enum(['not_configured', 'not_linked', 'linked']),
        subscriptions: z.array(z.object({ kind: alertKindSchema, title: z.string(), channels: channelsSchema })),
      }),
    )
    .query(async ({ ctx }) => {
      const settings = await getAlertSettings(ctx.sql, ctx.user);
      return {
        emailUnsubscribed: settings.emailUnsubscribed,
        quietHours: settings.quietHours,
        telegram: !ctx.telegramBot ? 'not_configured' : settings.telegramLinked ? 'linked' : 'not_linked',
        subscriptions: settings.subscriptions.map((s) => ({ ...s, title: ALERT_KIND_DEFINITIONS[s.kind].title })),
      } as const;
    }),

  subscribe: alertsProcedure
    .input(z.object({ kind: alertKindSchema, channel: alertChannelSchema, enabled: z.boolean() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (!alertKindsFor(ctx.user.role).includes(input.kind)) throw new AppError('BAD_REQUEST', 'Этот вид оповещений не для вашей роли');
      await setAlertSubscription(ctx.sql, ctx.user.id, input);
      return { ok: true as const };
    }),

  updateSettings: alertsProcedure
    .input(z.object({ quietHours: quietHoursSchema.nullable().optional(), emailEnabled: z.boolean().optional() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateAlertSettings(ctx.sql, ctx.user.id, input);
      return { ok: true as const };
    }),

  /** A one-time deep link https://t.me/<bot>?start=<code>, valid 15 minutes. */
  telegramLink: alertsProcedure.output(z.object({ url: z.string(), expiresAt: isoDate })).mutation(async ({ ctx }) => {
    if (!ctx.telegramBot) throw new AppError('BAD_REQUEST', 'Telegram-бот не настроен на этом сервере');
    const username = await ctx.telegramBot.username().catch(() => {
      throw new AppError('UNAVAILABLE', 'Telegram сейчас не отвечает, попробуйте позже');
    });
    const { code, expiresAt } = await createTelegramLinkCode(ctx.sql, ctx.user.id);
    return { url: `https://t.me/${username}?start=${code}`, expiresAt };
  }),

  telegramUnlink: alertsProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await unlinkTelegram(ctx.sql, ctx.user.id);
    return { ok: true as const };
  }),

  /** Monitors: the rules as data, with their Russian names and threshold bounds. */
  rules: monitorProcedure
    .output(
      z.array(
        alertRuleSchema.extend({
          title: z.string(),
          audience: z.enum(['agency', 'monitoring']),
          thresholdSpec: z.object({ min: z.number(), max: z.number(), label: z.string(), default: z.number() }).nullable(),
          updatedAt: isoDate,
        }),
      ),
    )
    .query(async ({ ctx }) =>
      (await listAlertRules(ctx.sql)).map((r) => ({
        ...r,
        title: ALERT_KIND_DEFINITIONS[r.kind].title,
        audience: ALERT_KIND_DEFINITIONS[r.kind].audience,
        thresholdSpec: ALERT_KIND_DEFINITIONS[r.kind].threshold,
      })),
    ),

  updateRule: monitorProcedure
    .input(alertRuleSchema)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const { problem } = await updateAlertRule(ctx.sql, input, ctx.actor);
      if (problem) throw new AppError('BAD_REQUEST', problem);
      return { ok: true as const };
    }),

  /** Monitors: deliveries being retried, given up, or interrupted, and a week's counts. */
  deliveries: monitorProcedure
    .output(
      z.object({
        counts: z.array(z.object({ channel: alertChannelSchema, status: z.string(), count: z.number().int() })),
        problems: z.array(
          z.object({
            id,
            kind: alertKindSchema,
            channel: alertChannelSchema,
            status: z.enum(['retrying', 'failed', 'unknown']),
            recipient: z.string(),
            title: z.string(),
            attempts: z.number().int(),
            lastError: z.string().nullable(),
            nextAttemptAt: isoDate,
            createdAt: isoDate,
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => ({ counts: await alertDeliveryCounts(ctx.sql), problems: await listAlertDeliveryProblems(ctx.sql) })),
});
