import { z } from 'zod';
import type { Role } from '@most/shared';
import { ACCESS } from '../access';

/**
 * Alert rules are data: one row per kind, with a threshold whose meaning the kind defines.
 * Question alerts go to the staff of the page's agency; operational ones go to monitors.
 */
export const ALERT_KINDS = ['deadline_warning', 'deadline_breach', 'morning_digest', 'new_recommendation', 'dispute_decided', 'page_failing', 'token_refused', 'schedule_missing'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const alertKindSchema = z.enum(ALERT_KINDS);

export const ALERT_CHANNELS = ['in_app', 'email', 'telegram'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
export const alertChannelSchema = z.enum(ALERT_CHANNELS);

/** The access area (access.ts) whose roles receive a kind. */
export type AlertAudience = 'agency' | 'monitoring';

interface Threshold {
  default: number;
  min: number;
  max: number;
  /** Russian label of the threshold in the rules editor. */
  label: string;
}

export interface AlertKindDefinition {
  audience: AlertAudience;
  /** Russian name shown in settings and lists. */
  title: string;
  threshold: Threshold | null;
}

/** Every kind: who gets it, its Russian name and its threshold (null = none). */
export const ALERT_KIND_DEFINITIONS: Record<AlertKind, AlertKindDefinition> = {
  deadline_warning: { audience: 'agency', title: 'Вопрос без ответа: срок скоро истечёт', threshold: { default: 18, min: 1, max: 23, label: 'Предупреждать, когда вопрос открыт, часов' } },
  deadline_breach: { audience: 'agency', title: 'Срок ответа на вопрос истёк', threshold: null },
  morning_digest: { audience: 'agency', title: 'Утренняя сводка открытых вопросов', threshold: { default: 9, min: 0, max: 23, label: 'Час отправки (саратовское время)' } },
  new_recommendation: { audience: 'agency', title: 'Новая рекомендация', threshold: null },
  dispute_decided: { audience: 'agency', title: 'Решение по возражению', threshold: null },
  page_failing: { audience: 'monitoring', title: 'Страница не читается несколько раз подряд', threshold: { default: 3, min: 2, max: 50, label: 'Неудачных чтений подряд' } },
  token_refused: { audience: 'monitoring', title: 'Сеть отклонила ключ доступа', threshold: null },
  schedule_missing: { audience: 'monitoring', title: 'Пропало расписание фоновых задач', threshold: null },
};

export const alertRuleSchema = z.object({
  kind: alertKindSchema,
  enabled: z.boolean(),
  threshold: z.number().int().nullable(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** The defaults, as the migration seeds them. */
export const DEFAULT_ALERT_RULES: readonly AlertRule[] = ALERT_KINDS.map((kind) => ({ kind, enabled: true, threshold: ALERT_KIND_DEFINITIONS[kind].threshold?.default ?? null }));

/** Checks a monitor's change of a rule against its kind's bounds; returns a Russian reason when out of bounds. */
export function alertRuleProblem(rule: AlertRule): string | null {
  const threshold = ALERT_KIND_DEFINITIONS[rule.kind].threshold;
  if (!threshold) return rule.threshold === null ? null : 'У этого правила нет порога';
  if (rule.threshold === null || rule.threshold < threshold.min || rule.threshold > threshold.max) return `Порог должен быть от ${threshold.min} до ${threshold.max}`;
  return null;
}

export const alertAudienceRoles = (audience: AlertAudience): readonly Role[] => ACCESS[audience];

export const alertKindsFor = (role: Role): AlertKind[] => ALERT_KINDS.filter((kind) => alertAudienceRoles(ALERT_KIND_DEFINITIONS[kind].audience).includes(role));

/** Quiet hours: local minutes [start, end) that may wrap midnight (22:00–07:00). */
export const quietHoursSchema = z
  .object({ startMinute: z.number().int().min(0).max(1439), endMinute: z.number().int().min(0).max(1439) })
  .refine((q) => q.startMinute !== q.endMinute, 'Начало и конец тихих часов совпадают');
export type QuietHours = z.infer<typeof quietHoursSchema>;
