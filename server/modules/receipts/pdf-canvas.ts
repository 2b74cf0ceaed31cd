import { toWinAnsi } from './pdf-text';
import { RECEIPT_COLORS } from './theme';

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
  /** Wrap onto further lines (descriptions, addresses) or keep on one line (amounts). */
  wrap?: boolean;
  letterSpacing?: number;
}

const LINE_GAP = 1.5;

/**
 * A cursor over a pdfkit document that owns vertical flow and page breaks, and is the
 * only way text reaches the page, so every string is reduced to WinAnsi on the way
 * (see pdf-text.ts) and no pdfkit auto page break can happen behind our back.
 */
export class PdfCanvas {
  y: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.y = this.top;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }
  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Height the text would take in a box of this width. */
  measure(text: string, width: number, style: TextStyle): number {
    this.applyFont(style);
    return this.doc.heightOfString(toWinAnsi(text), this.textOptions(width, style));
  }

  textWidth(text: string, style: TextStyle): number {
    this.applyFont(style);
    return this.doc.widthOfString(toWinAnsi(text), { characterSpacing: style.letterSpacing ?? 0 });
  }

  /** Draws text in a box at (x, y) without moving the cursor; returns the height used. */
  textAt(text: string, x: number, y: number, width: number, style: TextStyle): number {
    const safe = toWinAnsi(text);
    this.applyFont(style);
    this.doc.fillColor(style.color ?? RECEIPT_COLORS.text).text(safe, x, y, this.textOptions(width, style));
    return this.doc.heightOfString(safe, this.textOptions(width, style));
  }

  /** Draws one line, shortened with an ellipsis when it would not fit the width. */
  lineAt(text: string, x: number, y: number, width: number, style: TextStyle): void {
    let fitted = toWinAnsi(text);
    const oneLine = { ...style, wrap: false };
    if (this.textWidth(fitted, oneLine) > width) {
      while (fitted.length > 0 && this.textWidth(`${fitted}…`, oneLine) > width) fitted = fitted.slice(0, -1);
      fitted = `${fitted.trimEnd()}…`;
    }
    this.textAt(fitted, x, y, width, oneLine);
  }

  /** Moves to a fresh page when the next `height` points would cross the bottom margin. */
  ensureSpace(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.doc.addPage();
    this.y = this.top;
    return true;
  }

  rule(y: number, from = this.left, to = this.right, color: string = RECEIPT_COLORS.border): void {
    this.doc.save().moveTo(from, y).lineTo(to, y).lineWidth(0.75).strokeColor(color).stroke().restore();
  }

  private applyFont(style: TextStyle): void {
    this.doc.font(style.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(style.size);
  }

  private textOptions(width: number, style: TextStyle): PDFKit.Mixins.TextOptions {
    return {
      width,
      align: style.align ?? 'left',
      lineBreak: style.wrap ?? true,
      lineGap: LINE_GAP,
      characterSpacing: style.letterSpacing ?? 0,
    };
  }
}
