import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../../receipts';
import { majorUnits } from './money-text';
import {
  FIRST_PAGE_ROWS,
  FONT_SIZE,
  HEADER_ROW_HEIGHT,
  HEADING_HEIGHT,
  MARGIN,
  OTHER_PAGE_ROWS,
  PAGE,
  ROW_HEIGHT,
  RUNNING_HEAD_HEIGHT,
  pageCount,
  placeColumns,
} from './pdf-layout';
import { drawFooter, drawHeading, drawRunningHead } from './pdf-heading';
import type { Cell, ReportHeading, TableColumn, TableWriter } from './types';

const CELL_PADDING = 3;
const ELLIPSIS = '…';

/** A cell as the report prints it: amounts in major units with their code, times in UTC to the minute. */
export function pdfText(column: TableColumn, cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return `${majorUnits(cell)} ${cell.currency}`;
  if (column.kind === 'date' && typeof cell === 'number') {
    return new Date(cell).toISOString().slice(0, 16).replace('T', ' ');
  }
  return toWinAnsi(String(cell));
}

/** `text` cut with an ellipsis to fit `width` at the current font. */
export function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.widthOfString(text.slice(0, mid) + ELLIPSIS) <= width) low = mid;
    else high = mid - 1;
  }
  return text.slice(0, low) + ELLIPSIS;
}

/**
 * A PDF report written through pdfkit straight to `out`, page by page: the heading on the first
 * page, a table whose header row repeats on every page, "Page n of m" in each footer (m known
 * from `heading.rows`, see pdf-layout.ts). Numbers and amounts are right-aligned.
 */
export function pdfWriter(
  out: Writable,
  columns: readonly TableColumn[],
  heading: ReportHeading,
  options: { compress?: boolean } = {},
): TableWriter {
  const doc = new PDFDocument({
    size: PAGE.size,
    layout: PAGE.layout,
    margin: MARGIN,
    compress: options.compress ?? true,
    info: { Title: `${heading.title} — ${heading.workspace}`, Creator: 'Tollgate' },
  });
  doc.pipe(out);
  const pages = pageCount(heading.rows);
  const printed = columns.flatMap((column, index) => (column.printed === false ? [] : [{ column, index }]));
  const placed = placeColumns(printed.map(({ column }) => column.width));
  let page = 1;
  let rowsOnPage = 0;
  let y = 0;

  const tableHeader = (top: number) => {
    doc.font('Helvetica-Bold').fontSize(FONT_SIZE).fillColor('#333333');
    printed.forEach(({ column }, at) => drawCell(column, at, toWinAnsi(column.header), top + 5));
    doc.moveTo(MARGIN, top + HEADER_ROW_HEIGHT - 2).lineTo(PAGE.width - MARGIN, top + HEADER_ROW_HEIGHT - 2);
    doc.lineWidth(0.5).strokeColor('#999999').stroke();
    doc.font('Helvetica').fillColor('#000000');
    y = top + HEADER_ROW_HEIGHT;
  };
  const drawCell = (column: TableColumn, at: number, text: string, top: number) => {
    const box = placed[at];
    if (!box || text === '') return;
    const width = box.width - CELL_PADDING * 2;
    doc.text(fit(doc, text, width), box.x + CELL_PADDING, top, {
      width,
      lineBreak: false,
      align: column.kind === 'number' || column.kind === 'money' ? 'right' : 'left',
    });
  };
  const newPage = () => {
    doc.addPage();
    page += 1;
    rowsOnPage = 0;
    drawRunningHead(doc, heading);
    drawFooter(doc, heading, page, pages);
    tableHeader(MARGIN + RUNNING_HEAD_HEIGHT);
  };

  drawHeading(doc, heading);
  drawFooter(doc, heading, page, pages);
  tableHeader(MARGIN + HEADING_HEIGHT);

  return {
    writeRow(cells) {
      if (rowsOnPage === (page === 1 ? FIRST_PAGE_ROWS : OTHER_PAGE_ROWS)) newPage();
      doc.fontSize(FONT_SIZE);
      // Printed columns only, each in its own place: a column left off the page (a long id) may
      // sit anywhere in the list.
      printed.forEach(({ column, index }, at) =>
        drawCell(column, at, pdfText(column, cells[index] ?? null), y + 3),
      );
      y += ROW_HEIGHT;
      rowsOnPage += 1;
      return out.writableNeedDrain ? new Promise((resolve) => out.once('drain', resolve)) : undefined;
    },
    async finish() {
      doc.end();
      await finished(out, { readable: false });
    },
    async abort() {
      doc.unpipe(out);
      out.destroy();
      await finished(out).catch(() => undefined);
    },
  };
}
