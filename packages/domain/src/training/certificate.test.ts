import { describe, expect, it } from 'vitest';
import { chooseDocumentType, formatCertificateNumbers, normalizeVerificationCode, verificationCodeFromBytes, VERIFICATION_CODE_LENGTH } from './certificate';
import { ENROLMENT_STATES } from './enrolment-state';

describe('certificates', () => {
  it('gives an удостоверение or a диплом after completion depending on the kind', () => {
    expect(chooseDocumentType('qualification_upgrade', 'completed')).toBe('qualification_certificate');
    expect(chooseDocumentType('professional_retraining', 'completed')).toBe('retraining_diploma');
  });

  it('gives a справка об обучении to those who did not finish', () => {
    for (const kind of ['qualification_upgrade', 'professional_retraining'] as const) {
      expect(chooseDocumentType(kind, 'failed')).toBe('training_record');
      expect(chooseDocumentType(kind, 'withdrawn')).toBe('training_record');
    }
  });

  it('refuses any document while training is not over', () => {
    const notOver = ENROLMENT_STATES.filter((s) => !['completed', 'failed', 'withdrawn'].includes(s));
    expect(notOver).toEqual(['applied', 'enrolled', 'active', 'suspended']);
    for (const state of notOver) expect(() => chooseDocumentType('qualification_upgrade', state)).toThrow(/только/);
  });

  it('formats series, number and registration number from sequence values', () => {
    expect(formatCertificateNumbers({ type: 'qualification_certificate', issueDate: new Date('2026-06-30T00:00:00Z'), numberValue: 42, registrationValue: 7 })).toEqual({
      series: 'ПК26',
      number: '000042',
      registrationNumber: '2026-000007',
    });
    expect(formatCertificateNumbers({ type: 'training_record', issueDate: new Date('2027-01-10T00:00:00Z'), numberValue: 1234567, registrationValue: 1 }).series).toBe('СО27');
    expect(() => formatCertificateNumbers({ type: 'training_record', issueDate: new Date(), numberValue: 0, registrationValue: 1 })).toThrow();
  });

  it('makes verification codes people can type, and recognizes only that shape', () => {
    const bytes = Uint8Array.from({ length: VERIFICATION_CODE_LENGTH }, (_, i) => i * 37);
    const code = verificationCodeFromBytes(bytes);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(normalizeVerificationCode(code.toLowerCase())).toBe(code);
    expect(normalizeVerificationCode('ILOU00000000')).toBeNull();
    expect(normalizeVerificationCode('<script>')).toBeNull();
    expect(normalizeVerificationCode(`${code}0`)).toBeNull();
  });
});
