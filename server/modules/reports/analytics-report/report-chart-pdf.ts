import { formatMoney, money } from '../../../../shared/money';
import { toWinAnsi } from '../../receipts';
import { MARGIN, PAGE } from '../formats/pdf-layout';
import type { ReportChart } from './document';

/** How tall a chart is on the page, title and legend included. */
export const CHART_HEIGHT = 190;

const AXIS_WIDTH = 70;
const PLOT_HEIGHT = 130;
const MUTED = '#555555';

/** Each label's gains stacked up from zero and losses down, as the console's chart does. */
function extent(chart: ReportChart): { top: number; bottom: number } {
  let top = 0;
  let bottom = 0;
  chart.labels.forEach((_, i) => {
    let up = 0;
    let down = 0;
    for (const s of chart.series) {
      const v = s.values[i] ?? 0;
      if (v > 0) up += v;
      else down += v;
    }
    top = Math.max(top, up);
    bottom = Math.min(bottom, down);
  });
  return { top, bottom };
}

const amount = (minor: number, currency: string) => toWinAnsi(formatMoney(money(minor, currency)));

/**
 * Draws a stacked bar chart at `y` (the page's full width): a zero line, the axis' highest and
 * lowest amounts, a bar per label and a legend. Drawn with pdfkit's own shapes, so the PDF
 * keeps its text searchable and needs no image library.
 */
export function drawBarChart(doc: PDFKit.PDFDocument, chart: ReportChart, y: number): void {
  const left = MARGIN + AXIS_WIDTH;
  const width = PAGE.width - MARGIN - left;
  const plotTop = y + 18;
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000000');
  doc.text(toWinAnsi(chart.title), MARGIN, y, { lineBreak: false });
  const { top, bottom } = extent(chart);
  const span = top - bottom || 1;
  const scale = PLOT_HEIGHT / span;
  const zeroY = plotTop + top * scale;
  doc.font('Helvetica').fontSize(7).fillColor(MUTED);
  const axis = (value: number, at: number) =>
    doc.text(amount(value, chart.currency), MARGIN, at - 3, {
      width: AXIS_WIDTH - 6,
      align: 'right',
      lineBreak: false,
    });
  axis(top, plotTop);
  if (bottom < 0) axis(bottom, plotTop + PLOT_HEIGHT);
  axis(0, zeroY);
  const slot = width / Math.max(1, chart.labels.length);
  const barWidth = Math.max(1, slot * 0.6);
  chart.labels.forEach((label, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    let up = zeroY;
    let down = zeroY;
    for (const s of chart.series) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const h = Math.abs(v) * scale;
      if (v > 0) {
        up -= h;
        doc.rect(x, up, barWidth, h).fill(s.color);
      } else {
        doc.rect(x, down, barWidth, h).fill(s.color);
        down += h;
      }
    }
    doc.fillColor(MUTED).fontSize(6);
    doc.text(toWinAnsi(label), left + i * slot, plotTop + PLOT_HEIGHT + 4, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });
  doc
    .moveTo(left, zeroY)
    .lineTo(left + width, zeroY)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  let legendX = left;
  const legendY = plotTop + PLOT_HEIGHT + 16;
  doc.fontSize(7);
  for (const s of chart.series) {
    doc.rect(legendX, legendY, 8, 8).fill(s.color);
    doc.fillColor('#000000').text(toWinAnsi(s.name), legendX + 11, legendY, { lineBreak: false });
    legendX += 16 + doc.widthOfString(toWinAnsi(s.name)) + 10;
  }
  doc.fillColor('#000000');
}
