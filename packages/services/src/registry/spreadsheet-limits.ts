import { Worker } from 'node:worker_threads';
import { AppError } from '@most/shared';
import type { Table } from './read-table';

/** Limits for any uploaded or imported spreadsheet (SECURITY.md). */
export const SPREADSHEET_LIMITS = {
  /** Data rows of one sheet or CSV file. */
  maxRows: 50_000,
  /** Sum of the uncompressed sizes of an XLSX file's parts (a zip bomb is refused before inflating). */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Heap of the worker that reads an XLSX file. */
  workerHeapMb: 256,
  /** Wall time to read an XLSX file. */
  timeoutMs: 20_000,
};

const ru = (n: number) => n.toLocaleString('ru-RU');

export const tooManyRows = () =>
  new AppError('BAD_REQUEST', `В файле больше ${ru(SPREADSHEET_LIMITS.maxRows)} строк — это предел одной загрузки: разделите файл на части`, {
    details: { file: 'too many rows', maxRows: SPREADSHEET_LIMITS.maxRows },
  });

/**
 * Sum of the uncompressed sizes declared in a zip's central directory, without inflating anything;
 * null when the directory cannot be read (the reader then reports the file as unreadable).
 */
export function declaredUncompressedBytes(zip: Buffer): number | null {
  const searchFrom = Math.max(0, zip.length - 22 - 65_535);
  let eocd = -1;
  for (let i = zip.length - 22; i >= searchFrom; i -= 1) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // zip64: far beyond any limit here
    total += size;
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return total;
}

type WorkerAnswer = { table: Table } | { error: 'unreadable'; message: string } | { error: 'no_sheets' } | { error: 'too_many_rows' };

/** Reads an XLSX workbook's first sheet within the limits: size check first, then a capped worker thread. */
export async function readXlsxWithinLimits(buffer: Buffer): Promise<Table> {
  const declared = declaredUncompressedBytes(buffer);
  if (declared !== null && declared > SPREADSHEET_LIMITS.maxUncompressedBytes) {
    throw new AppError('BAD_REQUEST', `Распакованный файл больше ${ru(SPREADSHEET_LIMITS.maxUncompressedBytes / 1024 / 1024)} МБ: разделите его на части`, {
      details: { file: 'uncompressed size over the limit', maxUncompressedBytes: SPREADSHEET_LIMITS.maxUncompressedBytes },
    });
  }
  const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
      workerData: { buffer, maxRows: SPREADSHEET_LIMITS.maxRows },
      resourceLimits: { maxOldGenerationSizeMb: SPREADSHEET_LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError('BAD_REQUEST', `Файл не удалось прочитать за ${SPREADSHEET_LIMITS.timeoutMs / 1000} секунд: разделите его на части`, {
              details: { file: 'read timed out', timeoutMs: SPREADSHEET_LIMITS.timeoutMs },
            }),
          ),
        ),
      SPREADSHEET_LIMITS.timeoutMs,
    );
    worker.once('message', (message: WorkerAnswer) => finish(() => resolve(message)));
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('BAD_REQUEST', `Файлу не хватило ${SPREADSHEET_LIMITS.workerHeapMb} МБ памяти при чтении: разделите его на части`, {
                details: { file: 'out of memory', workerHeapMb: SPREADSHEET_LIMITS.workerHeapMb },
              })
            : error,
        ),
      ),
    );
    worker.once('exit', () => finish(() => reject(new AppError('BAD_REQUEST', 'The XLSX file cannot be read: the reader stopped'))));
  });
  if ('table' in answer) return answer.table;
  if (answer.error === 'too_many_rows') throw tooManyRows();
  if (answer.error === 'no_sheets') throw new AppError('BAD_REQUEST', 'The workbook has no sheets');
  throw new AppError('BAD_REQUEST', `The XLSX file cannot be read: ${answer.message}`);
}
