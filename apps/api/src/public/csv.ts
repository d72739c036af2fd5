/** Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export interface CsvDialect {
  separator: ',' | ';';
  /** Russian Excel reads "12,5" as a number and "12.5" as text. */
  decimalComma: boolean;
}

/** RFC 4180, for programs. */
export const STANDARD_CSV: CsvDialect = { separator: ',', decimalComma: false };
/** What Excel opens in a Russian locale: semicolons and decimal commas. */
export const EXCEL_CSV: CsvDialect = { separator: ';', decimalComma: true };

function cell(value: unknown, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return dialect.decimalComma ? String(value).replace('.', ',') : String(value);
  }
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a UTF-8 byte order mark, so Excel opens Cyrillic text correctly. */
export function toCsv(headers: readonly string[], rows: readonly (readonly unknown[])[], dialect: CsvDialect = STANDARD_CSV): string {
  const line = (row: readonly unknown[]) => row.map((value) => cell(value, dialect)).join(dialect.separator);
  return `\uFEFF${[line(headers), ...rows.map(line)].join('\r\n')}\r\n`;
}
