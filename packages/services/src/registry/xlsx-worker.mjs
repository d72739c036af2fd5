// Reads the first sheet of an XLSX file in a worker thread, so a hostile workbook can exhaust only
// this worker's capped heap and time, never the API process. Plain JS: worker threads load it as is.
import { parentPort, workerData } from 'node:worker_threads';

function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result ?? ''; // formula
    return '';
  }
  return value;
}

const { buffer, maxRows } = workerData;
try {
  const { Readable } = await import('node:stream');
  const { default: Excel } = await import('exceljs');
  // Streaming reader: rows are read one by one and reading stops at the row limit.
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(buffer)]), {
    sharedStrings: 'cache',
    hyperlinks: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let headers = null;
  const rows = [];
  let tooMany = false;
  let sheets = 0;
  for await (const worksheet of reader) {
    sheets += 1;
    if (sheets > 1) break; // the first sheet only
    for await (const row of worksheet) {
      if (headers === null) {
        headers = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          headers[column - 1] = String(cellText(cell.value)).trim();
        });
        continue;
      }
      if (!row.hasValues) continue;
      if (rows.length >= maxRows) {
        tooMany = true;
        break;
      }
      const values = {};
      headers.forEach((header, index) => {
        values[header] = cellText(row.getCell(index + 1).value);
      });
      rows.push({ line: row.number, values });
    }
    break;
  }
  if (tooMany) parentPort.postMessage({ error: 'too_many_rows' });
  else if (sheets === 0) parentPort.postMessage({ error: 'no_sheets' });
  else parentPort.postMessage({ table: { headers: headers ?? [], rows } });
} catch (error) {
  parentPort.postMessage({ error: 'unreadable', message: error.message });
}
