import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';

/**
 * An export from a list page, in web mode: the paid invoices to XLSX from the Invoices page's
 * Export menu, its progress beside the menu, the finished export on the Exports page, and its
 * download opened with exceljs: one row per invoice of the view, under the header.
 */
test('exports the paid invoices to XLSX with progress, lists it on the Exports page, and downloads it', async ({
  page,
}) => {
  await page.goto('/#/invoices?status=paid');
  const count = page.getByTestId('row-count');
  await expect(count).toHaveText(/^[\d,]+ invoices?$/);
  const invoices = Number((await count.textContent())?.replace(/\D/g, ''));
  expect(invoices).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: /^XLSX/ }).click();
  const progress = page.getByRole('status', { name: 'Export progress' });
  await expect(progress).toContainText('Invoices to XLSX');
  await expect(progress.getByTestId('export-rows')).toHaveText(/rows?/);
  await expect(progress).toContainText('Done');
  await expect(progress.getByTestId('export-rows')).toContainText(
    `${invoices.toLocaleString('en-US')} row${invoices === 1 ? '' : 's'}`,
  );

  await progress.getByRole('link', { name: 'All exports' }).click();
  await expect(page.getByRole('heading', { name: 'Exports' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Exports' }).getByRole('row').nth(1);
  await expect(row).toContainText('Invoices · XLSX');
  await expect(row).toContainText('Status: paid');
  await expect(row).toContainText('Done');

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: /^Download invoices-.*\.xlsx$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{2}-\d{4}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  expect(sheet?.getRow(1).getCell(1).value).toBe('Number');
  expect(sheet?.rowCount).toBe(invoices + 1);
});
