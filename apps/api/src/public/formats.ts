import type { Context } from 'hono';
import { z } from 'zod';
import { renderXlsx } from '@most/services';
import { EXCEL_CSV, toCsv } from './csv';
import { tableSheet, type HumanTable } from './exports';
import { makeBody, send, type CachedBody } from './http-cache';

export const JSON_TYPE = 'application/json; charset=utf-8';
export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** json and csv for programs; csv-excel (semicolons, decimal commas) and xlsx for people. */
export const exportFormat = z
  .enum(['json', 'csv', 'csv-excel', 'xlsx'])
  .default('json')
  .describe('json; csv — для программ (запятые, десятичная точка); csv-excel — для Excel (точка с запятой, десятичная запятая); xlsx — книга Excel');
export type ExportFormat = z.output<typeof exportFormat>;

const FILE_EXTENSION: Record<ExportFormat, string> = { json: 'json', csv: 'csv', 'csv-excel': 'csv', xlsx: 'xlsx' };

/** Sends a cached body; files get a download name (`name`, `-excel` for Excel's CSV). */
export function sendInFormat(c: Context, body: CachedBody, format: ExportFormat, name: string): Response {
  const response = send(c, body);
  const suffix = format === 'csv-excel' ? '-excel' : '';
  if (format !== 'json') response.headers.set('content-disposition', `attachment; filename="${name.replace(/[^a-z0-9-]/g, '')}${suffix}.${FILE_EXTENSION[format]}"`);
  return response;
}

/** A table for people as the requested file: Excel's CSV dialect or a workbook. */
export async function humanFile(table: HumanTable, format: 'csv-excel' | 'xlsx', sheetName: string, title: string, cacheControl: string): Promise<CachedBody> {
  if (format === 'csv-excel') return makeBody(toCsv(table.headers, table.rows, EXCEL_CSV), CSV_TYPE, cacheControl);
  return makeBody(await renderXlsx([tableSheet(sheetName, table)], title), XLSX_TYPE, cacheControl);
}
