import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { currencyFormat, DATE_FORMAT, MAX_BACKLOG, ROWS_PER_TURN, xlsxWriter } from './xlsx';
import type { Cell, TableColumn } from './types';

const columns: TableColumn[] = [
  { header: 'Number', kind: 'text', width: 12 },
  { header: 'Seats', kind: 'number', width: 5 },
  { header: 'Total', kind: 'money', width: 10 },
  { header: 'Currency', kind: 'text', width: 4 },
  { header: 'Issued (UTC)', kind: 'date', width: 19 },
];

async function writeXlsx(rows: Cell[][]): Promise<ExcelJS.Worksheet> {
  const out = new PassThrough();
  const bytes = buffer(out);
  const writer = xlsxWriter(out, columns, 'Invoices');
  for (const row of rows) await writer.writeRow(row);
  await writer.finish();
  const workbook = new ExcelJS.Workbook();
  // exceljs types its Buffer as the ArrayBuffer-backed one; Node 24 types stream bytes wider.
  await workbook.xlsx.load((await bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('Invoices');
  if (!sheet) throw new Error('no Invoices sheet');
  return sheet;
}

describe('xlsxWriter', () => {
  it('writes real numbers, dates and amounts in their currency format, under a frozen bold header', async () => {
    const issued = Date.UTC(2026, 2, 1, 9, 30);
    const sheet = await writeXlsx([
      ['INV-000001', 3, { minor: 129_950, currency: 'USD' }, 'USD', issued],
      ['=cmd', 1, { minor: 1200, currency: 'JPY' }, 'JPY', null],
    ]);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Number',
      'Seats',
      'Total',
      'Currency',
      'Issued (UTC)',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    expect(first.getCell(2).value).toBe(3);
    expect(first.getCell(3).value).toBe(1299.5);
    expect(first.getCell(3).numFmt).toBe(currencyFormat('USD'));
    expect(first.getCell(5).value).toEqual(new Date(issued));
    expect(first.getCell(5).numFmt).toBe(DATE_FORMAT);
    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe('=cmd');
    expect(second.getCell(3).value).toBe(1200);
    expect(second.getCell(3).numFmt).toBe('#,##0 "JPY"');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getColumn(1).width).toBe(14);
  });

  it('writes markup in text as text, leaving out the control characters XML forbids', async () => {
    const sheet = await writeXlsx([['<b>Ada & "Bo"</b>\u0001 \t', 1, null, 'EUR', null]]);
    expect(sheet.getRow(2).getCell(1).value).toBe('<b>Ada & "Bo"</b> \t');
    expect(sheet.getRow(2).getCell(4).value).toBe('EUR');
  });

  it('keeps every row of a long sheet', async () => {
    const rows: Cell[][] = Array.from({ length: 5000 }, (_, n) => [`INV-${n}`, n, null, 'USD', null]);
    const sheet = await writeXlsx(rows);
    expect(sheet.rowCount).toBe(5001);
    expect(sheet.getRow(5001).getCell(1).value).toBe('INV-4999');
  });
});

describe('xlsxWriter memory', () => {
  it('lets the compressor catch up instead of holding the sheet’s XML (rows written in a loop that never waits otherwise)', async () => {
    const out = new PassThrough();
    const bytes = buffer(out);
    const writer = xlsxWriter(out, [{ header: 'Note', kind: 'text', width: 40 }], 'Notes');
    // 2 KB of text a row: 100 rows between turns give the compressor more than one chunk a turn.
    const note = 'x'.repeat(2048);
    const rows = 8000;
    let most = 0;
    for (let n = 0; n < rows; n++) {
      await writer.writeRow([`${n} ${note}`]);
      most = Math.max(most, writer.backlog());
    }
    await writer.finish();
    expect(most).toBeGreaterThan(ROWS_PER_TURN * note.length);
    expect(most).toBeLessThanOrEqual(MAX_BACKLOG + 2 * ROWS_PER_TURN * (note.length + 100));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Notes')?.rowCount).toBe(rows + 1);
  });
});

describe('currencyFormat', () => {
  it('shows the currency’s own digits', () => {
    expect(currencyFormat('USD')).toBe('#,##0.00 "USD"');
    expect(currencyFormat('bhd')).toBe('#,##0.000 "BHD"');
  });
});
