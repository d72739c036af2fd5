import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '@most/shared';

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
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The CSV file cannot be read: ${(error as Error).message}`);
  }
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

function cellText(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result ?? ''; // formula
    return '';
  }
  return value;
}

async function parseXlsx(buffer: Buffer): Promise<Table> {
  // Loaded on demand: only XLSX imports need the spreadsheet library.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('BAD_REQUEST', `The XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', 'The workbook has no sheets');
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    headers[column - 1] = String(cellText(cell.value)).trim();
  });
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, unknown> = {};
    headers.forEach((header, index) => {
      values[header] = cellText(row.getCell(index + 1).value);
    });
    rows.push({ line: rowNumber, values });
  });
  return { headers, rows };
}
