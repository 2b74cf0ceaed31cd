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

/**
 * The style each cell of a column gets, one object per column (per currency for amounts), and
 * its id in styles.xml: exceljs's style manager gives the id (and writes styles.xml), asked once
 * per object, where exceljs's own cells ask it per cell.
 */
function columnStyles(workbook: ExcelJS.stream.xlsx.WorkbookWriter, columns: readonly TableColumn[]) {
  const styles = (workbook as unknown as { styles: StyleManager }).styles;
  const idOf = (style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType) =>
    styles.addStyleModel(style, type) || 0;
  const perColumn = columns.map((column) =>
    column.kind === 'date'
      ? idOf({ numFmt: DATE_FORMAT }, ExcelJS.ValueType.Number)
      : idOf({}, column.kind === 'text' ? ExcelJS.ValueType.String : ExcelJS.ValueType.Number),
  );
  const perCurrency = new Map<string, number>();
  return {
    column: (index: number) => perColumn[index] ?? 0,
    currency(currency: string): number {
      let id = perCurrency.get(currency);
      if (id === undefined) {
        id = idOf({ numFmt: currencyFormat(currency) }, ExcelJS.ValueType.Number);
        perCurrency.set(currency, id);
      }
      return id;
    },
  };
}

/** exceljs's style manager (workbook.styles): the id of a style's styles.xml entry. */
interface StyleManager {
  addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number;
}

/** What XML text may not hold as it is: markup characters, and control characters XML forbids. */
// eslint-disable-next-line no-control-regex -- the control characters XML forbids are what is found
const XML_CARE = /[<>&\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** Text as an XML element's content: markup escaped, forbidden control characters left out (as exceljs does). */
export function xmlText(text: string): string {
  if (!XML_CARE.test(text)) return text;
  // eslint-disable-next-line no-control-regex -- and left out
  return text.replace(/[<>&\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, (char) => XML_ESCAPES[char] ?? '');
}

/** A column's letters ("A", "Z", "AA"), 1-based. */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Rows between turns of the event loop: about 64 KB of sheet XML, one chunk for the compressor. */
export const ROWS_PER_TURN = 100;
/** Sheet XML gathered before it goes to the zip entry at once, fewer rows when they are long. */
const CHUNK = 64 * 1024;
/** Sheet XML waiting for the compressor beyond which rows wait for it: memory stays about this. */
export const MAX_BACKLOG = 4 * 1024 * 1024;
/**
 * zlib's level for the sheet: 1, its fastest. A sheet of one row per list item repeats itself
 * so much that level 1 keeps most of the default level's gain at a fraction of its CPU time.
 */
export const ZIP_LEVEL = 1;

interface EntryPipe {
  _writableState?: { length: number; needDrain?: boolean };
  _readableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
}

/** The sheet's entry stream (exceljs's `sheet.stream`, piped into archiver). */
interface SheetStream {
  write(data: string): unknown;
  pipes?: EntryPipe[];
}

function sheetStream(sheet: ExcelJS.Worksheet): SheetStream {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  if (!stream) throw new Error('exceljs worksheet writer without its stream');
  return stream;
}

/**
 * exceljs pushes each row's XML into the zip entry's stream without heeding its backpressure,
 * and the compressor (zlib, on libuv's threads) moves on only when the event loop turns, which
 * a loop of synchronous page reads and row commits never lets it do: the XML of the whole sheet
 * piled up in memory (55 MB per 100,000 rows). The entry stream is exceljs's `sheet.stream`,
 * piped to archiver's PassThrough; this is the one place that reads their internals.
 */
function entryPipes(sheet: ExcelJS.Worksheet): EntryPipe[] {
  return sheetStream(sheet).pipes ?? [];
}

/** Bytes of sheet XML written but not yet taken by the compressor. */
function zipBacklog(sheet: ExcelJS.Worksheet): number {
  return entryPipes(sheet).reduce(
    (sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0),
    0,
  );
}

/**
 * What a chunk of rows waits for once it is handed to the zip entry: a turn of the event loop
 * (the compressor takes its next chunk meanwhile, on another core); while more than MAX_BACKLOG
 * of XML waits, until the compressor has taken it all; while the file is behind, until it drains.
 */
async function keepUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (zipBacklog(sheet) > MAX_BACKLOG) {
    await Promise.all(
      entryPipes(sheet)
        .filter((pipe) => pipe._writableState?.needDrain)
        .map((pipe) => new Promise<void>((resolve) => pipe.once('drain', resolve))),
    );
  }
  if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
}

/**
 * Each column's cell as sheet XML (`<c r="E2" s="3"><v>12.5</v></c>`, strings as exceljs writes
 * them without shared strings: `t="str"`), chosen once by its kind; empty cells are left out.
 */
function cellWriters(columns: readonly TableColumn[], styles: ReturnType<typeof columnStyles>) {
  return columns.map((column, index) => {
    const letters = columnLetters(index + 1);
    const own = styles.column(index);
    const styled = own ? ` s="${own}"` : '';
    return (cell: Cell, row: number): string => {
      if (cell === null) return '';
      if (typeof cell === 'object') {
        return `<c r="${letters}${row}" s="${styles.currency(cell.currency)}"><v>${majorUnitsNumber(cell)}</v></c>`;
      }
      if (typeof cell === 'number') {
        const value = column.kind === 'date' ? EXCEL_EPOCH_DAYS + cell / DAY_MS : cell;
        return `<c r="${letters}${row}"${styled}><v>${value}</v></c>`;
      }
      return `<c r="${letters}${row}"${styled} t="str"><v>${xmlText(cell)}</v></c>`;
    };
  });
}

/**
 * An XLSX written through exceljs's streaming WorkbookWriter: the workbook, its styles, the
 * sheet's columns, frozen bold header and the zip are exceljs's; each data row's XML is written
 * here, straight into the sheet's zip entry in chunks, with the style ids exceljs gave the shared
 * column styles. Real numbers and dates, amounts in their currency's format, column widths from
 * the columns. exceljs's own row path (a Row, a Cell and a model per cell, XML built node by
 * node) was most of an export's time (decision 163).
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
    zip: { zlib: { level: ZIP_LEVEL } },
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.min(60, Math.max(8, column.width + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  // The header goes through exceljs, which opens the sheet's data with it; data rows follow it.
  sheet.getRow(1).commit();
  const stream = sheetStream(sheet);
  const writers = cellWriters(columns, columnStyles(workbook, columns));
  const width = columns.length;
  let rowNumber = 1;
  let rowsInChunk = 0;
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    stream.write(pending);
    pending = '';
    rowsInChunk = 0;
  };
  return {
    /** Sheet XML not yet compressed (tests check it stays bounded). */
    backlog: () => zipBacklog(sheet),
    writeRow(cells) {
      rowNumber += 1;
      let xml = `<row r="${rowNumber}" x14ac:dyDescent="0.25">`;
      for (let index = 0; index < width; index++) {
        const cell = cells[index] ?? null;
        if (cell !== null) xml += (writers[index] as (cell: Cell, row: number) => string)(cell, rowNumber);
      }
      pending += `${xml}</row>`;
      if (++rowsInChunk < ROWS_PER_TURN && pending.length < CHUNK) return undefined;
      flush();
      return keepUp(sheet, out);
    },
    async finish() {
      flush();
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
