import { AppError } from '@most/shared';
import { buildFrdoRow, FRDO_HEADERS, regionDate, type FrdoCell, type FrdoRecord } from '@most/domain';
import type { Queryable } from '@most/db';
import { toIsoDate } from './common';

export interface FrdoSelection {
  cohortId?: number;
  certificateIds?: number[];
}

export interface FrdoRowProblem {
  certificateId: number;
  registrationNumber: string;
  holderName: string;
  /** The sheet row (the header is row 1) and the template column, 1-based. */
  row: number;
  columnNumber: number;
  column: string;
  message: string;
}

export interface FrdoExport {
  rowCount: number;
  problems: FrdoRowProblem[];
  /** Present only when every row is valid: a file the registry would reject is never produced. */
  xlsx: Buffer | null;
}

interface FrdoSourceRow {
  certificate_id: number;
  holder_name: string;
  document_type: FrdoRecord['documentType'];
  series: string;
  number: string;
  issue_date: Date;
  registration_number: string;
  kind: FrdoRecord['courseKind'];
  programme_title: string;
  professional_field: string | null;
  qualification_name: string | null;
  hours: number;
  starts_on: Date;
  ends_on: Date;
  finished_at: Date | null;
  form_of_study: FrdoRecord['formOfStudy'];
  funding_source: FrdoRecord['fundingSource'];
  surname: string | null;
  given_name: string | null;
  patronymic: string | null;
  birth_date: Date | null;
  sex: FrdoRecord['sex'];
  snils: string | null;
  citizenship: string | null;
  education_level: FrdoRecord['educationLevel'];
  diploma_surname: string | null;
  diploma_series: string | null;
  diploma_number: string | null;
  ugs: string | null;
  loss_confirmation: FrdoRecord['lossConfirmation'];
  exchange_confirmation: FrdoRecord['exchangeConfirmation'];
  o_document_type: FrdoRecord['documentType'] | null;
  o_series: string | null;
  o_number: string | null;
  o_registration_number: string | null;
  o_issue_date: Date | null;
  o_surname: string | null;
  o_given_name: string | null;
  o_patronymic: string | null;
  changes_number: string | null;
}

/** Valid (not revoked) documents of a cohort or a hand-picked list, in register order. */
export async function loadFrdoRecords(sql: Queryable, selection: FrdoSelection): Promise<{ certificateId: number; holderName: string; registrationNumber: string; record: FrdoRecord }[]> {
  if (selection.cohortId === undefined && !selection.certificateIds?.length) throw new AppError('BAD_REQUEST', 'Выберите поток или документы для выгрузки');
  const ids = selection.certificateIds ?? [];
  const rows = await sql<FrdoSourceRow[]>`
    SELECT c.id AS certificate_id, c.holder_name, c.document_type, c.series, c.number, c.issue_date, c.registration_number,
           co.kind, c.programme_title, co.professional_field, co.qualification_name, c.hours,
           h.starts_on, h.ends_on, e.finished_at, h.form_of_study, h.funding_source,
           p.surname, p.given_name, p.patronymic, p.birth_date, p.sex, p.snils, p.citizenship, p.education_level,
           p.diploma_surname, p.diploma_series, p.diploma_number, co.ugs, c.loss_confirmation, c.exchange_confirmation,
           o.document_type AS o_document_type, o.series AS o_series, o.number AS o_number, o.registration_number AS o_registration_number,
           o.issue_date AS o_issue_date, coalesce(o.holder_surname, p.surname) AS o_surname, coalesce(o.holder_given_name, p.given_name) AS o_given_name,
           CASE WHEN o.holder_surname IS NOT NULL THEN o.holder_patronymic ELSE p.patronymic END AS o_patronymic,
           fixed.number AS changes_number
    FROM certificates c
    LEFT JOIN certificates o ON o.id = c.original_id
    LEFT JOIN certificates fixed ON fixed.id = c.corrects_id
    JOIN enrolments e ON e.id = c.enrolment_id
    JOIN cohorts h ON h.id = e.cohort_id
    JOIN courses co ON co.id = h.course_id
    LEFT JOIN trainee_profiles p ON p.user_id = e.user_id
    WHERE c.revoked_at IS NULL
      AND (${selection.cohortId ?? null}::bigint IS NULL OR e.cohort_id = ${selection.cohortId ?? null})
      AND (${ids.length === 0} OR c.id = ANY(${ids}::bigint[]))
    ORDER BY c.registration_number`;
  return rows.map((r) => ({
    certificateId: r.certificate_id,
    holderName: r.holder_name,
    registrationNumber: r.registration_number,
    record: {
      documentType: r.document_type,
      series: r.series || null,
      number: r.number,
      issueDate: toIsoDate(r.issue_date),
      registrationNumber: r.registration_number,
      courseKind: r.kind,
      programmeTitle: r.programme_title,
      professionalField: r.professional_field,
      ugs: r.ugs,
      qualificationName: r.qualification_name,
      educationLevel: r.education_level,
      diplomaSurname: r.diploma_surname,
      diplomaSeries: r.diploma_series,
      diplomaNumber: r.diploma_number,
      startYear: Number(toIsoDate(r.starts_on).slice(0, 4)),
      // The year the trainee actually finished (early completion, withdrawal), else the cohort's last day.
      endYear: Number((r.finished_at ? regionDate(r.finished_at) : toIsoDate(r.ends_on)).slice(0, 4)),
      hours: r.hours,
      surname: r.surname ?? '',
      givenName: r.given_name ?? '',
      patronymic: r.patronymic,
      birthDate: r.birth_date ? toIsoDate(r.birth_date) : null,
      sex: r.sex,
      snils: r.snils,
      formOfStudy: r.form_of_study,
      fundingSource: r.funding_source,
      citizenship: r.citizenship ?? '643',
      original:
        r.o_number === null
          ? null
          : {
              documentType: r.o_document_type!,
              series: r.o_series || null,
              number: r.o_number,
              registrationNumber: r.o_registration_number ?? '',
              issueDate: toIsoDate(r.o_issue_date!),
              surname: r.o_surname ?? '',
              givenName: r.o_given_name ?? '',
              patronymic: r.o_patronymic,
            },
      lossConfirmation: r.loss_confirmation,
      exchangeConfirmation: r.exchange_confirmation,
      changesDocumentNumber: r.changes_number,
    },
  }));
}

/** Writes the rows under the template's header row; text cells stay text so that leading zeros survive. */
export async function writeFrdoXlsx(rows: FrdoCell[][]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = workbook.addWorksheet('Шаблон');
  sheet.addRow(FRDO_HEADERS);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((cell) => cell ?? null));
  FRDO_HEADERS.forEach((header, index) => {
    sheet.getColumn(index + 1).width = Math.min(40, Math.max(12, header.length * 0.6));
    sheet.getColumn(index + 1).numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The ФИС ФРДО export: either a file or, when any row is wrong, the list of what to fix per document. */
export async function exportFrdo(sql: Queryable, selection: FrdoSelection): Promise<FrdoExport> {
  const sources = await loadFrdoRecords(sql, selection);
  const problems: FrdoRowProblem[] = [];
  const rows: FrdoCell[][] = [];
  for (const [index, source] of sources.entries()) {
    // Data rows start under the header row.
    const { cells, errors } = buildFrdoRow(source.record, index + 2);
    rows.push(cells);
    for (const error of errors) {
      problems.push({ certificateId: source.certificateId, registrationNumber: source.registrationNumber, holderName: source.holderName, ...error });
    }
  }
  if (sources.length === 0) return { rowCount: 0, problems: [], xlsx: null };
  return { rowCount: rows.length, problems, xlsx: problems.length === 0 ? await writeFrdoXlsx(rows) : null };
}
