import type { PdfCanvas, TextStyle } from './pdf-canvas';
import { BADGE_COLORS, RECEIPT_COLORS } from './theme';
import type { ReceiptView } from './view';

const BODY: TextStyle = { size: 9.5 };
const MUTED: TextStyle = { size: 9.5, color: RECEIPT_COLORS.muted };
const STRONG: TextStyle = { size: 9.5, bold: true };
const LABEL: TextStyle = { size: 7.5, bold: true, color: RECEIPT_COLORS.muted, letterSpacing: 0.4 };

/** Title, status badge, business name and the invoice's key dates. */
export function drawHeader(canvas: PdfCanvas, view: ReceiptView): void {
  const titleStyle: TextStyle = { size: 22, bold: true, wrap: false };
  const titleHeight = canvas.textAt('Receipt', canvas.left, canvas.y, canvas.width / 2, titleStyle);
  drawBadge(canvas, view, canvas.left + canvas.textWidth('Receipt', titleStyle) + 12, canvas.y + 3);
  const businessStyle: TextStyle = { size: 13, bold: true, align: 'right' };
  const businessHeight = canvas.textAt(
    view.business.name,
    canvas.left + canvas.width / 2,
    canvas.y + 5,
    canvas.width / 2,
    businessStyle,
  );
  canvas.y += Math.max(titleHeight, businessHeight + 5) + 10;

  const labelWidth = 92;
  for (const row of view.details) {
    canvas.textAt(row.label, canvas.left, canvas.y, labelWidth, MUTED);
    canvas.y +=
      canvas.textAt(row.value, canvas.left + labelWidth, canvas.y, canvas.width - labelWidth, BODY) + 1;
  }
}

function drawBadge(canvas: PdfCanvas, view: ReceiptView, x: number, y: number): void {
  const colors = BADGE_COLORS[view.status];
  const style: TextStyle = { size: 8, bold: true, color: colors.text, wrap: false };
  const width = canvas.textWidth(view.statusLabel, style) + 12;
  const height = 16;
  canvas.doc.save().roundedRect(x, y, width, height, 3).fill(colors.background).restore();
  canvas.textAt(view.statusLabel, x + 6, y + 4.5, width, style);
}

interface BlockLine {
  text: string;
  style: TextStyle;
}

function optionalLine(text: string | null, style: TextStyle): BlockLine[] {
  return text === null ? [] : [{ text, style }];
}

/** "From" and "Billed to" side by side. */
export function drawParties(canvas: PdfCanvas, view: ReceiptView): void {
  const gap = 24;
  const columnWidth = (canvas.width - gap) / 2;
  const { business, customer } = view;
  const from: BlockLine[] = [
    { text: business.name, style: STRONG },
    ...business.addressLines.map((text) => ({ text, style: BODY })),
    ...optionalLine(business.email, MUTED),
  ];
  const billedTo: BlockLine[] = [
    { text: customer.name, style: STRONG },
    ...optionalLine(customer.company, BODY),
    { text: customer.email, style: MUTED },
    { text: customer.country, style: BODY },
  ];
  canvas.y += 18;
  const heights = [
    drawBlock(canvas, 'From', from, canvas.left, columnWidth),
    drawBlock(canvas, 'Billed to', billedTo, canvas.left + columnWidth + gap, columnWidth),
  ];
  canvas.y += Math.max(...heights);
}

function drawBlock(canvas: PdfCanvas, title: string, lines: BlockLine[], x: number, width: number): number {
  let y = canvas.y;
  y += canvas.textAt(title.toUpperCase(), x, y, width, LABEL) + 4;
  for (const line of lines) y += canvas.textAt(line.text, x, y, width, line.style);
  return y - canvas.y;
}

/** The one sentence a reader looks for: "€1,234.00 paid on Mar 5, 2025". */
export function drawHeadline(canvas: PdfCanvas, view: ReceiptView): void {
  canvas.y += 20;
  canvas.y += canvas.textAt(view.headline, canvas.left, canvas.y, canvas.width, { size: 14, bold: true }) + 8;
}

/** Subtotal to amount due, right-aligned under the line table; kept together on one page. */
export function drawTotals(canvas: PdfCanvas, view: ReceiptView): void {
  const x = canvas.left + canvas.width * 0.45;
  const width = canvas.right - x;
  const rowHeight = (style: TextStyle) => canvas.measure('X', width, style) + 6;
  const height = view.totals.reduce((sum, row) => sum + rowHeight(row.emphasis ? STRONG : BODY), 0);
  canvas.y += 6;
  canvas.ensureSpace(height);
  for (const row of view.totals) {
    const style = row.emphasis ? STRONG : BODY;
    if (row.emphasis) canvas.rule(canvas.y, x, canvas.right);
    canvas.textAt(row.label, x, canvas.y + 3, width / 2, style);
    canvas.textAt(row.value, x + width / 2, canvas.y + 3, width / 2, {
      ...style,
      align: 'right',
      wrap: false,
    });
    canvas.y += rowHeight(style);
  }
}

/** A small uppercase heading that stays on the same page as what follows it. */
export function drawSectionTitle(canvas: PdfCanvas, title: string, keepWithNext: number): void {
  canvas.y += 18;
  const height = canvas.measure(title, canvas.width, LABEL) + 2;
  canvas.ensureSpace(height + keepWithNext);
  canvas.y += canvas.textAt(title.toUpperCase(), canvas.left, canvas.y, canvas.width, LABEL) + 2;
}

/**
 * The running footer: the receipt's closing notes (contact, references) and "Page n of m",
 * repeated on every page so a printed page on its own still says whose receipt it is.
 */
export function drawPageFooter(canvas: PdfCanvas, view: ReceiptView, top: number, page: string): void {
  const style: TextStyle = { size: 7.5, color: RECEIPT_COLORS.muted };
  const lineHeight = canvas.measure('X', canvas.width, style) + 1;
  const pageWidth = canvas.textWidth(page, style) + 16;
  canvas.rule(top);
  let y = top + 8;
  view.footer.forEach((line, index) => {
    const isLast = index === view.footer.length - 1;
    canvas.lineAt(line, canvas.left, y, isLast ? canvas.width - pageWidth : canvas.width, style);
    if (isLast) canvas.textAt(page, canvas.left, y, canvas.width, { ...style, align: 'right', wrap: false });
    y += lineHeight;
  });
}
