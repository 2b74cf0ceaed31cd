/**
 * The geometry of a PDF report, fixed so the number of pages is known from the number of
 * rows before the first page is written: every row is one line (long text is cut with an
 * ellipsis) and the heading block has a fixed height. That is what lets the footer say
 * "Page n of m" while pages stream to the file instead of being held to the end.
 */

export const PAGE = { size: 'A4' as const, layout: 'landscape' as const, width: 841.89, height: 595.28 };
export const MARGIN = 36;
export const ROW_HEIGHT = 14;
export const HEADER_ROW_HEIGHT = 18;
export const FONT_SIZE = 8;
/** Workspace, title, filters, generated-at: the first page's block above the table. */
export const HEADING_HEIGHT = 78;
/** The running title on later pages. */
export const RUNNING_HEAD_HEIGHT = 20;
export const FOOTER_HEIGHT = 20;

const tableBottom = PAGE.height - MARGIN - FOOTER_HEIGHT;

function rowsBelow(top: number): number {
  return Math.floor((tableBottom - top - HEADER_ROW_HEIGHT) / ROW_HEIGHT);
}

export const FIRST_PAGE_ROWS = rowsBelow(MARGIN + HEADING_HEIGHT);
export const OTHER_PAGE_ROWS = rowsBelow(MARGIN + RUNNING_HEAD_HEIGHT);

/** How many pages `rows` rows take (an empty table still has its page). */
export function pageCount(rows: number): number {
  if (rows <= FIRST_PAGE_ROWS) return 1;
  return 1 + Math.ceil((rows - FIRST_PAGE_ROWS) / OTHER_PAGE_ROWS);
}

/** Column x positions and widths: the page's width shared by each column's relative width. */
export function placeColumns(widths: readonly number[]): { x: number; width: number }[] {
  const total = widths.reduce((sum, width) => sum + width, 0) || 1;
  const available = PAGE.width - MARGIN * 2;
  let x = MARGIN;
  return widths.map((width) => {
    const placed = { x, width: (available * width) / total };
    x += placed.width;
    return placed;
  });
}
