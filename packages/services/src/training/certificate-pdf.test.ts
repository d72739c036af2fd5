import { pdfFonts, pdfText, requirePoppler } from '@most/shared/testing';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '@most/shared/testing';
import { renderCertificatePdf, russianDate, verificationUrl } from './certificate-pdf';
import type { CertificateRow } from './certificates';

const certificate: CertificateRow = {
  id: 1,
  enrolment_id: 1,
  document_type: 'qualification_certificate',
  series: 'ПК26',
  number: '000042',
  registration_number: '2026-000007',
  issue_date: '2026-06-30',
  verification_code: '7K3M9QX2T8VA',
  holder_name: 'Щукина Ёлка Юрьевна',
  programme_title: 'Ведение официальных страниц органов власти и подведомственных учреждений в социальных сетях: требования, практика, ответы жителям',
  programme_kind: 'qualification_upgrade',
  hours: 36,
  revoked_at: null,
  revoked_reason: null,
};

describe('certificate PDF', () => {
  const dir = useTempDir('most-cert-');
  beforeAll(async () => {
    requirePoppler();
  });

  it('renders Cyrillic text with embedded fonts and the verification link', async () => {
    const url = verificationUrl('https://most.example.ru/', certificate.verification_code);
    expect(url).toBe('https://most.example.ru/verify/7K3M9QX2T8VA');
    const bytes = await renderCertificatePdf(certificate, url);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const file = join(dir.path, 'c.pdf');
    await writeFile(file, bytes);
    const text = await pdfText(file, { layout: true, folded: true });
    for (const expected of [
      'УДОСТОВЕРЕНИЕ О ПОВЫШЕНИИ КВАЛИФИКАЦИИ',
      'Серия ПК26 № 000042',
      'Щукина Ёлка Юрьевна',
      'по программе повышения квалификации',
      'в объёме 36 ч',
      'Регистрационный номер: 2026-000007',
      'Дата выдачи: 30 июня 2026 г.',
      'https://most.example.ru/verify/7K3M9QX2T8VA',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('ответы жителям');
    const embedded = (await pdfFonts(file)).filter((l) => l.includes('DejaVu'));
    expect(embedded.length).toBe(2);
    for (const line of embedded) expect(line).toMatch(/\byes\b/);
  });

  it('names a справка and its hours', async () => {
    const bytes = await renderCertificatePdf({ ...certificate, document_type: 'training_record', series: 'СО26', hours: 12 }, 'http://localhost/verify/X');
    const file = join(dir.path, 's.pdf');
    await writeFile(file, bytes);
    const stdout = await pdfText(file);
    expect(stdout).toContain('СПРАВКА ОБ ОБУЧЕНИИ');
    expect(stdout).toContain('в объёме 12 ч');
  });

  it('writes dates the Russian way', () => {
    expect(russianDate('2026-01-05')).toBe('5 января 2026 г.');
  });
});
