import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seenByClient } from '../../testing/errors.test-kit';
import { createExportWorld, csvRecords, pdfPages, type ExportWorld } from './exports.test-kit';

/**
 * The Overview exported through exports.start like any list: the same range and segment as the
 * page, built by the backend from its own database, each file read back.
 */

let world: ExportWorld;
beforeAll(async () => {
  world = await createExportWorld();
});
afterAll(async () => {
  await world.close();
});

const VIEW = { from: '2025-07', to: '2026-06', segment: { currency: 'USD' } };

describe('the Overview exported', () => {
  it('as CSV: MRR by month, one row per month, each reconciling start + movements + FX = end', async () => {
    const overview = await world.as('billingA').analytics.overview(VIEW);
    const done = await world.exportAs('billingA', { source: 'overview', view: VIEW, format: 'csv' });
    expect(done).toMatchObject({ status: 'done', rowsDone: 12 });
    const [header, ...rows] = await csvRecords(world.fileOf(done));
    expect(header?.[0]).toBe('Month');
    expect(rows.map((r) => r[0])).toEqual(overview.months.map((m) => m.month));
    const end = header?.indexOf('MRR at end') ?? -1;
    const last = overview.months.at(-1);
    expect(rows.at(-1)?.[end]).toBe(((last?.mrrEnd ?? 0) / 100).toFixed(2));
  });

  it('as XLSX and PDF: the summary, every table and the charts', async () => {
    const xlsx = await world.exportAs('billingA', { source: 'overview', view: VIEW, format: 'xlsx' });
    expect(xlsx.status).toBe('done');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(world.fileOf(xlsx));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'MRR by month (USD)',
      'Revenue by month (USD)',
      'Churn and contraction',
    ]);
    expect(book.getWorksheet('MRR by month (USD)')?.rowCount).toBe(13);

    const pdf = await world.exportAs('billingA', { source: 'overview', view: VIEW, format: 'pdf' });
    expect(pdf.status).toBe('done');
    const text = (await pdfPages(world.fileOf(pdf))).join('\n');
    for (const words of [
      'Overview',
      'Jul 2025 to Jun 2026; USD only',
      'MRR movements by month (USD)',
      'MRR by month (USD)',
    ]) {
      expect(text).toContain(words);
    }
  });

  it('refuses a view the Overview would refuse, naming what is wrong, and stores nothing', async () => {
    const before = (await world.as('billingA').exports.list()).length;
    const error = seenByClient(
      await world
        .as('billingA')
        .exports.start({
          source: 'overview',
          view: { from: '2026-06', to: '2025-07', segment: {} },
          format: 'pdf',
        })
        .catch((e: unknown) => e),
    );
    expect(error.message).toMatch(/before/i);
    expect(await world.as('billingA').exports.list()).toHaveLength(before);
  });
});
