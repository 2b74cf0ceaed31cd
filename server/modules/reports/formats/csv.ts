import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { isoUtc, majorUnits } from './money-text';
import type { Cell, TableColumn, TableWriter } from './types';

/** UTF-8's byte-order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = '\uFEFF';

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text cell made safe for spreadsheets: one that would start a formula gets a leading
 * apostrophe, which Excel and LibreOffice show as text and hide. Only text: numbers and
 * amounts ("-12.50") are written as they are.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as RFC 4180 writes it: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell's text in the file: money in major units, dates ISO 8601 UTC, text guarded. */
export function csvCell(column: TableColumn, cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return majorUnits(cell);
  if (typeof cell === 'number') return column.kind === 'date' ? isoUtc(cell) : String(cell);
  return csvText(cell);
}

/** A text cell needs work only when it could start a formula or holds a comma, quote, CR or LF. */
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;

/** A text cell guarded and quoted: one test for the common text that needs neither. */
function csvText(text: string): string {
  return NEEDS_CARE.test(text) ? csvField(guardFormula(text)) : text;
}

/** One record with its CRLF. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}

/** Each column's cell writer, chosen once by its kind (a million-row export writes twelve million cells). */
function cellWriters(columns: readonly TableColumn[]): ((cell: Cell) => string)[] {
  return columns.map((column) => {
    if (column.kind === 'date') {
      return (cell) => (typeof cell === 'number' ? isoUtc(cell) : csvCell(column, cell));
    }
    return (cell) => {
      if (typeof cell === 'string') return csvText(cell);
      return csvCell(column, cell);
    };
  });
}

/** The file is written in chunks of this many bytes. */
const CHUNK_BYTES = 256 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 per unit). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Writes an RFC 4180 CSV to `out` row by row. Each record is encoded straight into a 256 KB
 * chunk buffer (a string of the whole chunk cost more to flatten and encode than the rows did
 * to build: decision 169), and a full chunk goes to the file, waiting for it when it is behind:
 * memory stays a chunk whatever the number of rows. A row that fills no chunk returns nothing
 * to wait for (no promise per row).
 */
export function csvWriter(
  out: Writable,
  columns: readonly TableColumn[],
  options: { bom: boolean },
): TableWriter {
  const writers = cellWriters(columns);
  const width = columns.length;
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  /** Hands the filled part of the chunk to the file; true when the file asks to wait. */
  const sendChunk = (): boolean => {
    if (used === 0) return false;
    const filled = chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    return !out.write(filled);
  };
  /** Adds a record's text; a promise when the file is behind. */
  const append = (text: string): Promise<void> | undefined => {
    let behind = false;
    if (used + text.length * MAX_BYTES_PER_UNIT > CHUNK_BYTES) {
      behind = sendChunk();
      // A record longer than a chunk (megabytes of text in a cell) goes to the file as it is.
      if (text.length * MAX_BYTES_PER_UNIT > CHUNK_BYTES) behind = !out.write(text) || behind;
      else used += chunk.write(text, used);
    } else {
      used += chunk.write(text, used);
    }
    return behind ? drained() : undefined;
  };
  const drained = async () => {
    await once(out, 'drain');
  };
  void append((options.bom ? BOM : '') + csvLine(columns.map((c) => csvField(guardFormula(c.header)))));
  return {
    writeRow(cells) {
      // One string per record, built in place (no array of fields to join).
      let line = '';
      for (let index = 0; index < width; index++) {
        const cell = cells[index] ?? null;
        if (index > 0) line += ',';
        if (cell !== null) line += (writers[index] as (cell: Cell) => string)(cell);
      }
      return append(`${line}\r\n`);
    },
    async finish() {
      if (sendChunk()) await drained();
      out.end();
      await finished(out);
    },
    async abort() {
      used = 0;
      out.destroy();
      await finished(out).catch(() => undefined);
    },
  };
}
