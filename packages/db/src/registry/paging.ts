import { z } from 'zod';

/** The fields of a paged list's filter: the page (from 1) and its size, at most `maxSize` rows, `defaultSize` when not given. */
export const pageFields = (maxSize: number, defaultSize: number) => ({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(maxSize).default(defaultSize),
});
