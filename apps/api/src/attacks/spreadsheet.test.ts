import { deflateRawSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startAttackTarget, type AttackTarget } from './harness';
import type { TestBrowser } from '../test-support/http-client';

/** A one-entry zip (store the header fields by hand): `xl/worksheets/sheet1.xml` of `size` spaces. */
function zipBomb(size: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const content = Buffer.alloc(size, 0x20);
  const data = deflateRawSync(content, { level: 9 });
  const crc = crc32(content);
  /** The fields the local header and the central directory entry share, from "version needed" on (at 4 and at 6). */
  const writeEntry = (header: Buffer, at: number) => {
    header.writeUInt16LE(20, at);
    header.writeUInt16LE(8, at + 4);
    header.writeUInt32LE(crc, at + 10);
    header.writeUInt32LE(data.length, at + 14);
    header.writeUInt32LE(size, at + 18);
    header.writeUInt16LE(name.length, at + 22);
  };
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  writeEntry(local, 4);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  writeEntry(central, 6);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** Issue 13, item 5: spreadsheet import without limits (1M-row XLSX, zip bomb). */
describe('spreadsheet import limits over real HTTP', () => {
  let target: AttackTarget;
  let monitor: TestBrowser;
  beforeAll(async () => {
    target = await startAttackTarget({ trustProxy: 1 });
    monitor = await target.signedIn('monitor@most.test', { 'x-forwarded-for': '10.3.0.1' });
  });
  afterAll(async () => target?.close());

  const healthMs = async () => {
    const started = performance.now();
    const response = await fetch(`${target.server.url}/healthz`);
    await response.arrayBuffer();
    return performance.now() - started;
  };

  it('refuses a workbook over the row limit, naming the limit, while the server keeps answering', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Реестр');
    sheet.addRow(['full_name', 'kind', 'sector']);
    for (let i = 0; i < 60_000; i += 1) sheet.addRow([`Организация ${i}`, 'local_government', 'other']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const pending = monitor.mutate('registry.importFile', { fileName: 'реестр.xlsx', contentBase64: xlsx.toString('base64') });
    await new Promise((r) => setTimeout(r, 300));
    const during = await healthMs();
    const result = await pending;
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/больше 50\s000 строк/);
    expect(during).toBeLessThan(1_500);
  }, 90_000);

  it('refuses a CSV over the row limit', async () => {
    const csv = `full_name,kind,sector\n${Array.from({ length: 50_001 }, (_, i) => `Орг ${i},local_government,other`).join('\n')}\n`;
    const result = await monitor.mutate('registry.importFile', { fileName: 'реестр.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/больше 50\s000 строк/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const bomb = zipBomb(150 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await monitor.mutate('registry.importFile', { fileName: 'бомба.xlsx', contentBase64: bomb.toString('base64') });
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toMatch(/Распакованный файл больше 100 МБ/);
    expect(performance.now() - started).toBeLessThan(5_000); // generous: 2 shared cores
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });
});
