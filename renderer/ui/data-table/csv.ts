/**
 * CSV as RFC 4180 describes it (CRLF rows, quoted fields), made safe to open in a
 * spreadsheet: a text cell starting with = + - @ (or a tab/CR, which some spreadsheets
 * skip before a formula) gets a leading apostrophe, so it reads as text, not a formula.
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralized and quoted as needed. Numbers are data, never formulas, so they pass as is. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/**
 * A whole file: a byte-order mark (so spreadsheet apps read UTF-8 names correctly),
 * the header row, then one line per row.
 */
export function buildCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [csvRow(header), ...rows.map(csvRow)];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
