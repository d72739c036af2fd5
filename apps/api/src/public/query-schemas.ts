import { z } from 'zod';
import { TREND_STEPS } from '@most/domain';
import { editionFilterSchema } from '@most/services';
import { exportFormat } from './formats';

/** GET /editions/{slug}: filters, page and the format. */
export const editionQuerySchema = editionFilterSchema.extend({ format: exportFormat });

/** GET /organizations/{code}/trends: one point per published edition, or per calendar month (Saratov time). */
export const trendsQuerySchema = z.object({
  by: z.enum(TREND_STEPS).default('edition').describe('edition — по выпускам рейтинга; month — по календарным месяцам (время Саратова)'),
});

/** GET /organizations: "is this official?" by organization name. */
export const organizationSearchQuerySchema = z.object({ search: z.string().trim().min(2, 'не короче 2 символов').max(100).describe('Часть названия организации') });

/** GET /accounts/check: any form of a VK, OK or Telegram address. */
export const accountCheckQuerySchema = z.object({ url: z.string().trim().min(1, 'is required').max(500).describe('Адрес страницы в любой форме') });

/** GET /embed/rankings/{edition}: the widget's filters and how many rows it shows. */
export const embedQuerySchema = editionFilterSchema.extend({ limit: z.coerce.number().int().min(1).max(500).default(100).describe('Сколько строк показать') });
