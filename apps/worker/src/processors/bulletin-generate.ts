import { getBulletinSettings, type Sql } from '@most/db';
import { generateIssue } from '@most/services';
import { lastFullPeriod, parseBulletinPeriodKey } from '@most/domain';
import type { ParsedJob } from '@most/queue';

/** Prepares the draft of a period (by default the last full month or quarter in Europe/Saratov, as set); idempotent per period. */
export async function processBulletinGenerate(job: ParsedJob<'bulletin-generate'>, sql: Sql, now: () => Date = () => new Date()) {
  const { periodKey } = job.data;
  const period = periodKey ? parseBulletinPeriodKey(periodKey) : lastFullPeriod((await getBulletinSettings(sql)).periodKind, now());
  const result = await generateIssue(sql, { period, actor: { id: null, label: 'bulletin-scheduler' } });
  return { slug: result.issue.slug, created: result.created, organizations: result.organizations };
}
