import { toWinAnsi } from '../../receipts';
import { FONT_SIZE, MARGIN, PAGE } from './pdf-layout';
import type { ReportHeading } from './types';

const MUTED = '#555555';
const width = PAGE.width - MARGIN * 2;
const line = { width, lineBreak: false, ellipsis: true } as const;

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The first page's block: workspace, title, filters in words, when it was generated and how
 * many rows. Fixed height (each line is one line), so pages can be counted ahead. A report
 * with a chart would draw it below this block and count its height the same way.
 */
export function drawHeading(doc: PDFKit.PDFDocument, heading: ReportHeading): void {
  const top = MARGIN;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(MUTED)
    .text(toWinAnsi(heading.workspace), MARGIN, top, line);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(toWinAnsi(heading.title), MARGIN, top + 16, line);
  doc.font('Helvetica').fontSize(9).fillColor(MUTED);
  doc.text(toWinAnsi(`Filters: ${heading.filters}`), MARGIN, top + 42, line);
  const rows = `${heading.rows.toLocaleString('en-US')} row${heading.rows === 1 ? '' : 's'}`;
  doc.text(`Generated ${utcMinute(heading.generatedAt)} - ${rows}`, MARGIN, top + 55, line);
  doc.fillColor('#000000');
}

/** Later pages: the workspace and title on one line, so a loose page still says what it is. */
export function drawRunningHead(doc: PDFKit.PDFDocument, heading: ReportHeading): void {
  doc.font('Helvetica').fontSize(FONT_SIZE).fillColor(MUTED);
  doc.text(toWinAnsi(`${heading.workspace} - ${heading.title}`), MARGIN, MARGIN, line);
  doc.fillColor('#000000');
}

/** "Page n of m" on the right of the footer, the generated-at time on the left. */
export function drawFooter(
  doc: PDFKit.PDFDocument,
  heading: ReportHeading,
  page: number,
  pages: number,
): void {
  const y = PAGE.height - MARGIN - 10;
  doc.font('Helvetica').fontSize(FONT_SIZE).fillColor(MUTED);
  doc.text(`Generated ${utcMinute(heading.generatedAt)}`, MARGIN, y, { ...line, width: width / 2 });
  doc.text(`Page ${page} of ${pages}`, MARGIN + width / 2, y, { ...line, width: width / 2, align: 'right' });
  doc.fillColor('#000000');
}
