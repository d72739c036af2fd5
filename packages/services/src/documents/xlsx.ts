export type TableCell = string | number | null;

/** A sheet for people: a header row, then values; numbers stay numbers so Excel can sum and sort. */
export interface XlsxSheet {
  name: string;
  headers: readonly string[];
  rows: readonly (readonly TableCell[])[];
  /** Excel number format per column index, e.g. '0.0' for scores; text columns need none. */
  numberFormats?: Readonly<Record<number, string>>;
}

/**
 * A workbook with a frozen bold header and filters on each sheet. Strings are written as strings
 * (never formulas), so a name that starts with "=" stays text. Dates are fixed so that the same
 * data gives the same bytes.
 */
export async function renderXlsx(sheets: readonly XlsxSheet[], title: string): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  workbook.creator = '«Цифровой мост»';
  workbook.title = title;
  for (const spec of sheets) {
    // Excel forbids some characters and more than 31 characters in sheet names.
    const sheet = workbook.addWorksheet(spec.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...spec.headers]);
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row.map((cell) => (typeof cell === 'number' && !Number.isFinite(cell) ? null : cell)));
    spec.headers.forEach((header, index) => {
      const column = sheet.getColumn(index + 1);
      const longest = Math.max(header.length, ...spec.rows.slice(0, 500).map((r) => String(r[index] ?? '').length));
      column.width = Math.min(60, Math.max(8, longest + 2));
      const format = spec.numberFormats?.[index];
      if (format) column.numFmt = format;
    });
    if (spec.headers.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.headers.length } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
