import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { minorUnitDigits, type CurrencyCode } from '../../../../shared/money';
import { majorUnitsNumber } from './money-text';
import type { Cell, TableColumn, TableWriter } from './types';

/** Dates as the sheet shows them: the cell holds a real date (UTC), this only formats it. */
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** A number format showing an amount with its currency's digits and code: `#,##0.00 "USD"`. */
export function currencyFormat(currency: string): string {
  const digits = minorUnitDigits(currency.toUpperCase() as CurrencyCode);
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency.toUpperCase()}"`;
}

/** A cell as the sheet holds it: amounts as numbers in major units, times as real dates. */
export function xlsxValue(column: TableColumn, cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'object') return majorUnitsNumber(cell);
  if (column.kind === 'date' && typeof cell === 'number') return new Date(cell);
  return cell;
}

/**
 * An XLSX written through exceljs's streaming WorkbookWriter: each row is committed (and so
 * leaves memory) as it is written. Real numbers and dates, amounts in their currency's format,
 * the header row frozen and bold, column widths from the columns.
 */
export function xlsxWriter(out: Writable, columns: readonly TableColumn[], sheetName: string): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.min(60, Math.max(8, column.width + 2)),
    style: column.kind === 'date' ? { numFmt: DATE_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const formats = new Map<string, string>();
  const formatOf = (currency: string) => {
    let format = formats.get(currency);
    if (!format) formats.set(currency, (format = currencyFormat(currency)));
    return format;
  };
  return {
    writeRow(cells) {
      const row = sheet.addRow(columns.map((column, index) => xlsxValue(column, cells[index] ?? null)));
      columns.forEach((column, index) => {
        const cell = cells[index];
        if (column.kind === 'money' && cell !== null && typeof cell === 'object') {
          row.getCell(index + 1).numFmt = formatOf(cell.currency);
        }
      });
      row.commit();
      // The zip stream pushes to `out` as it fills; waiting here when it is behind keeps memory flat.
      return out.writableNeedDrain ? new Promise((resolve) => out.once('drain', resolve)) : Promise.resolve();
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
      await finished(out, { readable: false });
    },
    async abort() {
      out.destroy();
      await finished(out).catch(() => undefined);
    },
  };
}
