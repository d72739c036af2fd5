import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PDFFont } from 'pdf-lib';

const require = createRequire(import.meta.url);

/**
 * The PDF, font and QR libraries take tens of MB once loaded: they are loaded with the first
 * document, not by every process that imports this package (the crawl worker, the API).
 */
export type PdfLibraries = {
  PDFDocument: typeof import('pdf-lib').PDFDocument;
  rgb: typeof import('pdf-lib').rgb;
  fontkit: Parameters<import('pdf-lib').PDFDocument['registerFontkit']>[0];
  QRCode: typeof import('qrcode');
};
let libraries: Promise<PdfLibraries> | null = null;
export function loadPdfLibraries(): Promise<PdfLibraries> {
  libraries ??= Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit'), import('qrcode')]).then(([pdfLib, fontkit, qrcode]) => ({
    PDFDocument: pdfLib.PDFDocument,
    rgb: pdfLib.rgb,
    fontkit: ((fontkit as { default?: unknown }).default ?? fontkit) as PdfLibraries['fontkit'],
    QRCode: (qrcode as { default?: typeof import('qrcode') }).default ?? qrcode,
  }));
  return libraries;
}

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | null = null;
/** DejaVu ships TrueType with full Cyrillic; the files come from the npm package, not the system. */
export function loadPdfFonts() {
  const files = dejavuFontFiles();
  fonts ??= Promise.all([readFile(files.regular), readFile(files.bold)]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

/** Splits a long text into lines that fit the width. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) > maxWidth && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Paths of the DejaVu font files, for renderers that load fonts by file (SVG → PNG previews). */
export const dejavuFontFiles = () => ({
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
});
