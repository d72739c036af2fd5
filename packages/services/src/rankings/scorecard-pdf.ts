import type { PDFFont, PDFPage } from 'pdf-lib';
import { loadPdfFonts, loadPdfLibraries, wrapText } from '../documents/pdf-kit';

/** Everything the one-page scorecard shows, already in Russian (labels, numbers, dates). */
export interface Scorecard {
  organizationName: string;
  /** Kind, sector and municipality in one line. */
  subtitle: string;
  /** The edition the figures come from, e.g. «Рейтинг за октябрь 2026 (1 октября — 31 октября 2026 г.)»; null when none. */
  editionLine: string | null;
  /** Large figures at the top: score and place, each with its label («Балл», «Место»). */
  headline: { label: string; value: string; note: string }[];
  /** Why the organization is not ranked, when it is not. */
  unrankedText: string | null;
  criteria: { name: string; value: string }[];
  /** The evidence behind the figures: pages, coverage, sample. */
  evidence: string[];
  pages: { network: string; url: string; status: string }[];
  pageUrl: string;
  generatedOn: string;
}

const MARGIN = 48;
const WIDTH = 595;
const HEIGHT = 842;

/** A one-page A4 portrait PDF with the fonts embedded and a QR code to the organization's page. */
export async function renderScorecardPdf(card: Scorecard): Promise<Uint8Array> {
  const [{ regular, bold }, { PDFDocument, fontkit, rgb, QRCode }] = await Promise.all([loadPdfFonts(), loadPdfLibraries()]);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`Карточка организации: ${card.organizationName}`);
  pdf.setAuthor('«Цифровой мост»');
  pdf.setLanguage('ru-RU');
  const font = await pdf.embedFont(regular, { subset: true });
  const fontBold = await pdf.embedFont(bold, { subset: true });
  const page: PDFPage = pdf.addPage([WIDTH, HEIGHT]);
  const ink = rgb(0.1, 0.12, 0.15);
  const muted = rgb(0.35, 0.38, 0.42);
  let y = HEIGHT - MARGIN;
  const text = (value: string, options: { size: number; font?: PDFFont; color?: ReturnType<typeof rgb>; x?: number; maxWidth?: number; gap?: number }) => {
    const f = options.font ?? font;
    for (const line of wrapText(value, f, options.size, options.maxWidth ?? WIDTH - 2 * MARGIN - (options.x ?? 0))) {
      if (y < MARGIN + 40) return; // one page: what does not fit is on the web page
      page.drawText(line, { x: MARGIN + (options.x ?? 0), y, size: options.size, font: f, color: options.color ?? ink });
      y -= options.size + (options.gap ?? 4);
    }
  };

  text('«Цифровой мост» · карточка организации', { size: 9, color: muted });
  y -= 6;
  text(card.organizationName, { size: 17, font: fontBold, maxWidth: WIDTH - 2 * MARGIN - 90 });
  text(card.subtitle, { size: 10, color: muted, maxWidth: WIDTH - 2 * MARGIN - 90 });
  if (card.editionLine) text(card.editionLine, { size: 10, color: muted, maxWidth: WIDTH - 2 * MARGIN - 90 });
  const qrSize = 80;
  const qr = QRCode.create(card.pageUrl, { errorCorrectionLevel: 'M' });
  const cells = qr.modules.size;
  const cell = qrSize / (cells + 2);
  for (let row = 0; row < cells; row += 1)
    for (let column = 0; column < cells; column += 1) {
      if (qr.modules.get(row, column)) page.drawRectangle({ x: WIDTH - MARGIN - qrSize + (column + 1) * cell, y: HEIGHT - MARGIN - (row + 2) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
    }
  y = Math.min(y, HEIGHT - MARGIN - qrSize - 12) - 8;

  // Headline figures side by side.
  const boxWidth = (WIDTH - 2 * MARGIN - 12 * (card.headline.length - 1)) / Math.max(card.headline.length, 1);
  card.headline.forEach((figure, index) => {
    const x = MARGIN + index * (boxWidth + 12);
    page.drawRectangle({ x, y: y - 58, width: boxWidth, height: 66, borderColor: rgb(0.8, 0.83, 0.87), borderWidth: 1 });
    page.drawText(figure.label, { x: x + 10, y: y - 8, size: 9, font, color: muted });
    page.drawText(figure.value, { x: x + 10, y: y - 34, size: 22, font: fontBold, color: ink });
    page.drawText(figure.note, { x: x + 10, y: y - 50, size: 8, font, color: muted });
  });
  y -= 78;
  if (card.unrankedText) text(`Не ранжирована: ${card.unrankedText}`, { size: 10, font: fontBold });

  y -= 6;
  text('Критерии', { size: 12, font: fontBold, gap: 6 });
  for (const criterion of card.criteria) {
    if (y < MARGIN + 40) break;
    const lines = wrapText(criterion.name, font, 10, WIDTH - 2 * MARGIN - 110);
    const valueWidth = fontBold.widthOfTextAtSize(criterion.value, 10);
    page.drawText(criterion.value, { x: WIDTH - MARGIN - valueWidth, y, size: 10, font: fontBold, color: ink });
    for (const line of lines) {
      page.drawText(line, { x: MARGIN, y, size: 10, font, color: ink });
      y -= 14;
    }
    page.drawLine({ start: { x: MARGIN, y: y + 9 }, end: { x: WIDTH - MARGIN, y: y + 9 }, thickness: 0.5, color: rgb(0.88, 0.9, 0.92) });
  }

  y -= 10;
  text('На чём основана оценка', { size: 12, font: fontBold, gap: 6 });
  for (const line of card.evidence) text(`• ${line}`, { size: 10 });
  for (const p of card.pages) text(`• ${p.network}: ${p.url} — ${p.status}`, { size: 9, color: muted });

  page.drawText(`Подробнее и доказательства: ${card.pageUrl}`, { x: MARGIN, y: MARGIN, size: 8, font, color: muted });
  page.drawText(`Сформировано ${card.generatedOn}`, { x: MARGIN, y: MARGIN - 12, size: 8, font, color: muted });
  return pdf.save();
}
