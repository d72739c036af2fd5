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
