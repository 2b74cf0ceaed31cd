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

/** Days from Excel's day 0 (1899-12-30, the 1900 system) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

/**
 * A cell as the sheet holds it: amounts as numbers in major units, times as Excel's date
 * serial (days since 1899-12-30, UTC), which the column's date format shows as a date: the
 * number exceljs would write for a Date, without a Date per cell.
 */
export function xlsxValue(column: TableColumn, cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'object') return majorUnitsNumber(cell);
  if (column.kind === 'date' && typeof cell === 'number') return EXCEL_EPOCH_DAYS + cell / DAY_MS;
  return cell;
}

/** Every data row's own style (none), one object for all: a row's style is resolved like a cell's. */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

/**
 * The style each cell of a column gets, one object per column (per currency for amounts).
 * exceljs resolves a cell's style to its styles.xml entry by rendering the style to XML,
 * unless it has seen that very object before (a WeakMap): sharing the objects makes that a
 * lookup, where a fresh object per cell (what exceljs builds by default) costs most of a row's time.
 */
function columnStyles(columns: readonly TableColumn[]) {
  const perColumn = columns.map((column): Partial<ExcelJS.Style> =>
    column.kind === 'date' ? { numFmt: DATE_FORMAT } : {},
  );
  const perCurrency = new Map<string, Partial<ExcelJS.Style>>();
  return (index: number, cell: Cell): Partial<ExcelJS.Style> => {
    if (cell === null || typeof cell !== 'object') return perColumn[index] ?? {};
    let style = perCurrency.get(cell.currency);
    if (!style) perCurrency.set(cell.currency, (style = { numFmt: currencyFormat(cell.currency) }));
    return style;
  };
}

/** Rows between turns of the event loop: about 64 KB of sheet XML, one chunk for the compressor. */
export const ROWS_PER_TURN = 100;
/** Sheet XML waiting for the compressor beyond which rows wait for it: memory stays about this. */
export const MAX_BACKLOG = 4 * 1024 * 1024;

interface EntryPipe {
  _writableState?: { length: number; needDrain?: boolean };
  _readableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs pushes each row's XML into the zip entry's stream without heeding its backpressure,
 * and the compressor (zlib, on libuv's threads) moves on only when the event loop turns, which
 * a loop of synchronous page reads and row commits never lets it do: the XML of the whole sheet
 * piled up in memory (55 MB per 100,000 rows). The entry stream is exceljs's `sheet.stream`,
 * piped to archiver's PassThrough; this is the one place that reads their internals.
 */
function entryPipes(sheet: ExcelJS.Worksheet): EntryPipe[] {
  return (sheet as unknown as { stream?: { pipes?: EntryPipe[] } }).stream?.pipes ?? [];
}

/** Bytes of sheet XML written but not yet taken by the compressor. */
function zipBacklog(sheet: ExcelJS.Worksheet): number {
  return entryPipes(sheet).reduce(
    (sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0),
    0,
  );
}

/**
 * What a row waits for after its commit: every ROWS_PER_TURN rows a turn of the event loop (the
 * compressor takes its next chunk meanwhile, on another core); while more than MAX_BACKLOG of
 * XML waits, until the compressor has taken it all; while the file is behind, until it drains.
 */
function zipPacing(sheet: ExcelJS.Worksheet, out: Writable): () => Promise<void> {
  let rows = 0;
  return async () => {
    if (++rows % ROWS_PER_TURN !== 0) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (zipBacklog(sheet) > MAX_BACKLOG) {
      await Promise.all(
        entryPipes(sheet)
          .filter((pipe) => pipe._writableState?.needDrain)
          .map((pipe) => new Promise<void>((resolve) => pipe.once('drain', resolve))),
      );
    }
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  };
}

/**
 * An XLSX written through exceljs's streaming WorkbookWriter: each row is committed (and so
 * leaves memory) as it is written. Real numbers and dates, amounts in their currency's format,
 * the header row frozen and bold, column widths from the columns.
 */
export function xlsxWriter(
  out: Writable,
  columns: readonly TableColumn[],
  sheetName: string,
): TableWriter & { backlog(): number } {
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
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const styleOf = columnStyles(columns);
  const values: (ExcelJS.CellValue | undefined)[] = [];
  const keepUp = zipPacing(sheet, out);
  return {
    /** Sheet XML not yet compressed (tests check it stays bounded). */
    backlog: () => zipBacklog(sheet),
    writeRow(cells) {
      // An empty cell is left out (undefined), not written as a null cell with a style.
      for (let index = 0; index < columns.length; index++) {
        values[index] = xlsxValue(columns[index] as TableColumn, cells[index] ?? null) ?? undefined;
      }
      const row = sheet.addRow(values);
      // exceljs's types leave out Row.style, which its row writer reads like a cell's.
      (row as unknown as { style: Partial<ExcelJS.Style> }).style = ROW_STYLE;
      row.eachCell((cell, column) => {
        cell.style = styleOf(column - 1, cells[column - 1] ?? null);
      });
      row.commit();
      return keepUp();
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
