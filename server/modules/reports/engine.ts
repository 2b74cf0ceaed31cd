import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { PDF_MAX_ROWS, type ExportFormat } from '../../../shared/exports/schema';
import type { Page } from '../../../shared/page';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import type { Cell, ReportHeading, TableWriter } from './formats/types';
import { reportRows, type ReportDocument } from './analytics-report/document';
import { writeReportPdf } from './analytics-report/report-pdf';
import { writeReportXlsx } from './analytics-report/report-xlsx';
import { csvWriter } from './formats/csv';
import { updateUnfinished } from './repo';
import { tableColumns, type ExportSourceDef, type SourceColumn } from './sources';
import { writerFor } from './writers';

/** Reads one page of the source's list, as the list procedure answers it. */
export type PageReader = (cursor: string | null, limit: number) => Promise<Page<unknown>>;

export interface ExportJob {
  id: string;
  db: Kysely<DB>;
  clock: Clock;
  source: ExportSourceDef<never>;
  format: ExportFormat;
  options: { bom: boolean };
  heading: Omit<ReportHeading, 'rows'>;
  /** The view's exact row count when the list gave one, else null (counted for a PDF). */
  rowsTotal: number | null;
  filePath: string;
  readPage: PageReader;
  /** Rows per page read: the list's maximum (tests read smaller pages to cross page ends). */
  pageSize: number;
  /** A report's whole document (built when it was started), written instead of reading pages. */
  document?: ReportDocument;
}

export type ExportOutcome = 'done' | 'canceled' | 'failed';

/** Why a PDF is refused (the view has more than PDF_MAX_ROWS rows), pointing to the formats that take any size. */
export function pdfTooLarge(): DomainError {
  const most = PDF_MAX_ROWS.toLocaleString('en-US');
  return new DomainError(
    'INVALID_INPUT',
    `This view has more than ${most} rows, the most a PDF holds. Export it as CSV or XLSX instead, or narrow the filters.`,
  );
}

/** Counts the view's rows by reading its pages, stopping past `limit`: for a list that gives no exact total. */
async function countRows(job: ExportJob, limit: number): Promise<number> {
  let rows = 0;
  let cursor: string | null = null;
  do {
    const page: Page<unknown> = await job.readPage(cursor, job.pageSize);
    rows += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null && rows <= limit);
  return rows;
}

/**
 * Runs one export: reads the list page by page with its cursor and hands each row to the
 * format's writer as it arrives, so memory holds one page whatever the size. After each page
 * the progress is stored; that same update finds a cancel (the row is no longer running),
 * which stops the export and removes the partial file. The file is complete only when done.
 */
export async function runExport(job: ExportJob): Promise<ExportOutcome> {
  const now = () => job.clock.now();
  if (!(await updateUnfinished(job.db, job.id, { status: 'running', started_at: now() }))) return 'canceled';
  let writer: TableWriter | null = null;
  try {
    let total = job.rowsTotal;
    if (job.format === 'pdf' && total === null) {
      total = await countRows(job, PDF_MAX_ROWS);
      await updateUnfinished(job.db, job.id, { rows_total: total });
    }
    if (job.format === 'pdf' && total !== null && total > PDF_MAX_ROWS) throw pdfTooLarge();
    if (job.document) {
      const rows = await writeReport(job, job.document);
      return await finishExport(job, rows);
    }
    const out = createWriteStream(job.filePath);
    const heading = { ...job.heading, rows: total ?? 0 };
    const active = writerFor(job.format, out, tableColumns(job.source), heading, job.options);
    writer = active;
    const rowsDone = await writeAllRows(job, active, () => out.bytesWritten);
    if (rowsDone === null) {
      await writer.abort();
      await rm(job.filePath, { force: true });
      return 'canceled';
    }
    await writer.finish();
    return await finishExport(job, rowsDone);
  } catch (error) {
    await writer?.abort();
    await rm(job.filePath, { force: true });
    await updateUnfinished(job.db, job.id, {
      status: 'failed',
      finished_at: now(),
      error: failureText(error),
    });
    if (!(error instanceof DomainError)) throw error;
    return 'failed';
  }
}

/** Marks a written export done with its size; removes the file when it was canceled meanwhile. */
async function finishExport(job: ExportJob, rowsDone: number): Promise<ExportOutcome> {
  const { size } = await stat(job.filePath);
  const stored = await updateUnfinished(job.db, job.id, {
    status: 'done',
    rows_done: rowsDone,
    rows_total: rowsDone,
    bytes: size,
    finished_at: job.clock.now(),
  });
  if (!stored) await rm(job.filePath, { force: true });
  return stored ? 'done' : 'canceled';
}

/**
 * Writes a report's document: the PDF and XLSX renderers take it whole (a report is tens of
 * rows to a few thousand); a CSV is its first table. Returns the rows written.
 */
async function writeReport(job: ExportJob, document: ReportDocument): Promise<number> {
  const out = createWriteStream(job.filePath);
  if (job.format === 'pdf') await writeReportPdf(document, out);
  else if (job.format === 'xlsx') await writeReportXlsx(document, out);
  else {
    const table = document.tables[0];
    const writer = csvWriter(out, table?.columns ?? [], job.options);
    for (const row of table?.rows ?? []) await writer.writeRow(row);
    await writer.finish();
    return table?.rows.length ?? 0;
  }
  return reportRows(document);
}

/** Writes every row; the number written, or null when the export was canceled meanwhile. */
async function writeAllRows(
  job: ExportJob,
  writer: TableWriter,
  bytes: () => number,
): Promise<number | null> {
  const columns = job.source.columns;
  const width = columns.length;
  // One array for every row's cells (a writer keeps none); a row waits only when the writer asks.
  const cells: Cell[] = new Array<Cell>(width).fill(null);
  let rowsDone = 0;
  let cursor: string | null = null;
  let first = true;
  do {
    const page: Page<unknown> = await job.readPage(cursor, job.pageSize);
    for (const item of page.items) {
      for (let index = 0; index < width; index++)
        cells[index] = (columns[index] as SourceColumn<unknown>).value(item);
      const waiting = writer.writeRow(cells);
      if (waiting) await waiting;
    }
    rowsDone += page.items.length;
    if (job.format === 'pdf' && rowsDone > PDF_MAX_ROWS) throw pdfTooLarge();
    const progress = { rows_done: rowsDone, bytes: bytes() };
    const counted = first && page.total !== null && !page.totalCapped ? { rows_total: page.total } : {};
    if (!(await updateUnfinished(job.db, job.id, { ...progress, ...counted }))) return null;
    first = false;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rowsDone;
}

/** What the Exports page says about a failure: a domain error's own words, never internals. */
function failureText(error: unknown): string {
  if (error instanceof DomainError) return error.message;
  return 'The export stopped on an unexpected error; the backend’s log has the details.';
}
