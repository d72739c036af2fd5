import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@most/db/testing';
import { changeEnrolmentState, enrolTrainee } from './enrolments';
import { cohortOutcomeReport } from './outcome';
import { insertOrganization, insertUser, makeCourse, monitor, sampleCohort } from './test-fixtures';

describe('cohort outcome report', () => {
  const db = useTestDatabase();

  async function account(orgId: number, handle: string) {
    const [row] = await db.sql<{ id: number }[]>`
      INSERT INTO accounts (organization_id, network, canonical_url, handle) VALUES (${orgId}, 'vk', ${`https://vk.com/${handle}`}, ${handle}) RETURNING id`;
    return row!.id;
  }
  async function score(accountId: number, start: string, end: string, total: number | null, version = 1) {
    await db.sql`
      INSERT INTO account_scores (account_id, period_kind, period_start, period_end, methodology_version, status, total, earned, possible, coverage, questions, decided_questions, computed_at)
      VALUES (${accountId}, 'month', ${start}, ${end}, ${version}, ${total === null ? 'not_enough_data' : 'ok'}, ${total}, 0, 0, 1, 0, 0, now())`;
  }

  it("compares each graduate organization's accounts before and after the course over aligned periods", async () => {
    const trained = await insertOrganization(db.sql, 'adm-marks', 'Администрация Марксовского района');
    const dropout = await insertOrganization(db.sql, 'adm-pugachev', 'Администрация Пугачёвского района');
    const course = await makeCourse(db.sql);
    // The cohort runs 2 March – 10 April 2026.
    const cohort = await sampleCohort(db.sql, course.id, { capacity: 10 });
    for (const [email, org, outcome] of [
      ['g1@most.test', trained, 'completed'],
      ['g2@most.test', trained, 'completed'],
      ['d@most.test', dropout, 'withdrawn'],
    ] as const) {
      const userId = await insertUser(db.sql, email, 'trainee', org);
      const e = await enrolTrainee(db.sql, { cohortId: cohort.id, userId }, monitor, new Date('2026-02-10T00:00:00Z'));
      await changeEnrolmentState(db.sql, e.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, monitor);
      await changeEnrolmentState(db.sql, e.id, { to: outcome, at: new Date('2026-04-10T00:00:00Z'), reason: 'ушёл' }, monitor);
    }
    const main = await account(trained, 'marks_adm');
    const school = await account(trained, 'marks_school');
    const other = await account(dropout, 'pugachev_adm');
    // Before: Dec, Jan, Feb (Nov too, outside the 3-period window); during: Mar, Apr; after: May, Jun, Jul, Aug.
    for (const [start, end, total] of [
      ['2025-11-01', '2025-11-30', 10],
      ['2025-12-01', '2025-12-31', 40],
      ['2026-01-01', '2026-01-31', 50],
      ['2026-02-01', '2026-02-28', 60],
      ['2026-03-01', '2026-03-31', 99],
      ['2026-04-01', '2026-04-30', 99],
      ['2026-05-01', '2026-05-31', 70],
      ['2026-06-01', '2026-06-30', 80],
      ['2026-07-01', '2026-07-31', 90],
      ['2026-08-01', '2026-08-31', 5],
    ] as const)
      await score(main, start, end, total);
    await score(school, '2026-02-01', '2026-02-28', 30);
    await score(school, '2026-05-01', '2026-05-31', null); // not enough data: does not count
    await score(other, '2026-02-01', '2026-02-28', 10);
    await score(other, '2026-05-01', '2026-05-31', 90);

    const report = await cohortOutcomeReport(db.sql, cohort.id, { periods: 3 });
    expect(report).toMatchObject({ startsOn: '2026-03-02', endsOn: '2026-04-10', methodologyVersion: 1, comparableAccounts: 1, meanDelta: 30 });
    expect(report.organizations).toHaveLength(1);
    const [org] = report.organizations;
    expect(org).toMatchObject({ organizationName: 'Администрация Марксовского района', graduates: 2, meanDelta: 30 });
    expect(org!.accounts.find((a) => a.handle === 'marks_adm')).toMatchObject({
      before: 50,
      after: 80,
      delta: 30,
      beforePeriods: ['2025-12-01', '2026-01-01', '2026-02-01'],
      afterPeriods: ['2026-05-01', '2026-06-01', '2026-07-01'],
    });
    expect(org!.accounts.find((a) => a.handle === 'marks_school')).toMatchObject({ before: 30, after: null, delta: null });

    const single = await cohortOutcomeReport(db.sql, cohort.id, { periods: 1 });
    expect(single.organizations[0]!.accounts.find((a) => a.handle === 'marks_adm')).toMatchObject({ before: 60, after: 70, delta: 10 });
  });
});
