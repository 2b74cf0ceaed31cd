import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { currencyFormat, DATE_FORMAT, xlsxValue } from '../formats/xlsx';
import type { ReportDocument, ReportTable } from './document';

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules), unique. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ReportTable, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: Math.min(60, Math.max(8, column.width + 2)),
    style: column.kind === 'date' ? { numFmt: DATE_FORMAT } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const cells of table.rows) {
    const row = sheet.addRow(table.columns.map((column, i) => xlsxValue(column, cells[i] ?? null)));
    table.columns.forEach((column, i) => {
      const cell = cells[i];
      if (column.kind === 'money' && cell !== null && typeof cell === 'object') {
        row.getCell(i + 1).numFmt = currencyFormat(cell.currency);
      }
    });
    row.commit();
  }
  sheet.commit();
}

/**
 * The report as a workbook: a Summary sheet (what it is, its filters, when, the headline
 * figures), then one sheet per table with real numbers, dates and currency formats and the
 * header row frozen. Streamed through exceljs's WorkbookWriter, row by row.
 */
export async function writeReportXlsx(doc: ReportDocument, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const taken = new Set<string>();
  const summary = workbook.addWorksheet(sheetName('Summary', taken));
  summary.columns = [{ width: 28 }, { width: 24 }, { width: 22 }];
  const lines: (string | null)[][] = [
    [doc.workspace],
    [doc.title],
    ['Filters', doc.filters],
    ['Generated (UTC)', new Date(doc.generatedAt).toISOString().slice(0, 16).replace('T', ' ')],
    [],
    ['Figure', 'Value', 'Against the month before'],
    ...doc.figures.map((f) => [f.label, f.value, f.change]),
  ];
  lines.forEach((cells, i) => {
    const row = summary.addRow(cells);
    if (i < 2 || i === 5) row.font = { bold: true, size: i === 1 ? 14 : 11 };
    row.commit();
  });
  summary.commit();
  for (const table of doc.tables) writeTable(workbook, table, sheetName(table.sheet, taken));
  await workbook.commit();
  await finished(out, { readable: false });
}
