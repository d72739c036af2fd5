import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@most/shared';
import { parseCsv, readTable, type Table } from './read-table';

export const REGISTRY_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Reads an uploaded CSV or XLSX file (by its name's extension) with the same parser as the CLI import. */
export async function readUploadedTable(fileName: string, content: Uint8Array): Promise<Table> {
  if (content.byteLength > REGISTRY_UPLOAD_MAX_BYTES) throw new AppError('BAD_REQUEST', `Файл больше ${REGISTRY_UPLOAD_MAX_BYTES / 1024 / 1024} МБ`, { details: { file: 'too large' } });
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(Buffer.from(content).toString('utf8'));
  if (!lower.endsWith('.xlsx')) throw new AppError('BAD_REQUEST', 'Поддерживаются файлы .csv и .xlsx', { details: { fileName: 'use .csv or .xlsx' } });
  const dir = await mkdtemp(join(tmpdir(), 'most-upload-'));
  try {
    const path = join(dir, 'upload.xlsx');
    await writeFile(path, content);
    return await readTable(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
