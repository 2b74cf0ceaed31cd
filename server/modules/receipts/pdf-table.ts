import type { PdfCanvas, TextStyle } from './pdf-canvas';
import { RECEIPT_COLORS } from './theme';

export interface PdfColumn {
  header: string;
  /** Points, or 'fill' for the one column that takes the remaining width. */
  width: number | 'fill';
  align: 'left' | 'right';
}

export interface PdfRow {
  cells: string[];
  /** Smaller muted text under the first cell (a line's kind and service period). */
  detail?: string | null;
}

const CELL_GAP = 14;
const ROW_PADDING = 5;
const HEADER_STYLE: TextStyle = { size: 7.5, bold: true, color: RECEIPT_COLORS.muted, letterSpacing: 0.4 };
const CELL_STYLE: TextStyle = { size: 9.5 };
const DETAIL_STYLE: TextStyle = { size: 8, color: RECEIPT_COLORS.muted };

interface PlacedColumn extends PdfColumn {
  x: number;
  boxWidth: number;
}

function placeColumns(canvas: PdfCanvas, columns: PdfColumn[]): PlacedColumn[] {
  const fixed = columns.reduce((total, column) => total + (column.width === 'fill' ? 0 : column.width), 0);
  const fillWidth = canvas.width - fixed - CELL_GAP * (columns.length - 1);
  let x = canvas.left;
  return columns.map((column) => {
    const boxWidth = column.width === 'fill' ? fillWidth : column.width;
    const placed = { ...column, x, boxWidth };
    x += boxWidth + CELL_GAP;
    return placed;
  });
}

function headerHeight(canvas: PdfCanvas): number {
  return canvas.measure('X', 100, HEADER_STYLE) + ROW_PADDING * 2;
}

function drawHeader(canvas: PdfCanvas, columns: PlacedColumn[]): void {
  for (const column of columns) {
    const style = { ...HEADER_STYLE, align: column.align, wrap: false };
    canvas.textAt(column.header.toUpperCase(), column.x, canvas.y + ROW_PADDING, column.boxWidth, style);
  }
  canvas.y += headerHeight(canvas);
  canvas.rule(canvas.y);
}

function cellStyle(column: PlacedColumn, isFirst: boolean): TextStyle {
  // Only the first column wraps; numbers stay on one line so they line up on the right.
  return { ...CELL_STYLE, align: column.align, wrap: isFirst };
}

function rowHeight(canvas: PdfCanvas, columns: PlacedColumn[], row: PdfRow): number {
  const cellHeights = columns.map((column, index) => {
    const text = row.cells[index] ?? '';
    let height = canvas.measure(text, column.boxWidth, cellStyle(column, index === 0));
    if (index === 0 && row.detail) height += canvas.measure(row.detail, column.boxWidth, DETAIL_STYLE);
    return height;
  });
  return Math.max(...cellHeights) + ROW_PADDING * 2;
}

function drawRow(canvas: PdfCanvas, columns: PlacedColumn[], row: PdfRow, height: number): void {
  columns.forEach((column, index) => {
    const text = row.cells[index] ?? '';
    const y = canvas.y + ROW_PADDING;
    const used = canvas.textAt(text, column.x, y, column.boxWidth, cellStyle(column, index === 0));
    if (index === 0 && row.detail)
      canvas.textAt(row.detail, column.x, y + used, column.boxWidth, DETAIL_STYLE);
  });
  canvas.y += height;
  canvas.rule(canvas.y);
}

/**
 * Draws a table that flows over as many pages as it needs: a row never splits across
 * pages, and every page the table continues on starts with the column headers again.
 */
export function drawTable(canvas: PdfCanvas, columns: PdfColumn[], rows: PdfRow[]): void {
  const placed = placeColumns(canvas, columns);
  const heights = rows.map((row) => rowHeight(canvas, placed, row));
  // Keep the header with at least the first row rather than stranding it at a page end.
  canvas.ensureSpace(headerHeight(canvas) + (heights[0] ?? 0));
  drawHeader(canvas, placed);
  rows.forEach((row, index) => {
    const height = heights[index] ?? 0;
    if (canvas.ensureSpace(height)) drawHeader(canvas, placed);
    drawRow(canvas, placed, row, height);
  });
}
