import { expect, test } from './fixtures';
import { expectToast } from './support';

/**
 * The analytics settings page: a rebuild started by staff runs in the background and reports
 * the differences it found; a malformed FX CSV names its line and stores nothing; a rate added
 * by hand appears in the table.
 */

test('rebuilds and checks the movements, imports FX rates line by line, and adds a rate', async ({
  page,
}) => {
  // Reached from the palette (and the Overview's header), not from a sidebar area.
  await page.goto('/#/customers');
  await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toBeVisible();
  await page.keyboard.press('Control+K');
  const box = page.getByRole('textbox', { name: 'Search everything or run a command' });
  await expect(box).toBeFocused();
  await box.fill('exchange rates');
  await page.locator('[data-action]').filter({ hasText: 'Analytics settings' }).click();
  await expect(page).toHaveURL(/#\/analytics\/settings$/);
  await expect(page.getByRole('heading', { name: 'Analytics settings', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Reporting currency')).toHaveValue(/^[A-Z]{3}$/);

  await page.getByRole('button', { name: 'Rebuild and check' }).click();
  await expectToast(page, 'Rebuild started');
  await expect(page.getByTestId('rebuild-status')).toHaveText(
    /^The last rebuild found every movement as written \(0 differences\)/,
  );

  const csv = page.getByLabel('Import from CSV');
  await csv.fill('day,base,quote,rate\n2001-01-02,CHF,USD,1.1\n2001-01-03,CHF,USD,abc\n');
  await page.getByRole('button', { name: 'Import rates' }).click();
  await expect(page.getByText(/^Line 3: Rate must be a positive decimal number/)).toBeVisible();
  const rates = page.getByRole('table', { name: 'Exchange rates' });
  await expect(page.getByRole('cell', { name: '2001-01-02' })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Add a rate' });
  await form.getByLabel('Day').fill('2001-01-01');
  await form.getByLabel('Base').fill('CHF');
  await form.getByLabel('Quote').fill('USD');
  await form.getByLabel('Rate').fill('1.0750');
  await form.getByRole('button', { name: 'Add rate' }).click();
  await expectToast(page, 'Rate saved');
  await expect(rates.getByRole('row', { name: /2001-01-01 CHF → USD 1\.075 Entered/ })).toBeVisible();
});
