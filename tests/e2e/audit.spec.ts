import { expect, test } from './fixtures';
import { createCustomer, uniqueWord } from './support';

test('the audit log shows a change with who made it, filters by action, and verifies the chain', async ({
  page,
  request,
}) => {
  const word = uniqueWord();
  const customer = await createCustomer(request, {
    name: `Audit ${word}`,
    email: `audit.${word.toLowerCase()}@example.com`,
    country: 'NL',
  });

  await page.goto(`/#/audit?entityType=customer&entityId=${customer.id}`);
  const grid = page.getByRole('grid', { name: 'Audit log' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('customer.created');
  await expect(rows.first()).toContainText('web:e2e-setup');

  await rows.first().click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('table', { name: 'Changed fields' })).toContainText(`Audit ${word}`);
  await page.keyboard.press('Escape');

  // Every entry of an action family, from the whole demo history.
  await page.goto('/#/audit?action=invoice.');
  await expect(rows.first()).toBeVisible();
  for (const action of await rows.locator('code').allTextContents()) expect(action).toMatch(/^invoice\./);

  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The audit trail is intact' })).toBeVisible();
});
