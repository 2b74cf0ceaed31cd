import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../../receipts';
import { fit, pdfText } from '../formats/pdf';
import { drawFooter, drawHeading, drawRunningHead } from '../formats/pdf-heading';
import {
  FONT_SIZE,
  FOOTER_HEIGHT,
  HEADER_ROW_HEIGHT,
  HEADING_HEIGHT,
  MARGIN,
  PAGE,
  placeColumns,
  ROW_HEIGHT,
  RUNNING_HEAD_HEIGHT,
} from '../formats/pdf-layout';
import type { ReportHeading } from '../formats/types';
import { reportRows, type ReportDocument, type ReportFigure, type ReportTable } from './document';
import { CHART_HEIGHT, drawBarChart } from './report-chart-pdf';

const FIGURES_PER_ROW = 5;
const FIGURE_HEIGHT = 44;
const TABLE_TITLE_HEIGHT = 20;
const CELL_PADDING = 3;
const BOTTOM = PAGE.height - MARGIN - FOOTER_HEIGHT;
const MUTED = '#555555';

/** Where the next block goes, and a fresh page (with its running head) when it would not fit. */
class Cursor {
  y = MARGIN + HEADING_HEIGHT;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly heading: ReportHeading,
  ) {}

  room(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    drawRunningHead(this.doc, this.heading);
    this.y = MARGIN + RUNNING_HEAD_HEIGHT;
  }
}

function drawFigures(doc: PDFKit.PDFDocument, figures: readonly ReportFigure[], at: Cursor): void {
  const width = (PAGE.width - MARGIN * 2) / FIGURES_PER_ROW;
  figures.forEach((figure, i) => {
    if (i % FIGURES_PER_ROW === 0) {
      if (i > 0) at.y += FIGURE_HEIGHT;
      at.room(FIGURE_HEIGHT);
    }
    const x = MARGIN + (i % FIGURES_PER_ROW) * width;
    const box = { width: width - 8, lineBreak: false } as const;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(toWinAnsi(figure.label), x, at.y, box);
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor('#000000')
      .text(toWinAnsi(figure.value), x, at.y + 11, box);
    if (figure.change) {
      doc.font('Helvetica').fontSize(7).fillColor(MUTED);
      doc.text(toWinAnsi(`${figure.change} vs month before`), x, at.y + 28, box);
    }
  });
  if (figures.length > 0) at.y += FIGURE_HEIGHT + 6;
}

/** A table with its title; rows flow onto new pages, each repeating the header row. */
function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, at: Cursor): void {
  const placed = placeColumns(table.columns.map((c) => c.width));
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(FONT_SIZE).fillColor('#333333');
    table.columns.forEach((column, i) => cell(i, toWinAnsi(column.header), at.y + 5, column.kind));
    doc
      .moveTo(MARGIN, at.y + HEADER_ROW_HEIGHT - 2)
      .lineTo(PAGE.width - MARGIN, at.y + HEADER_ROW_HEIGHT - 2);
    doc.lineWidth(0.5).strokeColor('#999999').stroke();
    doc.font('Helvetica').fillColor('#000000');
    at.y += HEADER_ROW_HEIGHT;
  };
  const cell = (i: number, text: string, top: number, kind: string) => {
    const box = placed[i];
    if (!box || text === '') return;
    const width = box.width - CELL_PADDING * 2;
    const align = kind === 'number' || kind === 'money' ? 'right' : 'left';
    doc.text(fit(doc, text, width), box.x + CELL_PADDING, top, { width, lineBreak: false, align });
  };
  at.room(TABLE_TITLE_HEIGHT + HEADER_ROW_HEIGHT + ROW_HEIGHT);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000000').text(toWinAnsi(table.title), MARGIN, at.y, {
    lineBreak: false,
  });
  at.y += TABLE_TITLE_HEIGHT;
  header();
  if (table.rows.length === 0) {
    doc
      .fontSize(FONT_SIZE)
      .fillColor(MUTED)
      .text('Nothing in this range.', MARGIN + CELL_PADDING, at.y + 3);
    doc.fillColor('#000000');
    at.y += ROW_HEIGHT;
  }
  for (const cells of table.rows) {
    if (at.y + ROW_HEIGHT > BOTTOM) {
      at.newPage();
      header();
    }
    doc.fontSize(FONT_SIZE);
    table.columns.forEach((column, i) => cell(i, pdfText(column, cells[i] ?? null), at.y + 3, column.kind));
    at.y += ROW_HEIGHT;
  }
  at.y += 12;
}

/**
 * The report as a PDF: the heading block, the headline figures, each chart, then each table
 * (breaking across pages with its header repeated), "Page n of m" on every page. Pages are
 * held until the end to number them: a report is tens of pages, never a 50,000-row dump
 * (refused before it starts, as list exports are).
 */
export async function writeReportPdf(report: ReportDocument, out: Writable): Promise<void> {
  const heading: ReportHeading = {
    workspace: report.workspace,
    title: report.title,
    filters: report.filters,
    generatedAt: report.generatedAt,
    rows: reportRows(report),
  };
  const doc = new PDFDocument({
    size: PAGE.size,
    layout: PAGE.layout,
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${report.title} — ${report.workspace}`, Creator: 'Tollgate' },
  });
  doc.pipe(out);
  drawHeading(doc, heading);
  const at = new Cursor(doc, heading);
  drawFigures(doc, report.figures, at);
  for (const chart of report.charts) {
    at.room(CHART_HEIGHT);
    drawBarChart(doc, chart, at.y);
    at.y += CHART_HEIGHT;
  }
  for (const table of report.tables) drawTable(doc, table, at);
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    drawFooter(doc, heading, i + 1, range.count);
  }
  doc.end();
  await finished(out, { readable: false });
}
