import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppError } from '@most/shared';
import type { Queryable } from '@most/db';

/** What trainees may upload: office documents, PDFs, images and plain text. */
export const ALLOWED_UPLOAD_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};
export const MAX_SUBMISSION_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_SUBMISSION = 5;

/** Leading bytes of the binary formats, so a renamed executable is not accepted as a PDF. */
const MAGIC: Record<string, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46],
  png: [0x89, 0x50, 0x4e, 0x47],
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  docx: [0x50, 0x4b, 0x03, 0x04],
  xlsx: [0x50, 0x4b, 0x03, 0x04],
  pptx: [0x50, 0x4b, 0x03, 0x04],
  odt: [0x50, 0x4b, 0x03, 0x04],
};

export interface Upload {
  fileName: string;
  content: Uint8Array;
}

export interface StoredFile {
  id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_path: string;
}

/** Checks size, extension and content; returns the content type to store. */
export function checkUpload(upload: Upload): string {
  const name = upload.fileName.trim();
  if (!name || name.length > 255 || /[\\/\0]/.test(name)) throw new AppError('BAD_REQUEST', 'Недопустимое имя файла');
  const extension = name.toLowerCase().split('.').pop() ?? '';
  const contentType = ALLOWED_UPLOAD_TYPES[extension];
  if (!contentType || !name.includes('.')) {
    throw new AppError('BAD_REQUEST', `Тип файла «${name}» не принимается; можно: ${Object.keys(ALLOWED_UPLOAD_TYPES).join(', ')}`);
  }
  if (upload.content.byteLength === 0) throw new AppError('BAD_REQUEST', `Файл «${name}» пуст`);
  if (upload.content.byteLength > MAX_SUBMISSION_FILE_BYTES) throw new AppError('BAD_REQUEST', `Файл «${name}» больше ${MAX_SUBMISSION_FILE_BYTES / 1024 / 1024} МБ`);
  const magic = MAGIC[extension];
  if (magic && !magic.every((byte, i) => upload.content[i] === byte)) throw new AppError('BAD_REQUEST', `Содержимое файла «${name}» не соответствует расширению`);
  if (extension === 'txt' && upload.content.includes(0)) throw new AppError('BAD_REQUEST', `Файл «${name}» не текстовый`);
  return contentType;
}

/** Writes the file under DATA_DIR/<area>/ with a random name and records its metadata; `written` collects the path. */
export async function storeFile(sql: Queryable, dataDir: string, area: string, upload: Upload, uploadedBy: number | null, written?: string[]): Promise<StoredFile> {
  const contentType = checkUpload(upload);
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  const storagePath = `${area}/${new Date().toISOString().slice(0, 7)}/${randomBytes(16).toString('hex')}`;
  const absolute = resolveStoragePath(dataDir, storagePath);
  await mkdir(dirname(absolute), { recursive: true });
  written?.push(absolute);
  await writeFile(absolute, upload.content, { flag: 'wx' });
  const [row] = await sql<StoredFile[]>`
    INSERT INTO stored_files (storage_path, file_name, content_type, size_bytes, sha256, uploaded_by)
    VALUES (${storagePath}, ${upload.fileName.trim()}, ${contentType}, ${upload.content.byteLength}, ${sha256}, ${uploadedBy})
    RETURNING id, file_name, content_type, size_bytes, sha256, storage_path`;
  return row!;
}

export function resolveStoragePath(dataDir: string, storagePath: string): string {
  const root = resolve(dataDir, 'files');
  const absolute = resolve(root, storagePath);
  if (!absolute.startsWith(root + sep)) throw new AppError('BAD_REQUEST', 'Недопустимый путь файла');
  return absolute;
}

export async function readStoredFile(sql: Queryable, dataDir: string, fileId: number): Promise<{ file: StoredFile; content: Buffer }> {
  const [file] = await sql<StoredFile[]>`SELECT id, file_name, content_type, size_bytes, sha256, storage_path FROM stored_files WHERE id = ${fileId}`;
  if (!file) throw new AppError('NOT_FOUND', 'Файл не найден');
  return { file, content: await readFile(join(resolveStoragePath(dataDir, file.storage_path))) };
}

/**
 * Runs a use case that stores uploads: every upload is checked before anything is written, and
 * whatever was written is removed when the use case fails (its transaction rolled back), so a
 * refused request leaves no file on disk.
 */
export async function withStoredFiles<T>(uploads: Upload[], work: (written: string[]) => Promise<T>): Promise<T> {
  for (const upload of uploads) checkUpload(upload);
  const written: string[] = [];
  try {
    return await work(written);
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw error;
  }
}
