import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '@most/shared';
import {
  EXCHANGE_CONFIRMATIONS,
  LOSS_CONFIRMATIONS,
  type ExchangeConfirmation,
  type LossConfirmation,
  chooseDocumentType,
  COURSE_KIND_LABELS,
  DOCUMENT_TYPE_LABELS,
  formatCertificateNumbers,
  normalizeVerificationCode,
  verificationCodeFromBytes,
  VERIFICATION_CODE_LENGTH,
  type CourseKind,
  type DocumentType,
} from '@most/domain';
import type { Queryable } from '@most/db';
import { auditBy } from '@most/db';
import { inTransaction, isoDate, notFound, parseInput, toIsoDate, type TrainingActor } from './common';
import type { EnrolmentState } from '@most/domain';

export interface CertificateRow {
  id: number;
  enrolment_id: number;
  document_type: DocumentType;
  series: string;
  number: string;
  registration_number: string;
  issue_date: string;
  verification_code: string;
  holder_name: string;
  programme_title: string;
  programme_kind: CourseKind;
  hours: number;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

const COLUMNS = (sql: Queryable) => sql`
  id, enrolment_id, document_type, series, number, registration_number, issue_date, verification_code, holder_name,
  programme_title, programme_kind, hours, revoked_at, revoked_reason`;

const withIsoDate = (row: CertificateRow): CertificateRow => ({ ...row, issue_date: toIsoDate(row.issue_date) });

// Sequence names are fixed identifiers, one per document type (never user input).
const NUMBER_SEQUENCE: Record<DocumentType, string> = {
  qualification_certificate: 'certificate_number_qualification_certificate_seq',
  retraining_diploma: 'certificate_number_retraining_diploma_seq',
  training_record: 'certificate_number_training_record_seq',
};

interface NewDocument {
  enrolmentId: number;
  type: DocumentType;
  issueDate: string;
  holderName: string;
  holderSurname: string | null;
  holderGivenName: string | null;
  holderPatronymic: string | null;
  programmeTitle: string;
  programmeKind: CourseKind;
  hours: number;
  originalId?: number | null;
  lossConfirmation?: LossConfirmation;
  exchangeConfirmation?: ExchangeConfirmation;
  correctsId?: number | null;
}

/** Numbers from PostgreSQL sequences, a random verification code, one audited row. */
async function insertCertificate(tx: Queryable, doc: NewDocument, actor: TrainingActor, action: string): Promise<CertificateRow> {
  const [{ number_value, registration_value } = { number_value: 0, registration_value: 0 }] = await tx<{ number_value: number; registration_value: number }[]>`
    SELECT nextval(${NUMBER_SEQUENCE[doc.type]}::regclass) AS number_value, nextval('certificate_registration_seq') AS registration_value`;
  const numbers = formatCertificateNumbers({ type: doc.type, issueDate: new Date(`${doc.issueDate}T00:00:00Z`), numberValue: Number(number_value), registrationValue: Number(registration_value) });
  const code = verificationCodeFromBytes(randomBytes(VERIFICATION_CODE_LENGTH));
  const [row] = await tx<CertificateRow[]>`
    INSERT INTO certificates (enrolment_id, document_type, series, number, registration_number, issue_date, verification_code,
                              holder_name, holder_surname, holder_given_name, holder_patronymic, programme_title, programme_kind, hours, issued_by,
                              original_id, loss_confirmation, exchange_confirmation, corrects_id)
    VALUES (${doc.enrolmentId}, ${doc.type}, ${numbers.series}, ${numbers.number}, ${numbers.registrationNumber}, ${doc.issueDate}, ${code},
            ${doc.holderName}, ${doc.holderSurname}, ${doc.holderGivenName}, ${doc.holderPatronymic}, ${doc.programmeTitle}, ${doc.programmeKind}, ${doc.hours}, ${actor.id},
            ${doc.originalId ?? null}, ${doc.lossConfirmation ?? 'none'}, ${doc.exchangeConfirmation ?? 'none'}, ${doc.correctsId ?? null})
    RETURNING ${COLUMNS(tx)}`;
  await auditBy(tx, actor, {
    action,
    entityType: 'certificate',
    entityId: row!.id,
    details: {
      enrolmentId: doc.enrolmentId,
      type: doc.type,
      series: numbers.series,
      number: numbers.number,
      registrationNumber: numbers.registrationNumber,
      originalId: doc.originalId ?? null,
      correctsId: doc.correctsId ?? null,
    },
  });
  return withIsoDate(row!);
}

/** What the document states about its holder and programme, read from the enrolment now. */
async function loadEnrolmentForDocument(tx: Queryable, enrolmentId: number) {
  const [e] = await tx<
    {
      state: EnrolmentState;
      finished_at: Date | null;
      kind: CourseKind;
      title: string;
      total_hours: number;
      holder_name: string;
      surname: string | null;
      given_name: string | null;
      patronymic: string | null;
      attended: number;
    }[]
  >`
    SELECT e.state, e.finished_at, c.kind, c.title, c.total_hours,
           coalesce(nullif(trim(concat_ws(' ', p.surname, p.given_name, p.patronymic)), ''), nullif(u.display_name, ''), u.email) AS holder_name,
           p.surname, p.given_name, p.patronymic,
           coalesce((SELECT sum(a.hours)::float8 FROM attendance a WHERE a.enrolment_id = e.id AND a.status = 'present'), 0) AS attended
    FROM enrolments e JOIN cohorts h ON h.id = e.cohort_id JOIN courses c ON c.id = h.course_id JOIN users u ON u.id = e.user_id
    LEFT JOIN trainee_profiles p ON p.user_id = u.id
    WHERE e.id = ${enrolmentId} FOR UPDATE OF e`;
  if (!e) notFound('Запись на обучение не найдена');
  return e;
}

/** What a document of this type states about its holder and programme, from the enrolment as read now. */
function statedOnDocument(e: Awaited<ReturnType<typeof loadEnrolmentForDocument>>, type: DocumentType) {
  return {
    holderName: e.holder_name,
    holderSurname: e.surname,
    holderGivenName: e.given_name,
    holderPatronymic: e.patronymic,
    programmeTitle: e.title,
    programmeKind: e.kind,
    // A справка states the hours actually studied; the other documents the programme's length.
    hours: type === 'training_record' ? Math.round(e.attended) : e.total_hours,
  } satisfies Partial<NewDocument>;
}

/**
 * Issues the document the trainee is entitled to: numbers come from PostgreSQL sequences,
 * the verification code is random. One valid document per enrolment.
 */
export async function issueCertificate(sql: Queryable, enrolmentId: number, input: { issueDate: string }, actor: TrainingActor): Promise<CertificateRow> {
  const issueDate = parseInput(isoDate, input.issueDate);
  return inTransaction(sql, async (tx) => {
    const e = await loadEnrolmentForDocument(tx, enrolmentId);
    const type = chooseDocumentType(e.kind, e.state);
    if (e.finished_at && toIsoDate(e.finished_at) > issueDate) throw new AppError('BAD_REQUEST', 'Дата выдачи раньше окончания обучения');
    const [existing] = await tx`SELECT 1 FROM certificates WHERE enrolment_id = ${enrolmentId} AND revoked_at IS NULL`;
    if (existing) throw new AppError('CONFLICT', 'Документ уже выдан; чтобы выдать новый, отзовите прежний');
    return insertCertificate(tx, { enrolmentId, type, issueDate, ...statedOnDocument(e, type) }, actor, 'certificate.issue');
  });
}

const duplicateInputSchema = z
  .object({ issueDate: isoDate, lossConfirmation: z.enum(LOSS_CONFIRMATIONS).default('none'), exchangeConfirmation: z.enum(EXCHANGE_CONFIRMATIONS).default('none') })
  .refine((d) => d.lossConfirmation !== 'none' || d.exchangeConfirmation !== 'none', { message: 'укажите подтверждение утраты или причину обмена', path: ['lossConfirmation'] });
export type DuplicateInput = z.input<typeof duplicateInputSchema>;

async function lockValid(tx: Queryable, certificateId: number) {
  const [row] = await tx<(CertificateRow & { holder_surname: string | null; holder_given_name: string | null; holder_patronymic: string | null })[]>`
    SELECT ${COLUMNS(tx)}, holder_surname, holder_given_name, holder_patronymic FROM certificates WHERE id = ${certificateId} FOR UPDATE`;
  if (!row) notFound('Документ не найден');
  if (row.revoked_at) throw new AppError('CONFLICT', 'Документ отозван: дубликат или исправление выдаются только взамен действующего');
  return row;
}

/**
 * A duplicate of a lost or damaged document: the same content under new numbers; the original
 * stops being valid («Выдан дубликат»), and the registry row quotes it (columns 32–39).
 */
export async function issueDuplicate(sql: Queryable, originalId: number, input: DuplicateInput, actor: TrainingActor, now = new Date()): Promise<CertificateRow> {
  const d = parseInput(duplicateInputSchema, input);
  return inTransaction(sql, async (tx) => {
    const original = await lockValid(tx, originalId);
    if (d.issueDate < toIsoDate(original.issue_date)) throw new AppError('BAD_REQUEST', 'Дубликат не может быть выдан раньше оригинала');
    await revokeCertificate(tx, originalId, 'Выдан дубликат', actor, now);
    return insertCertificate(
      tx,
      {
        enrolmentId: original.enrolment_id,
        type: original.document_type,
        issueDate: d.issueDate,
        holderName: original.holder_name,
        holderSurname: original.holder_surname,
        holderGivenName: original.holder_given_name,
        holderPatronymic: original.holder_patronymic,
        programmeTitle: original.programme_title,
        programmeKind: original.programme_kind,
        hours: original.hours,
        originalId,
        lossConfirmation: d.lossConfirmation,
        exchangeConfirmation: d.exchangeConfirmation,
      },
      actor,
      'certificate.duplicate',
    );
  });
}

/**
 * A document re-issued with corrected data (e.g. the holder's name after a profile fix): the
 * wrong one is revoked with the reason, the new one takes the current data, and its registry
 * row names the changed document's number (column 40).
 */
export async function issueCorrection(sql: Queryable, certificateId: number, input: { issueDate: string; reason: string }, actor: TrainingActor, now = new Date()): Promise<CertificateRow> {
  const { issueDate, reason } = parseInput(z.object({ issueDate: isoDate, reason: z.string().trim().min(1, 'укажите, что исправлено').max(2000) }), input);
  return inTransaction(sql, async (tx) => {
    const wrong = await lockValid(tx, certificateId);
    await revokeCertificate(tx, certificateId, `Исправление: ${reason}`, actor, now);
    const e = await loadEnrolmentForDocument(tx, wrong.enrolment_id);
    return insertCertificate(
      tx,
      { enrolmentId: wrong.enrolment_id, type: wrong.document_type, issueDate, ...statedOnDocument(e, wrong.document_type), correctsId: certificateId },
      actor,
      'certificate.correct',
    );
  });
}

export async function revokeCertificate(sql: Queryable, certificateId: number, reason: string, actor: TrainingActor, now = new Date()): Promise<CertificateRow> {
  const text = reason.trim();
  if (!text) throw new AppError('BAD_REQUEST', 'Укажите причину отзыва');
  if (text.length > 2000) throw new AppError('BAD_REQUEST', 'Причина длиннее 2000 символов');
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<CertificateRow[]>`
      UPDATE certificates SET revoked_at = ${now}, revoked_reason = ${text}, revoked_by = ${actor.id}
      WHERE id = ${certificateId} AND revoked_at IS NULL RETURNING ${COLUMNS(tx)}`;
    if (!row) {
      const [exists] = await tx`SELECT 1 FROM certificates WHERE id = ${certificateId}`;
      if (!exists) notFound('Документ не найден');
      throw new AppError('CONFLICT', 'Документ уже отозван');
    }
    await auditBy(tx, actor, { action: 'certificate.revoke', entityType: 'certificate', entityId: certificateId, details: { reason: text } });
    return withIsoDate(row);
  });
}

export async function getCertificate(sql: Queryable, certificateId: number): Promise<CertificateRow & { user_id: number; cohort_id: number }> {
  const [row] = await listCertificates(sql, { certificateId });
  if (!row) notFound('Документ не найден');
  return row;
}

export async function listCertificates(sql: Queryable, filter: { cohortId?: number; userId?: number; certificateId?: number }): Promise<(CertificateRow & { user_id: number; cohort_id: number })[]> {
  const rows = await sql<(CertificateRow & { user_id: number; cohort_id: number })[]>`
    SELECT c.id, c.enrolment_id, c.document_type, c.series, c.number, c.registration_number, c.issue_date, c.verification_code, c.holder_name,
           c.programme_title, c.programme_kind, c.hours, c.revoked_at, c.revoked_reason, e.user_id, e.cohort_id
    FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
    WHERE (${filter.cohortId ?? null}::bigint IS NULL OR e.cohort_id = ${filter.cohortId ?? null})
      AND (${filter.userId ?? null}::bigint IS NULL OR e.user_id = ${filter.userId ?? null})
      AND (${filter.certificateId ?? null}::bigint IS NULL OR c.id = ${filter.certificateId ?? null})
    ORDER BY c.issue_date, c.registration_number`;
  return rows.map((r) => ({ ...r, issue_date: toIsoDate(r.issue_date) }));
}

/** What the public verification page may show: the document's own data, nothing else. */
export interface CertificateVerification {
  status: 'valid' | 'revoked';
  documentType: DocumentType;
  documentTypeLabel: string;
  series: string;
  number: string;
  registrationNumber: string;
  issueDate: string;
  holderName: string;
  programmeTitle: string;
  programmeKind: CourseKind;
  programmeKindLabel: string;
  hours: number;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export async function verifyCertificate(sql: Queryable, rawCode: string): Promise<CertificateVerification | null> {
  const code = normalizeVerificationCode(rawCode);
  if (!code) return null;
  const [row] = await sql<CertificateRow[]>`SELECT ${COLUMNS(sql)} FROM certificates WHERE verification_code = ${code}`;
  if (!row) return null;
  return {
    status: row.revoked_at ? 'revoked' : 'valid',
    documentType: row.document_type,
    documentTypeLabel: DOCUMENT_TYPE_LABELS[row.document_type],
    series: row.series,
    number: row.number,
    registrationNumber: row.registration_number,
    issueDate: toIsoDate(row.issue_date),
    holderName: row.holder_name,
    programmeTitle: row.programme_title,
    programmeKind: row.programme_kind,
    programmeKindLabel: COURSE_KIND_LABELS[row.programme_kind],
    hours: row.hours,
    revokedAt: row.revoked_at,
    revokedReason: row.revoked_reason,
  };
}
