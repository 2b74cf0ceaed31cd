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
  return csvField(guardFormula(cell));
}

/** One record with its CRLF. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}

const CHUNK = 64 * 1024;

/**
 * Writes an RFC 4180 CSV to `out` row by row, in chunks of about 64 KB, waiting for the file
 * when it is behind: memory stays a chunk whatever the number of rows.
 */
export function csvWriter(
  out: Writable,
  columns: readonly TableColumn[],
  options: { bom: boolean },
): TableWriter {
  let pending = (options.bom ? BOM : '') + csvLine(columns.map((c) => csvField(guardFormula(c.header))));
  const flush = async () => {
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    if (!out.write(chunk)) await once(out, 'drain');
  };
  return {
    async writeRow(cells) {
      // One string per record, built in place (no array of fields to join): a million-row export writes a million.
      let line = '';
      for (let index = 0; index < columns.length; index++) {
        if (index > 0) line += ',';
        line += csvCell(columns[index] as TableColumn, cells[index] ?? null);
      }
      pending += `${line}\r\n`;
      if (pending.length >= CHUNK) await flush();
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
