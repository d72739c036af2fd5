import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { changeEnrolmentState, createCourse, enrolTrainee, issueCertificate, revokeCertificate, upsertTraineeProfile } from '@most/services';
import { manualMarkCohort } from '@most/services/testing';
import { createTestApp, useAppServices } from '../test-support/app';

const actor = { id: null, label: 'test' };

describe('public certificate verification page', () => {
  const { db, queue } = useAppServices();
  let code: string;
  let certificateId: number;
  beforeAll(async () => {
    const [org] = await db.sql<{ id: number }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector) VALUES ('adm', 'Администрация района', 'Администрация', 'local_government', 'other') RETURNING id`;
    const [user] = await db.sql<{ id: number }[]>`INSERT INTO users (email, role, organization_id) VALUES ('t@most.test', 'trainee', ${org!.id}) RETURNING id`;
    // A name with markup must come out as text.
    await upsertTraineeProfile(db.sql, user!.id, { surname: '<script>alert(1)</script>', givenName: 'Анна' }, actor);
    const course = await createCourse(db.sql, { title: 'Официальные страницы & ответы жителям', kind: 'qualification_upgrade', totalHours: 24 }, actor);
    const cohort = await manualMarkCohort(
      db.sql,
      course.id,
      { startsOn: '2026-03-02', endsOn: '2026-03-20', enrolmentOpensAt: '2026-02-01T00:00:00Z', enrolmentClosesAt: '2026-03-01T00:00:00Z' },
      { title: 'Поток 1', capacity: 10 },
    );
    const enrolment = await enrolTrainee(db.sql, { cohortId: cohort.id, userId: user!.id }, actor, new Date('2026-02-10T00:00:00Z'));
    await changeEnrolmentState(db.sql, enrolment.id, { to: 'active', at: new Date('2026-03-02T00:00:00Z') }, actor);
    await changeEnrolmentState(db.sql, enrolment.id, { to: 'completed', at: new Date('2026-03-20T00:00:00Z') }, actor);
    const certificate = await issueCertificate(db.sql, enrolment.id, { issueDate: '2026-03-21' }, actor);
    code = certificate.verification_code;
    certificateId = certificate.id;
  });

  const app = () => createTestApp({ sql: db.sql, queue });

  it('shows a valid document without login, escaped, never cached', async () => {
    const response = await app().request(`/verify/${code.toLowerCase()}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    const root = parse(html);
    expect(root.querySelector('[data-status]')?.getAttribute('data-status')).toBe('valid');
    const text = root.querySelector('dl')!.text;
    expect(text).toContain('<script>alert(1)</script> Анна');
    expect(text).toContain('Повышение квалификации: «Официальные страницы & ответы жителям»');
    expect(text).toContain('24 ч');
    expect(text).toContain('21.03.2026');
    expect(text).toContain('Удостоверение о повышении квалификации');
  });

  it('shows "revoked" with the reason after revocation', async () => {
    await revokeCertificate(db.sql, certificateId, 'Ошибка в <b>фамилии</b>', actor);
    const response = await app().request(`/verify/${code}`);
    expect(response.status).toBe(200);
    const root = parse(await response.text());
    expect(root.querySelector('[data-status]')?.getAttribute('data-status')).toBe('revoked');
    expect(root.querySelector('main')!.text).toContain('Причина: Ошибка в <b>фамилии</b>');
  });

  it('says not found for unknown or malformed codes', async () => {
    for (const probe of ['AAAAAAAAAAAA', '%3Cimg%20src%3Dx%3E']) {
      const response = await app().request(`/verify/${probe}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).not.toContain('<img');
      expect(parse(html).querySelector('[data-status]')?.getAttribute('data-status')).toBe('not_found');
    }
  });
});
