import type { Cell, TableColumn } from '../formats/types';

/**
 * A report of figures, charts and tables (the Overview for a range of months, the monthly
 * finance pack), as one model that the PDF and XLSX renderers both read: the same numbers in
 * both files, written by one builder.
 */

export interface ReportFigure {
  label: string;
  value: string;
  /** Against the month before ("+$12.00", "no change"); null where either month has no figure. */
  change: string | null;
}

/** Bars per label, stacked around zero (gains up, losses down), in minor units of `currency`. */
export interface ReportChart {
  title: string;
  currency: string;
  labels: string[];
  series: { name: string; color: string; values: number[] }[];
}

export interface ReportTable {
  title: string;
  /** Its sheet's name in the workbook (short: Excel allows 31 characters). */
  sheet: string;
  columns: TableColumn[];
  rows: Cell[][];
}

export interface ReportDocument {
  workspace: string;
  title: string;
  /** The filters in words ("Nov 2026; plan: Pro; all currencies in USD"). */
  filters: string;
  generatedAt: number;
  figures: ReportFigure[];
  charts: ReportChart[];
  tables: ReportTable[];
}

/** Every table row of a report: what the PDF limit is checked against. */
export function reportRows(doc: ReportDocument): number {
  return doc.tables.reduce((sum, table) => sum + table.rows.length, 0);
}
