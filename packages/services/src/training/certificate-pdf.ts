import type { PDFFont, PDFPage } from 'pdf-lib';
import { DOCUMENT_TYPE_LABELS, type CourseKind } from '@most/domain';
import { loadPdfFonts as loadFonts, loadPdfLibraries as loadLibraries, wrapText as wrap, type PdfLibraries } from '../documents/pdf-kit';
import type { CertificateRow } from './certificates';

const KIND_GENITIVE: Record<CourseKind, string> = {
  qualification_upgrade: 'повышения квалификации',
  professional_retraining: 'профессиональной переподготовки',
};

export const ISSUER_NAME = 'АНО «Цифровой мост»';

const RU_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
export function russianDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${RU_MONTHS[(m ?? 1) - 1]} ${y} г.`;
}

function centeredWith(rgb: PdfLibraries['rgb'], page: PDFPage, text: string, y: number, font: PDFFont, size: number) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color: rgb(0.1, 0.1, 0.15) });
}

/** Draws the QR code as vector squares: sharp at any zoom, no raster image inside. */
function drawQr({ QRCode, rgb }: PdfLibraries, page: PDFPage, url: string, x: number, y: number, size: number) {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (qr.modules.get(row, column)) {
        page.drawRectangle({ x: x + (column + 4) * cell, y: y + size - (row + 5) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
}

/** The document as a one-page A4 landscape PDF with the fonts embedded and a QR code to `verifyUrl`. */
export async function renderCertificatePdf(certificate: CertificateRow, verifyUrl: string): Promise<Uint8Array> {
  const [{ regular, bold }, libs] = await Promise.all([loadFonts(), loadLibraries()]);
  const { PDFDocument, fontkit, rgb } = libs;
  const centered = (page: PDFPage, text: string, y: number, font: PDFFont, size: number) => centeredWith(rgb, page, text, y, font, size);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`${DOCUMENT_TYPE_LABELS[certificate.document_type]} ${certificate.series} ${certificate.number}`);
  pdf.setAuthor(ISSUER_NAME);
  pdf.setLanguage('ru-RU');
  const font = await pdf.embedFont(regular, { subset: true });
  const fontBold = await pdf.embedFont(bold, { subset: true });
  const page = pdf.addPage([842, 595]);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: rgb(0.2, 0.3, 0.55), borderWidth: 2 });

  centered(page, ISSUER_NAME, 530, font, 12);
  centered(page, DOCUMENT_TYPE_LABELS[certificate.document_type].toUpperCase(), 480, fontBold, 22);
  centered(page, `Серия ${certificate.series} № ${certificate.number}`, 452, font, 13);
  centered(page, 'Настоящий документ выдан', 410, font, 13);
  centered(page, certificate.holder_name, 380, fontBold, 20);
  // Worded without the holder's gender (the registry does not always know it).
  centered(page, `об обучении по программе ${KIND_GENITIVE[certificate.programme_kind]}`, 350, font, 12);
  let y = 322;
  for (const line of wrap(`«${certificate.programme_title}»`, fontBold, 15, 640)) {
    centered(page, line, y, fontBold, 15);
    y -= 20;
  }
  centered(page, `в объёме ${certificate.hours} ч`, y - 6, font, 13);

  page.drawText(`Регистрационный номер: ${certificate.registration_number}`, { x: 60, y: 130, size: 11, font });
  page.drawText(`Дата выдачи: ${russianDate(certificate.issue_date)}`, { x: 60, y: 110, size: 11, font });
  page.drawText(`Проверка подлинности: ${verifyUrl}`, { x: 60, y: 70, size: 9, font });
  page.drawText(`Код проверки: ${certificate.verification_code}`, { x: 60, y: 56, size: 9, font });
  drawQr(libs, page, verifyUrl, 680, 46, 120);
  return pdf.save();
}

/** The public address of the verification page for a code. */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}
