import { buildEdition, publishEdition, type Edition, type EditionInput, type OrganizationScore } from '@most/services';
import type { AppDeps } from '../app';

const TEST_ACTOR = { id: null, label: 'test' };

/** The months the public API tests publish, titled as an editor would. */
export const TEST_MONTHS = {
  '2026-09': { title: 'Рейтинг за сентябрь 2026', periodStart: '2026-09-01', periodEnd: '2026-09-30' },
  '2026-10': { title: 'Рейтинг за октябрь 2026', periodStart: '2026-10-01', periodEnd: '2026-10-31' },
} as const;

/** Builds and publishes the month's edition (methodology 1) from the given scores; the slug is derived unless given. */
export async function publishTestEdition(
  sql: AppDeps['sql'],
  month: keyof typeof TEST_MONTHS,
  edition: Pick<EditionInput, 'criteria'> & { slug?: string },
  scores: OrganizationScore[],
): Promise<Edition> {
  const built = await buildEdition(sql, { ...TEST_MONTHS[month], methodologyVersion: '1', ...edition }, scores, TEST_ACTOR);
  await publishEdition(sql, built.id, TEST_ACTOR);
  return built;
}
