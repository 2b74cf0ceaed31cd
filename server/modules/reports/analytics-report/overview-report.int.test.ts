import ExcelJS from 'exceljs';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { overviewInput } from '../../../../shared/analytics/overview-schema';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { pdfPages } from '../formats/pdf-text.test-kit';
import { overviewReport } from './overview-report';
import { writeReportPdf } from './report-pdf';
import { writeReportXlsx } from './report-xlsx';

let world: BillingWorld;
let dir: string;
beforeEach(async () => {
  world = await createBillingWorld();
  dir = mkdtempSync(join(tmpdir(), 'tollgate-report-'));
});
afterEach(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const staff = () => world.as('billingA');

/** Two paying customers from January; one leaves in February. */
async function januaryAndFebruary() {
  const stays = await world.customerOnClock('Stella Stays', GOOD_CARD);
  const leaves = await world.customerOnClock('Lena Leaves', GOOD_CARD);
  const { prices } = world.catalog;
  await staff().subscriptions.create({
    customerId: stays.customerId,
    priceId: prices.enterpriseMonthlyUsd,
    trialDays: 0,
  });
  const gone = await staff().subscriptions.create({
    customerId: leaves.customerId,
    priceId: prices.proMonthlyUsd,
    trialDays: 0,
  });
  await world.advance(leaves.clockId, START + 20 * DAY_MS);
  await staff().subscriptions.cancel({ id: gone.subscription.id, when: 'now' });
  return { goneId: gone.subscription.id };
}

const input = overviewInput.parse({ from: '2026-01', to: '2026-02', segment: {} });

describe('the Overview as a report', () => {
  it('PDF and XLSX carry the same figures as the Overview, and every churn behind them', async () => {
    const { goneId } = await januaryAndFebruary();
    const report = await overviewReport(world.database.db, world.tenants.A.id, input, {
      now: START + 30 * DAY_MS,
      title: 'Overview',
    });
    const [months, revenue, losses] = report.tables;
    expect(months?.rows.map((r) => [r[0], r[1], r[8]])).toEqual([
      ['2026-01', { minor: 0, currency: 'USD' }, { minor: 9900 + 999, currency: 'USD' }],
      ['2026-02', { minor: 9900 + 999, currency: 'USD' }, { minor: 9900, currency: 'USD' }],
    ]);
    expect(losses?.rows).toHaveLength(1);
    expect(losses?.rows[0]?.slice(1, 3)).toEqual(['Churn', 'Lena Leaves']);
    expect(losses?.rows[0]?.[7]).toBe(goneId);
    expect(report.figures.find((f) => f.label === 'MRR')?.value).toBe('$99.00');

    const pdf = join(dir, 'overview.pdf');
    await writeReportPdf(report, createWriteStream(pdf));
    const text = (await pdfPages(pdf)).join('\n');
    for (const words of [
      'Overview',
      'Jan 2026 to Feb 2026',
      'MRR movements by month (USD)',
      'Lena Leaves',
      'Page 1 of',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toMatch(/2026-02\s+108\.99 USD/);

    const xlsx = join(dir, 'overview.xlsx');
    await writeReportXlsx(report, createWriteStream(xlsx));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'MRR by month (USD)',
      'Revenue by month (USD)',
      'Churn and contraction',
    ]);
    const sheet = book.getWorksheet('MRR by month (USD)');
    expect(sheet?.rowCount).toBe(1 + (months?.rows.length ?? 0));
    expect(sheet?.getRow(3).getCell(9).value).toBe(99);
    expect(sheet?.getRow(3).getCell(9).numFmt).toBe('#,##0.00 "USD"');
    expect(book.getWorksheet('Churn and contraction')?.getRow(2).getCell(3).value).toBe('Lena Leaves');
    expect(revenue?.rows.map((r) => r[0])).toEqual(['2026-01', '2026-02']);
  });
});
