import type { Writable } from 'node:stream';
import type { ExportFormat } from '../../../shared/exports/schema';
import { csvWriter } from './formats/csv';
import { pdfWriter } from './formats/pdf';
import type { ReportHeading, TableColumn, TableWriter } from './formats/types';
import { xlsxWriter } from './formats/xlsx';

export const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', pdf: 'pdf' };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The writer of `format` over `out`. */
export function writerFor(
  format: ExportFormat,
  out: Writable,
  columns: TableColumn[],
  heading: ReportHeading,
  options: { bom: boolean },
): TableWriter {
  switch (format) {
    case 'csv':
      return csvWriter(out, columns, options);
    case 'xlsx':
      return xlsxWriter(out, columns, heading.title);
    case 'pdf':
      return pdfWriter(out, columns, heading);
  }
}
