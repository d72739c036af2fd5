import { Resvg } from '@resvg/resvg-js';
import { dejavuFontFiles } from '@most/services';
import { escapeHtml } from './escape';

/** A link preview card: 1200×630, the size VK, Telegram and others crop least. */
export interface PreviewCard {
  kicker: string;
  title: string;
  /** A large figure on the right (e.g. the score) with its caption; null when there is none. */
  figure: { value: string; caption: string } | null;
  lines: string[];
}

const WIDTH = 1200;
const HEIGHT = 630;

/** Greedy word wrap by an average glyph width (DejaVu Sans: about 0.58 em, bold about 0.68 em). */
function wrap(text: string, size: number, width: number, maxLines: number, em = 0.58): string[] {
  const perLine = Math.floor(width / (size * em));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length > perLine && line) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, perLine - 1)}…`;
  }
  return lines;
}

/** The card as SVG; every text is escaped. */
export function previewSvg(card: PreviewCard): string {
  const textWidth = card.figure ? 800 : 1080;
  const titleLines = wrap(card.title, 52, textWidth, 3, 0.68);
  let y = 190;
  const title = titleLines.map((line) => `<text x="60" y="${(y += 64) - 64}" font-size="52" font-weight="bold" fill="#0f172a">${escapeHtml(line)}</text>`).join('');
  y += 16;
  const lines = card.lines
    .slice(0, 4)
    .map((line) => `<text x="60" y="${(y += 44) - 44}" font-size="30" fill="#334155">${escapeHtml(wrap(line, 30, textWidth, 1)[0] ?? '')}</text>`)
    .join('');
  const figure = card.figure
    ? `<rect x="900" y="150" width="240" height="220" rx="20" fill="#e0ecff"/><text x="1020" y="285" font-size="84" font-weight="bold" fill="#0b5cad" text-anchor="middle">${escapeHtml(card.figure.value)}</text><text x="1020" y="340" font-size="26" fill="#334155" text-anchor="middle">${escapeHtml(card.figure.caption)}</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans">
<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/><rect width="${WIDTH}" height="16" fill="#0b5cad"/>
<text x="60" y="110" font-size="30" fill="#0b5cad" font-weight="bold">${escapeHtml(card.kicker)}</text>
${title}${lines}${figure}
<text x="60" y="590" font-size="24" fill="#64748b">Цифровой мост · общественный мониторинг официальных страниц</text>
</svg>`;
}

/** The card as PNG, drawn with the bundled DejaVu fonts (no system fonts: the same image everywhere). */
export function renderPreviewPng(card: PreviewCard): Uint8Array {
  const fonts = dejavuFontFiles();
  const resvg = new Resvg(previewSvg(card), { font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}
