import { z } from 'zod';

/**
 * Exports: a list's whole current view (its filters and sort) written to a file by the
 * backend from its own database (server/modules/reports). Shared by the procedures and the
 * console's Export menu and Exports page.
 */

/** The lists an export can read, by the name of the list procedure's router. */
export const EXPORT_SOURCES = [
  'customers',
  'subscriptions',
  'invoices',
  'payments',
  'emails',
  'stripeEvents',
  'audit',
  'movements',
  'recoveries',
  'licenses',
  /** A report, not a list: the Overview (figures, charts, MRR and revenue by month, losses). */
  'overview',
] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'canceled'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** A PDF is a report to read, not a data dump: past this many rows, CSV or XLSX. */
export const PDF_MAX_ROWS = 50_000;

export const SOURCE_TITLES: Record<ExportSource, string> = {
  customers: 'Customers',
  subscriptions: 'Subscriptions',
  invoices: 'Invoices',
  payments: 'Payments',
  emails: 'Emails',
  stripeEvents: 'Stripe events',
  audit: 'Audit log',
  movements: 'MRR movements',
  recoveries: 'Invoices in recovery',
  licenses: 'Licenses',
  overview: 'Overview',
};

/**
 * A view is the list's own input without its page (cursor, limit): the server checks it with
 * that list's schema, so an unknown filter is named there. Bounded here only in size.
 */
const view = z
  .record(
    // A filter's name, as the lists spell them: never __proto__ or another name JavaScript gives meaning to.
    z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, { error: 'A filter is named like status or issuedFrom' }),
    z.unknown(),
    { error: 'The view is an object of the list’s filters' },
  )
  .refine((value) => Object.keys(value).length <= 20, { error: 'The view has more than 20 filters' });

/**
 * A source column's id: its header's words before any parenthesis, lower-case, joined by '-'
 * ('Created (UTC)' → 'created', 'Customer email' → 'customer-email'). The console names the
 * columns a table shows by these ids.
 */
export function exportColumnId(header: string): string {
  const words = (header.split('(')[0] ?? '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.join('-');
}

const columnIds = z
  .array(
    z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'A column is named like created or customer-email' }),
    { error: 'Columns is a list of column ids' },
  )
  .min(1, { error: 'Columns names at least one column' })
  .max(60, { error: 'Columns names at most 60 columns' });

export const exportStartInput = z.strictObject({
  source: z.enum(EXPORT_SOURCES, { error: `Source must be one of ${EXPORT_SOURCES.join(', ')}` }),
  view: view.default({}),
  /** The source's columns to write (ids, see exportColumnId), in the source's order; omitted: all. */
  columns: columnIds.optional(),
  format: z.enum(EXPORT_FORMATS, { error: 'Format must be csv, xlsx or pdf' }),
  options: z
    .strictObject({
      /** A byte-order mark first, so Excel reads the CSV as UTF-8. */
      bom: z.boolean().default(false),
    })
    .default({ bom: false }),
});
export type ExportStartInput = z.input<typeof exportStartInput>;

export const exportIdInput = z.strictObject({
  id: z.string().regex(/^exp_[0-9A-Z]{26}$/, { error: 'Export id must look like exp_…' }),
});

/** An export as the console shows it. Times are UTC epoch milliseconds. */
export interface ExportSummary {
  id: string;
  source: ExportSource;
  format: ExportFormat;
  title: string;
  /** The filters in words, as the PDF's header says them. */
  filters: string;
  status: ExportStatus;
  rowsDone: number;
  /** How many rows the view has; null until counted. */
  rowsTotal: number | null;
  bytes: number;
  fileName: string;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
}
