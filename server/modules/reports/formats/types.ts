/**
 * What every export format writes: a table of typed cells under headers. Sources turn their
 * rows into cells (sources/columns.ts); formats never see a list's rows.
 */

export type ColumnKind = 'text' | 'number' | 'money' | 'date';

/** Money as the database keeps it: integer minor units of `currency`. */
export interface MoneyCell {
  minor: number;
  currency: string;
}

/** text: string; number: number; money: MoneyCell; date: UTC epoch milliseconds. Null is empty. */
export type Cell = string | number | MoneyCell | null;

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Relative width in characters (XLSX column width, PDF share of the page). */
  width: number;
  /** False for a column a printed report leaves out (long ids): CSV and XLSX keep every column. */
  printed?: boolean;
}

/** What a report says above its table (the PDF prints it; CSV and XLSX carry only the table). */
export interface ReportHeading {
  workspace: string;
  title: string;
  /** The filters in words: "Status: paid; Search: ada". */
  filters: string;
  generatedAt: number;
  /** How many rows the table will have, for page numbers known before the first page. */
  rows: number;
}

/** A format's writer over one output file: rows in order, then finish (or abort on cancel). */
export interface TableWriter {
  /**
   * Takes the row; returns a promise to wait for when the file is behind (backpressure), else
   * nothing (a million rows need not make a million promises). `cells` is not kept: the caller
   * may reuse the array for its next row.
   */
  writeRow(cells: readonly Cell[]): Promise<void> | undefined;
  /** Writes what is left and resolves once every byte is in the file. */
  finish(): Promise<void>;
  /** Stops writing; the caller removes the partial file. */
  abort(): Promise<void>;
}
