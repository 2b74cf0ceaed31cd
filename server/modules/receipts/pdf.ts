import PDFDocument from 'pdfkit';
import { PdfCanvas } from './pdf-canvas';
import {
  drawHeader,
  drawHeadline,
  drawPageFooter,
  drawParties,
  drawSectionTitle,
  drawTotals,
} from './pdf-sections';
import { drawTable } from './pdf-table';
import { formatMoneyForPdf } from './pdf-text';
import type { ReceiptData } from './types';
import { buildReceiptView, type ReceiptView } from './view';

export interface ReceiptPdfOptions {
  /** Deflate the page content (default true); tests turn it off to read the text back. */
  compress?: boolean;
  /** Defaults to the paper used where the receipt's locale is: Letter in the Americas that use it, else A4. */
  paperSize?: 'A4' | 'LETTER';
}

// CLDR's territories whose default paper is US Letter.
const LETTER_REGIONS = new Set('BZ CA CL CO CR GT MX NI PA PH PR SV US VE'.split(' '));
// The bottom margin holds the running footer, FOOTER_OFFSET below where content stops.
const MARGINS = { top: 48, left: 56, right: 56, bottom: 64 };
const FOOTER_OFFSET = 16;
// A section title is kept with its table's header and first row (≈ 40pt).
const SECTION_KEEP_WITH_NEXT = 40;

function defaultPaperSize(locale: string): 'A4' | 'LETTER' {
  const region = new Intl.Locale(locale).maximize().region;
  return region !== undefined && LETTER_REGIONS.has(region) ? 'LETTER' : 'A4';
}

/** A printable PDF receipt with the same content as the HTML one; same data gives the same bytes. */
export async function renderReceiptPdf(data: ReceiptData, options: ReceiptPdfOptions = {}): Promise<Buffer> {
  const view = buildReceiptView(data, { moneyFormat: formatMoneyForPdf });
  const doc = new PDFDocument({
    size: options.paperSize ?? defaultPaperSize(view.locale),
    margins: MARGINS,
    compress: options.compress ?? true,
    bufferPages: true,
    displayTitle: true,
    lang: view.locale,
    // A fixed CreationDate also fixes the file ID pdfkit derives from the metadata,
    // which is what makes the output byte-for-byte reproducible.
    info: {
      Title: view.title,
      Author: data.business.name,
      Subject: `Receipt for invoice ${data.invoice.number}`,
      Creator: 'Tollgate',
      CreationDate: new Date(data.invoice.issuedAt),
    },
  });
  const done = collect(doc);
  drawReceipt(new PdfCanvas(doc), view);
  drawPageFooters(doc, view);
  doc.end();
  return await done;
}

function drawReceipt(canvas: PdfCanvas, view: ReceiptView): void {
  drawHeader(canvas, view);
  drawParties(canvas, view);
  drawHeadline(canvas, view);
  drawTable(
    canvas,
    [
      { header: 'Description', width: 'fill', align: 'left' },
      { header: 'Qty', width: 34, align: 'right' },
      { header: 'Unit price', width: 84, align: 'right' },
      { header: 'Amount', width: 84, align: 'right' },
    ],
    view.lines.map((line) => ({
      cells: [line.description, line.quantity, line.unitPrice, line.amount],
      detail: line.detail,
    })),
  );
  drawTotals(canvas, view);
  if (view.payments.length > 0) {
    drawSectionTitle(canvas, 'Payments', SECTION_KEEP_WITH_NEXT);
    drawTable(
      canvas,
      [
        { header: 'Date', width: 92, align: 'left' },
        { header: 'Method', width: 'fill', align: 'left' },
        { header: 'Status', width: 84, align: 'left' },
        { header: 'Amount', width: 84, align: 'right' },
      ],
      view.payments.map((payment) => ({
        cells: [payment.date, payment.method, payment.status, payment.amount],
      })),
    );
  }
  if (view.refunds.length > 0) {
    drawSectionTitle(canvas, 'Refunds', SECTION_KEEP_WITH_NEXT);
    drawTable(
      canvas,
      [
        { header: 'Date', width: 92, align: 'left' },
        { header: 'Reason', width: 'fill', align: 'left' },
        { header: 'Amount', width: 84, align: 'right' },
      ],
      view.refunds.map((refund) => ({ cells: [refund.date, refund.reason, refund.amount] })),
    );
  }
}

/** "Page 1 of 2" needs the final page count, so footers are drawn once every page exists. */
function drawPageFooters(doc: PDFKit.PDFDocument, view: ReceiptView): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // The footer sits inside the bottom margin; without lifting the margin pdfkit
    // would treat text there as overflow and start yet another page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = doc.page.height - bottomMargin + FOOTER_OFFSET;
    drawPageFooter(new PdfCanvas(doc), view, top, `Page ${index - start + 1} of ${count}`);
    doc.page.margins.bottom = bottomMargin;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
