import { AppError } from '@most/shared';
import type { CourseKind } from './course-kind';
import type { EnrolmentState } from './enrolment-state';

export const DOCUMENT_TYPES = ['qualification_certificate', 'retraining_diploma', 'training_record'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Names as the ФИС ФРДО dictionary spells them. */
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  qualification_certificate: 'Удостоверение о повышении квалификации',
  retraining_diploma: 'Диплом о профессиональной переподготовке',
  training_record: 'Справка об обучении',
};

/** Short series prefix per document type; the year of issue follows it. */
const SERIES_PREFIX: Record<DocumentType, string> = {
  qualification_certificate: 'ПК',
  retraining_diploma: 'ПП',
  training_record: 'СО',
};

/**
 * The document a trainee is entitled to: the kind's document after completion, a справка
 * об обучении for anyone who started but did not finish. Nobody else gets one.
 */
export function chooseDocumentType(kind: CourseKind, state: EnrolmentState): DocumentType {
  if (state === 'completed') return kind === 'qualification_upgrade' ? 'qualification_certificate' : 'retraining_diploma';
  if (state === 'failed' || state === 'withdrawn') return 'training_record';
  throw new AppError('CONFLICT', 'Документ выдаётся только завершившим обучение или отчисленным (справка об обучении)', {
    details: { state },
  });
}

export interface CertificateNumbers {
  series: string;
  number: string;
  registrationNumber: string;
}

/**
 * Series, number and registration number from two database sequence values: `numberValue`
 * from the document type's own sequence, `registrationValue` from the register's.
 */
export function formatCertificateNumbers(input: { type: DocumentType; issueDate: Date; numberValue: number; registrationValue: number }): CertificateNumbers {
  const { type, issueDate, numberValue, registrationValue } = input;
  if (!Number.isSafeInteger(numberValue) || numberValue <= 0) throw new AppError('INTERNAL', 'bad certificate sequence value');
  if (!Number.isSafeInteger(registrationValue) || registrationValue <= 0) throw new AppError('INTERNAL', 'bad registration sequence value');
  const year = issueDate.getUTCFullYear();
  return {
    series: `${SERIES_PREFIX[type]}${String(year % 100).padStart(2, '0')}`,
    number: String(numberValue).padStart(6, '0'),
    registrationNumber: `${year}-${String(registrationValue).padStart(6, '0')}`,
  };
}

/** Crockford base32 without look-alikes: what a person can type from a printed document. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 12;

export function verificationCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < VERIFICATION_CODE_LENGTH) throw new AppError('INTERNAL', 'not enough random bytes for a verification code');
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i += 1) code += CODE_ALPHABET[bytes[i]! % 32];
  return code;
}

/** Upper-cases and checks the shape so that lookups never see arbitrary input. */
export function normalizeVerificationCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return code.length === VERIFICATION_CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}
