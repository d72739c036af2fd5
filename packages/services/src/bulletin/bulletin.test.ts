import { beforeAll, describe, expect, it } from 'vitest';
import { BULLETIN_FIXTURE, type BulletinDataset } from '@most/domain';
import { useTestDatabase } from '@most/db/testing';
import {
  getBulletinSettings,
  listAgencyIssues,
  listPublishedIssues,
  loadAgencyIssueView,
  loadIssueView,
  planBulletinDeliveries,
  recordDeliveryAttempt,
  unsubscribeBulletinContact,
  updateBulletinSettings,
  upsertBulletinContact,
  listBulletinDeliveries,
  getDeliveryToSend,
  registerBulletinFixtureOrganizations as registerFixtureOrganizations,
} from '@most/db';
import { acknowledgeBulletin, addNote, createCorrection, createDraftIssue, publishIssue, removeNote, reorderBlocks, returnIssueToDraft, submitIssueForReview, updateTextBlock } from './index';

const monitor = { id: null, label: 'monitor@test' };

describe('bulletin issues in the database', () => {
  const db = useTestDatabase();
  let dataset: BulletinDataset;
  beforeAll(async () => {
    dataset = await registerFixtureOrganizations(db.sql);
  });

  it('stores a generated draft once per period with its sections, blocks and carried recommendations', async () => {
    const first = await createDraftIssue(db.sql, { dataset, actor: monitor });
    expect(first.created).toBe(true);
    expect(first.issue).toMatchObject({ slug: '2026-10', state: 'draft', revision: 1, title: 'Бюллетень «Цифровой мост»: октябрь 2026' });
    const again = await createDraftIssue(db.sql, { dataset, actor: monitor });
    expect(again).toEqual({ created: false, issue: first.issue });

    const view = await loadIssueView(db.sql, { slug: '2026-10' });
    expect(view?.sections.map((s) => s.title)).toEqual(['Общий выпуск', ...BULLETIN_FIXTURE.organizations.map((o) => o.name).sort((a, b) => a.localeCompare(b, 'ru'))]);
    const carried = await db.sql`SELECT recommendation_id FROM bulletin_issue_recommendations WHERE issue_id = ${first.issue.id} ORDER BY 1`;
    expect(carried.map((r) => r.recommendation_id)).toEqual([11, 12, 13, 14]);
    const [audit] = await db.sql`SELECT action FROM audit_log WHERE entity_type = 'bulletin_issue' AND entity_id = ${String(first.issue.id)}`;
    expect(audit?.action).toBe('bulletin.draft.create');
  });

  it('lets monitors edit sanitized text, reorder blocks and add or remove notes while unpublished', async () => {
    const issue = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    const edited = await updateTextBlock(db.sql, {
      issueId: issue.id,
      blockKey: 'public-intro',
      markdown: 'Итоги **октября** <script>alert(1)</script> [подробнее](javascript:alert(1))',
      actor: monitor,
    });
    expect(edited).toMatchObject({ kind: 'paragraph', markdown: 'Итоги **октября** alert(1) подробнее' });
    await expect(updateTextBlock(db.sql, { issueId: issue.id, blockKey: 'public-top', markdown: 'x', actor: monitor })).rejects.toThrow(/только текстовые блоки/);

    const publicKeys = issue.sections[0]!.blocks.map((b) => b.key);
    const reversed = [...publicKeys].reverse();
    await reorderBlocks(db.sql, { issueId: issue.id, sectionKey: 'public', blockKeys: reversed, actor: monitor });
    await expect(reorderBlocks(db.sql, { issueId: issue.id, sectionKey: 'public', blockKeys: reversed.slice(1), actor: monitor })).rejects.toThrow(/ровно один раз/);
    let reloaded = (await loadIssueView(db.sql, { id: issue.id }, ['public']))!;
    expect(reloaded.sections[0]!.blocks.map((b) => b.key)).toEqual(reversed);
    await reorderBlocks(db.sql, { issueId: issue.id, sectionKey: 'public', blockKeys: publicKeys, actor: monitor });

    const note = await addNote(db.sql, { issueId: issue.id, sectionKey: 'public', afterBlockKey: 'public-summary-heading', markdown: 'Данные за *10 дней* <b>уточняются</b>', actor: monitor });
    reloaded = (await loadIssueView(db.sql, { id: issue.id }, ['public']))!;
    expect(reloaded.sections[0]!.blocks.slice(0, 3).map((b) => b.key)).toEqual(['public-summary-heading', note.key, 'public-intro']);
    expect(reloaded.sections[0]!.blocks[1]).toMatchObject({ kind: 'note', markdown: 'Данные за *10 дней* уточняются' });
    const second = await addNote(db.sql, { issueId: issue.id, sectionKey: 'public', afterBlockKey: null, markdown: 'Временная заметка', actor: monitor });
    await removeNote(db.sql, { issueId: issue.id, blockKey: second.key, actor: monitor });
    await expect(removeNote(db.sql, { issueId: issue.id, blockKey: 'public-top', actor: monitor })).rejects.toThrow(/не найден/);
    reloaded = (await loadIssueView(db.sql, { id: issue.id }, ['public']))!;
    expect(reloaded.sections[0]!.blocks.map((b) => b.key)).toEqual([publicKeys[0], note.key, ...publicKeys.slice(1)]);

    const actions = await db.sql`SELECT action FROM audit_log WHERE entity_type = 'bulletin_issue' AND entity_id = ${String(issue.id)} ORDER BY id`;
    expect(actions.map((a) => a.action)).toEqual([
      'bulletin.draft.create',
      'bulletin.block.edit',
      'bulletin.blocks.reorder',
      'bulletin.blocks.reorder',
      'bulletin.note.add',
      'bulletin.note.add',
      'bulletin.note.remove',
    ]);
  });

  it('moves draft → in_review → published, refuses shortcuts, and marks carried recommendations sent', async () => {
    const issue = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    await expect(publishIssue(db.sql, { issueId: issue.id, actor: monitor })).rejects.toThrow(/прошедший проверку/);
    await submitIssueForReview(db.sql, issue.id, monitor);
    await returnIssueToDraft(db.sql, issue.id, monitor);
    await submitIssueForReview(db.sql, issue.id, monitor);
    const sent: number[][] = [];
    const published = await publishIssue(db.sql, {
      issueId: issue.id,
      actor: monitor,
      markSent: async (_tx, ids) => {
        sent.push(ids);
      },
    });
    expect(published.issue.state).toBe('published');
    expect(published.recommendationIds).toEqual([11, 12, 13, 14]);
    expect(sent).toEqual([[11, 12, 13, 14]]);
    expect((await listPublishedIssues(db.sql)).map((i) => i.slug)).toEqual(['2026-10']);
  });

  it('keeps a published issue immutable, even against direct SQL', async () => {
    const issue = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    await expect(updateTextBlock(db.sql, { issueId: issue.id, blockKey: 'public-intro', markdown: 'x', actor: monitor })).rejects.toThrow(/не изменяется/);
    await expect(db.sql`UPDATE bulletin_issues SET title = 'changed' WHERE id = ${issue.id}`).rejects.toThrow(/published and immutable/);
    await expect(db.sql`DELETE FROM bulletin_issues WHERE id = ${issue.id}`).rejects.toThrow(/published and immutable/);
    await expect(db.sql`UPDATE bulletin_blocks SET position = position WHERE issue_id = ${issue.id}`).rejects.toThrow(/immutable/);
    await expect(db.sql`DELETE FROM bulletin_sections WHERE issue_id = ${issue.id}`).rejects.toThrow(/immutable/);
    await expect(db.sql`INSERT INTO bulletin_issue_recommendations VALUES (${issue.id}, 999, 1)`).rejects.toThrow(/immutable/);
    await expect(db.sql`INSERT INTO bulletin_issues (period_key, period_start, period_end, period_label, slug, title, dataset, state, published_at)
      VALUES ('2026-12', '2026-12-01', '2027-01-01', 'x', '2026-12', 'x', '{}', 'published', now())`).rejects.toThrow(/starts as a draft/);
  });

  it('corrects a published issue with a new revision that carries a visible note', async () => {
    const original = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    await expect(createCorrection(db.sql, { issueId: original.id, note: '   ', actor: monitor })).rejects.toThrow(/примечание/);
    const correction = await createCorrection(db.sql, { issueId: original.id, note: 'Исправлен балл поликлиники № 2.', actor: monitor });
    expect(correction).toMatchObject({ slug: '2026-10-r2', revision: 2, state: 'draft', correctsIssueId: original.id });
    await expect(createCorrection(db.sql, { issueId: original.id, note: 'ещё', actor: monitor })).rejects.toThrow(/уже готовится/);
    await updateTextBlock(db.sql, { issueId: correction.id, blockKey: 'public-intro', markdown: 'Исправленный текст', actor: monitor });
    await submitIssueForReview(db.sql, correction.id, monitor);
    await publishIssue(db.sql, { issueId: correction.id, actor: monitor });

    const corrected = (await loadIssueView(db.sql, { slug: '2026-10-r2' }))!;
    expect(corrected.correction).toEqual({ note: 'Исправлен балл поликлиники № 2.', correctsSlug: '2026-10' });
    const old = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    expect(old.supersededBySlug).toBe('2026-10-r2');
    expect(old.sections[0]!.blocks.find((b) => b.key === 'public-intro')).toMatchObject({ markdown: 'Итоги **октября** alert(1) подробнее' });
    expect((await listPublishedIssues(db.sql)).map((i) => i.slug)).toEqual(['2026-10-r2', '2026-10']);
  });

  it('shows an agency the public edition and its own section only', async () => {
    const clinicId = dataset.organizations[3]!.id;
    const otherId = dataset.organizations[0]!.id;
    const issues = await listAgencyIssues(db.sql, clinicId);
    expect(issues.map((i) => i.slug)).toEqual(['2026-10-r2', '2026-10']);
    const view = (await loadAgencyIssueView(db.sql, '2026-10', clinicId))!;
    expect(view.sections.map((s) => s.key)).toEqual(['public', `org-${clinicId}`]);
    expect(view.sections.some((s) => s.organizationId === otherId)).toBe(false);
    expect(await loadAgencyIssueView(db.sql, '2026-10', 999_999)).toBeNull();
  });

  it('plans one delivery per agency contact, skips opted-out contacts and records attempts', async () => {
    const issue = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    const clinicId = dataset.organizations[3]!.id;
    const schoolId = dataset.organizations[4]!.id;
    const a = await upsertBulletinContact(db.sql, { organizationId: clinicId, email: 'SMM@gp2.example', name: 'Пресс-служба' }, monitor);
    const b = await upsertBulletinContact(db.sql, { organizationId: schoolId, email: 'school5@volsk.example' }, monitor);
    await upsertBulletinContact(db.sql, { organizationId: schoolId, email: 'director@volsk.example' }, monitor);
    expect(a.email).toBe('smm@gp2.example');
    const [{ unsubscribe_token: token }] = (await db.sql`SELECT unsubscribe_token FROM bulletin_contacts WHERE id = ${b.id}`) as unknown as [{ unsubscribe_token: string }];
    expect(await unsubscribeBulletinContact(db.sql, token)).toEqual({ email: 'school5@volsk.example', alreadyUnsubscribed: false });
    expect(await unsubscribeBulletinContact(db.sql, token)).toEqual({ email: 'school5@volsk.example', alreadyUnsubscribed: true });
    expect(await unsubscribeBulletinContact(db.sql, 'no-such-token-000000')).toBeNull();

    const pending = await planBulletinDeliveries(db.sql, issue.id);
    expect(pending.map((d) => d.email).sort()).toEqual(['director@volsk.example', 'smm@gp2.example']);
    expect((await planBulletinDeliveries(db.sql, issue.id)).length).toBe(2);
    const all = await listBulletinDeliveries(db.sql, issue.id);
    expect(all.find((d) => d.email === 'school5@volsk.example')?.status).toBe('skipped');

    const first = pending[0]!;
    const toSend = (await getDeliveryToSend(db.sql, first.id))!;
    expect(toSend.acknowledgeToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await recordDeliveryAttempt(db.sql, { deliveryId: first.id, outcome: 'retrying', error: '451 try later' })).status).toBe('retrying');
    const sent = await recordDeliveryAttempt(db.sql, { deliveryId: first.id, outcome: 'sent', messageId: '<m1>', transport: 'smtp' });
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: '451 try later', transport: 'smtp' });
    expect((await recordDeliveryAttempt(db.sql, { deliveryId: first.id, outcome: 'failed', error: 'late' })).status).toBe('sent');
  });

  it('records an agency acknowledgement once and moves its recommendations on', async () => {
    const issue = (await loadIssueView(db.sql, { slug: '2026-10' }))!;
    const clinicId = dataset.organizations[3]!.id;
    const [row] = await db.sql<{ token: string }[]>`SELECT token FROM bulletin_acknowledgements WHERE issue_id = ${issue.id} AND organization_id = ${clinicId}`;
    const moved: number[][] = [];
    const markAcknowledged = async (_tx: unknown, ids: number[]) => {
      moved.push(ids);
    };
    const first = await acknowledgeBulletin(db.sql, { token: row!.token, actor: { id: null, label: 'acknowledge-link' }, markAcknowledged });
    expect(first).toMatchObject({ issueSlug: '2026-10', organizationId: clinicId, alreadyAcknowledged: false });
    expect(first?.acknowledgedAt).not.toBeNull();
    const second = await acknowledgeBulletin(db.sql, { token: row!.token, actor: { id: null, label: 'acknowledge-link' }, markAcknowledged });
    expect(second?.alreadyAcknowledged).toBe(true);
    expect(moved).toEqual([[12, 13]]);
    expect(await acknowledgeBulletin(db.sql, { token: 'unknown-token-0000000', actor: monitor })).toBeNull();
  });

  it('keeps the schedule as validated settings', async () => {
    expect(await getBulletinSettings(db.sql)).toEqual({ schedulePattern: '0 6 1 * *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true, periodKind: 'month' });
    await updateBulletinSettings(db.sql, { schedulePattern: '0 7 1 */3 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: false }, monitor);
    expect(await getBulletinSettings(db.sql)).toEqual({ schedulePattern: '0 7 1 */3 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: false, periodKind: 'month' });
    await updateBulletinSettings(db.sql, { schedulePattern: '0 7 1 1,4,7,10 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true, periodKind: 'quarter' }, monitor);
    // Leaving the period kind out keeps it.
    await updateBulletinSettings(db.sql, { schedulePattern: '0 8 1 1,4,7,10 *', scheduleTimezone: 'Europe/Saratov', scheduleEnabled: true }, monitor);
    expect(await getBulletinSettings(db.sql)).toMatchObject({ schedulePattern: '0 8 1 1,4,7,10 *', periodKind: 'quarter' });
    await expect(updateBulletinSettings(db.sql, { schedulePattern: 'often', scheduleTimezone: 'Mars/Base', scheduleEnabled: true }, monitor)).rejects.toThrow(/cron.*time zone|time zone/s);
  });
});
