import { expect, test } from './fixtures';
import { createCustomer, customersGrid, dataRows, openCustomers, shownToasts, uniqueWord } from './support';

test('clicking a header sorts on the server, and a second click reverses it', async ({ page }) => {
  await openCustomers(page);
  const nameHeader = customersGrid(page).getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');

  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  const names = async () =>
    (await dataRows(page).locator('[role="gridcell"]:first-child').allTextContents()).slice(0, 6);
  const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
  await expect
    .poll(async () => {
      const first = await names();
      return first.length >= 6 && first.every((n, i) => i === 0 || byName(first[i - 1] ?? '', n) <= 0);
    })
    .toBe(true);

  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(async () => {
      const first = await names();
      return first.length >= 6 && first.every((n, i) => i === 0 || byName(first[i - 1] ?? '', n) >= 0);
    })
    .toBe(true);
});

test('saving over someone else’s newer edit explains the conflict instead of overwriting', async ({
  page,
}) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Hedy ${word}`,
    email: `${word.toLowerCase()}@example.com`,
    country: 'AT',
  });
  await page.goto(`/#/customers/${customer.id}/edit`);
  await expect(page.getByLabel('Name')).toHaveValue(customer.name);

  // Another console saves first.
  const response = await page.request.post('/trpc/customers.update', {
    headers: { 'x-tollgate-client': 'web:e2e-other-console' },
    data: { id: customer.id, expectedVersion: customer.version, patch: { company: 'Their Company' } },
  });
  expect(response.ok(), await response.text()).toBe(true);

  await page.getByLabel('Company').fill('My Company');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' });
  await expect(notice).toBeVisible();
  await expect(page).toHaveURL(/\/edit$/);
  expect((await shownToasts(page)).map((t) => t.title)).not.toContain('Changes saved');

  await notice.getByRole('button', { name: 'Load their version' }).click();
  await expect(page.getByLabel('Company')).toHaveValue('Their Company');
  await expect(notice).toHaveCount(0);
});
