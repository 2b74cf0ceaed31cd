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

/** About this many characters go to the file at once. */
const CHUNK = 256 * 1024;

/**
 * Writes an RFC 4180 CSV to `out` row by row, in chunks of about 256 KB, waiting for the file
 * when it is behind: memory stays a chunk whatever the number of rows. A row that fills no
 * chunk returns nothing to wait for (no promise per row).
 */
export function csvWriter(
  out: Writable,
  columns: readonly TableColumn[],
  options: { bom: boolean },
): TableWriter {
  let pending = (options.bom ? BOM : '') + csvLine(columns.map((c) => csvField(guardFormula(c.header))));
  const writers = cellWriters(columns);
  const width = columns.length;
  const flush = async () => {
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await once(out, 'drain');
  };
  return {
    writeRow(cells) {
      // One string per record, built in place (no array of fields to join).
      let line = '';
      for (let index = 0; index < width; index++) {
        const cell = cells[index] ?? null;
        if (index > 0) line += ',';
        if (cell !== null) line += (writers[index] as (cell: Cell) => string)(cell);
      }
      pending += `${line}\r\n`;
      return pending.length >= CHUNK ? flush() : undefined;
    },
    async finish() {
      await flush();
      out.end();
      await finished(out);
    },
    async abort() {
      pending = '';
      out.destroy();
      await finished(out).catch(() => undefined);
    },
  };
}
