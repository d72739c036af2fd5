import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFFONTS = '/usr/bin/pdffonts';

/** Fails, saying how to install it, when poppler's pdftotext is missing (call it in beforeAll: a missing tool fails the suite, it skips nothing). */
export function requirePoppler(): void {
  if (!existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} is missing: apt-get install -y poppler-utils`);
}

/** A PDF's text by pdftotext (UTF-8): `layout` keeps the page's layout, `folded` folds each run of whitespace to one space. */
export async function pdfText(file: string, options: { layout?: boolean; folded?: boolean } = {}): Promise<string> {
  const { stdout } = await run(PDFTOTEXT, ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), file, '-']);
  return options.folded ? stdout.replace(/\s+/g, ' ') : stdout;
}

/** The rows of the font table pdffonts prints for a PDF, headers left out (one line a font: name, type, encoding, embedded…). */
export async function pdfFonts(file: string): Promise<string[]> {
  return (await run(PDFFONTS, [file])).stdout.split('\n').slice(2).filter(Boolean);
}
