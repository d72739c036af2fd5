import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '@most/shared';
import { SPREADSHEET_LIMITS, tooManyRows } from './spreadsheet-limits';

/** One data row of a spreadsheet with the line (CSV) or row (XLSX) number people see. */
export interface TableRow {
  line: number;
  values: Record<string, unknown>;
}

export interface Table {
  headers: string[];
  rows: TableRow[];
}

const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Reads a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file into header-keyed rows. */
export async function readTable(path: string): Promise<Table> {
  const buffer = await readFile(path);
  if (buffer.byteLength > MAX_FILE_BYTES) throw new AppError('BAD_REQUEST', `File is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const extension = extname(path).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return parseCsv(buffer.toString('utf8'));
  if (extension === '.xlsx') return parseXlsx(buffer);
  throw new AppError('BAD_REQUEST', `Unsupported file type "${extension}": use .csv or .xlsx`);
}

export function parseCsv(text: string): Table {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // One record past the limit (plus the header) is enough to refuse the file.
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true, trim: true, to: SPREADSHEET_LIMITS.maxRows + 2 }) as unknown as typeof records;
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The CSV file cannot be read: ${(error as Error).message}`);
  }
  if (records.length > SPREADSHEET_LIMITS.maxRows + 1) throw tooManyRows();
  const [header, ...data] = records;
  if (!header) throw new AppError('BAD_REQUEST', 'The file is empty');
  const headers = header.record;
  return {
    headers,
    rows: data.map(({ record, info }) => ({
      line: info.lines,
      values: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])),
    })),
  };
}

async function parseXlsx(buffer: Buffer): Promise<Table> {
  // Loaded on demand: only XLSX imports need the spreadsheet reader (and its worker thread).
  const { readXlsxWithinLimits } = await import('./spreadsheet-limits');
  return readXlsxWithinLimits(buffer);
}
