import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import {
  chooseCountry,
  createCustomer,
  customersGrid,
  dataRows,
  expectToast,
  openCustomers,
  rowCount,
  searchCustomers,
  uniqueWord,
} from './support';

test('lists the demo workspace’s customers and finds one by part of a name', async ({ page }) => {
  await page.goto('/#/customers');
  await expect(dataRows(page).nth(9)).toBeVisible();
  await expect(rowCount(page)).toHaveText(/^\d{1,3}(,\d{3})* customers$/);
  await expect(page.getByTestId('workspace-name')).toHaveText('Lumen Academy (demo)');
  await expect(page.getByLabel('Mode: Standalone')).toBeVisible();
  const total = await rowCount(page).textContent();

  const name = (await dataRows(page).nth(3).getByRole('gridcell').first().textContent()) ?? '';
  const lastWord = name.split(' ').at(-1) ?? '';
  await searchCustomers(page, lastWord.slice(0, 4));
  await expect(dataRows(page).filter({ hasText: name }).first()).toBeVisible();
  await expect(rowCount(page)).not.toHaveText(total ?? '');
  await expect(page).toHaveURL(new RegExp(`q=${lastWord.slice(0, 4)}`));
});

test('creating a customer shows field errors first, then saves, navigates and confirms', async ({ page }) => {
  const word = uniqueWord();
  const name = `Ada ${word}`;
  await openCustomers(page);
  const takenEmail = (await dataRows(page).first().getByRole('gridcell').nth(1).textContent()) ?? '';
  await page.getByRole('button', { name: 'New customer' }).click();
  await expect(page).toHaveURL(/#\/customers\/new$/);

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill('not-an-email');
  await chooseCountry(page, 'Germany');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByText('Email must be a valid address, like ada@example.com')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/#\/customers\/new$/);

  // The server's own field error (the email is taken) lands on the field too.
  await page.getByLabel('Email').fill(takenEmail);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByText('Another customer already uses this email')).toBeVisible();
  await expect(page).toHaveURL(/#\/customers\/new$/);

  await page.getByLabel('Email').fill(`${word.toLowerCase()}@example.com`);
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page).toHaveURL(/#\/customers\/cus_[0-9A-Z]{26}$/);
  await expectToast(page, 'Customer created');
  await expect(page.getByRole('heading', { level: 2 })).toContainText(name);

  // Exactly one was made: the rejected attempts left nothing behind.
  await openCustomers(page);
  await searchCustomers(page, word);
  await expect(dataRows(page)).toHaveCount(1);
  await expect(rowCount(page)).toHaveText('1 customer');
});

test('a customer found by search opens with its timeline, which records an edit', async ({ page }) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Grace ${word}`,
    email: `${word.toLowerCase()}@example.org`,
    country: 'US',
  });
  await openCustomers(page);
  await searchCustomers(page, word);
  await dataRows(page).filter({ hasText: customer.name }).click();
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}$`));

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('Created', { exact: true })).toBeVisible();
  await expect(timeline.getByText('Updated', { exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Company').fill('Acme Testing');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectToast(page, 'Changes saved');
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}$`));
  await expect(timeline.getByText('Updated', { exact: true })).toBeVisible();
  await expect(timeline.getByText('Company: — → Acme Testing')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText('Acme Testing');
});

test('archiving asks first, then moves the customer from Active to Archived', async ({ page }) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Alan ${word}`,
    email: `${word.toLowerCase()}@example.net`,
    country: 'GB',
  });
  await page.goto(`/#/customers/${customer.id}`);
  await page.getByRole('button', { name: 'Archive' }).click();
  const dialog = page.getByRole('dialog', { name: `Archive ${customer.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Archive customer' }).click();
  await expectToast(page, 'Customer archived');
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText('Archived');
  await expect(page.getByRole('button', { name: 'Unarchive' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Timeline' }).getByText('Archived', { exact: true }),
  ).toBeVisible();

  await openCustomers(page);
  await searchCustomers(page, word);
  await expect(page.getByText('No customers match')).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Status' }).getByText('Archived').click();
  await expect(dataRows(page).filter({ hasText: customer.name })).toBeVisible();
  await expect(page).toHaveURL(/status=archived/);
});

test('the theme toggle flips light and dark and remembers the choice', async ({ page }) => {
  await openCustomers(page);
  const html = page.locator('html');
  const before = await html.getAttribute('data-mantine-color-scheme');
  const after = before === 'dark' ? 'light' : 'dark';
  await page.getByRole('button', { name: `Switch to ${after} theme` }).click();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', after);
  await page.reload();
  await expect(html).toHaveAttribute('data-mantine-color-scheme', after);
});

test('the command palette (Ctrl+K) finds a customer and opens it', async ({ page }) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Katherine ${word}`,
    email: `${word.toLowerCase()}@example.com`,
    country: 'FR',
  });
  await openCustomers(page);
  await page.keyboard.press('Control+K');
  const search = page.getByLabel('Search everything or run a command');
  await expect(search).toBeFocused();
  await search.fill(word);
  await page.getByRole('button', { name: new RegExp(customer.name) }).click();
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}$`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText(customer.name);
});

test('rows can be walked with the keyboard and opened with Enter', async ({ page }) => {
  await openCustomers(page);
  const grid = customersGrid(page);
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const selected = grid.getByRole('row', { selected: true });
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('aria-rowindex', '3');
  const name = (await selected.getByRole('gridcell').first().textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/customers\/cus_/);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(name);
});

test('the Export menu writes the visible columns and every row of the filtered view', async ({ page }) => {
  const word = uniqueWord();
  const companies = ['Plain Co', 'Comma, "Quoted" Ltd', '=HYPERLINK("http://x")'];
  for (const [i, company] of companies.entries()) {
    await createCustomer(page.request, {
      name: `Export ${word} ${i}`,
      email: `export${i}.${word.toLowerCase()}@example.com`,
      country: 'DE',
      company,
    });
  }
  await openCustomers(page);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Email' }).uncheck();
  await page.keyboard.press('Escape');
  await searchCustomers(page, word);
  await expect(rowCount(page)).toHaveText('3 customers');
  const headers = await customersGrid(page).getByRole('columnheader').allTextContents();
  expect(headers).not.toContain('Email');

  // The backend writes the file (the list's one export); its progress offers the download.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: /^CSV\s*UTF-8/ }).click();
  const progress = page.getByRole('status', { name: 'Export progress' });
  await expect(progress).toContainText('Customers to CSV');
  await expect(progress.getByTestId('export-rows')).toContainText('3 rows');
  const downloading = page.waitForEvent('download');
  await progress.getByRole('button', { name: /^Download customers-.*\.csv$/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split('\r\n').filter((line) => line !== '');
  // The file's headers are the shown columns', with what they are written in ("Created (UTC)").
  expect(lines[0]?.split(',').map((header) => header.replace(/ \(.*\)$/, ''))).toEqual(headers);
  expect(lines).toHaveLength(1 + 3);
  expect(text).toContain('"Comma, ""Quoted"" Ltd"');
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
});
