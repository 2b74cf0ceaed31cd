import { readFile } from 'node:fs/promises';
import { boundary, DAY_MS } from '../../shared/billing/periods';
import {
  addCard,
  consoleDate,
  demoPrice,
  dialog,
  freshCustomer,
  localInput,
  payingProCustomer,
  subscribe,
} from './billing-support';
import { expect, test } from './fixtures';
import { expectToast, uniqueWord } from './support';

test('a test clock made in the console renews its customer’s subscription when advanced', async ({
  page,
}) => {
  const clockName = `Clock ${uniqueWord()}`;
  const customer = await freshCustomer(page.request, 'Tess');
  await page.goto('/#/test-clocks');
  await page.getByRole('button', { name: 'New test clock' }).click();
  await dialog(page, 'New test clock').getByLabel('Name').fill(clockName);
  await dialog(page, 'New test clock').getByRole('button', { name: 'Create clock' }).click();
  await expectToast(page, 'Test clock created');
  const row = page
    .getByRole('table', { name: 'Test clocks' })
    .getByRole('row')
    .filter({ hasText: clockName });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Attach a customer to ${clockName}` }).click();
  const attach = dialog(page, `Attach a customer to ${clockName}`);
  await attach.getByRole('textbox', { name: 'Customer' }).fill(customer.email);
  await page.getByRole('option', { name: new RegExp(customer.name) }).click();
  await attach.getByRole('button', { name: 'Attach customer' }).click();
  await expectToast(page, 'Customer attached');
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');

  // On the clock, the subscription starts at the clock's time and bills its first month.
  await addCard(page.request, customer.id);
  const priceId = await demoPrice(page.request, 'Pro', 'month');
  const { subscription } = await subscribe(page.request, { customerId: customer.id, priceId, trialDays: 0 });
  const renewal = subscription.currentPeriodEnd;
  const nextEnd = boundary(subscription.billingAnchor, 'month', 2);

  await row.getByRole('button', { name: `Advance ${clockName}` }).click();
  const advance = dialog(page, `Advance ${clockName}`);
  await advance.getByLabel('Advance to').fill(localInput(renewal + DAY_MS));
  await advance.getByRole('button', { name: 'Advance clock' }).click();
  await expect(advance.getByRole('status')).toContainText(/billing jobs? ran/);
  await advance.getByRole('button', { name: 'Done' }).click();

  await page.goto(`/#/subscriptions/${subscription.id}`);
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText(`Current period`);
  await expect(details).toContainText(consoleDate(nextEnd));
  await expect(details).toContainText(clockName);
  const invoices = page.getByRole('table', { name: 'Subscription invoices' }).getByRole('row');
  await expect(invoices).toHaveCount(3);
  await expect(invoices.filter({ hasText: 'Renewal' })).toContainText('Paid');
  await expect(invoices.filter({ hasText: 'First invoice' })).toContainText('Paid');
});

test('upgrading shows the proration first, then charges it and switches the plan', async ({ page }) => {
  const { subscription } = await payingProCustomer(page.request, 'Uma');
  await page.goto(`/#/subscriptions/${subscription.id}`);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Pro');
  await page.getByRole('button', { name: 'Change plan' }).click();

  const change = dialog(page, 'Change plan');
  await change.getByRole('textbox', { name: 'New price' }).click();
  await page.getByRole('option', { name: 'Enterprise · $99.00 / month' }).click();
  const confirm = change.getByRole('button', { name: /^Confirm and charge \$\d+\.\d\d$/ });
  await expect(confirm).toBeEnabled();
  const preview = change.getByRole('region', { name: 'Preview' });
  await expect(change.getByRole('radio', { name: 'Now' })).toBeChecked();
  await expect(preview).toContainText('Upgrade');
  await expect(preview).toContainText(/Unused time on Pro × 1.*-\$\d+\.\d\d/);
  await expect(preview).toContainText(/Remaining time on Enterprise × 1.*\$\d+\.\d\d/);
  const due = (await preview.getByRole('row', { name: /Amount due now/ }).textContent())?.match(
    /\$[\d,.]+/,
  )?.[0];
  expect(due).toBeDefined();
  await expect(confirm).toHaveText(`Confirm and charge ${due}`);

  await confirm.click();
  await expectToast(page, 'Plan changed');
  await expect(change).toBeHidden();
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Enterprise');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Active');
  const proration = page
    .getByRole('table', { name: 'Subscription invoices' })
    .getByRole('row')
    .filter({ hasText: 'Plan change (proration)' });
  await expect(proration).toContainText('Paid');
  await expect(proration).toContainText(due ?? 'missing');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('$99.00');
});

test('part of a paid invoice is refunded, and no more than what is left can be', async ({ page }) => {
  const { invoice } = await payingProCustomer(page.request, 'Rhea');
  await page.goto(`/#/invoices/${invoice?.id ?? ''}`);
  await expect(page.getByRole('heading', { level: 2 })).toContainText(invoice?.number ?? 'missing');
  await page.getByRole('table', { name: 'Payments' }).getByRole('button', { name: 'Refund' }).click();

  const refund = dialog(page, `Refund a payment on ${invoice?.number ?? ''}`);
  await expect(refund.getByLabel('Amount')).toHaveValue('9.99');
  await refund.getByLabel('Amount').fill('2.00');
  await refund.getByRole('radio', { name: 'Requested by the customer' }).check();
  await refund.getByRole('button', { name: 'Refund $2.00' }).click();
  await expectToast(page, 'Refund issued');
  await expect(refund).toBeHidden();

  const refunds = page.getByRole('table', { name: 'Refunds' }).getByRole('row');
  await expect(refunds).toHaveCount(2);
  await expect(refunds.nth(1)).toContainText('Requested by the customer');
  await expect(refunds.nth(1)).toContainText('$2.00');
  await expect(page.getByRole('group', { name: 'Totals' })).toContainText('-$2.00');
  await expect(page.getByRole('table', { name: 'Payments' })).toContainText('$2.00');

  await page.getByRole('table', { name: 'Payments' }).getByRole('button', { name: 'Refund' }).click();
  await expect(refund.getByLabel('Amount')).toHaveValue('7.99');
  await refund.getByLabel('Amount').fill('8.00');
  await refund.getByRole('radio', { name: 'Duplicate charge' }).check();
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund.getByText('At most $7.99 can still be refunded')).toBeVisible();
  await expect(refund.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await expect(refunds).toHaveCount(2);
});

test('a finalized invoice’s receipt downloads as a PDF named after its number', async ({ page }) => {
  const { invoice } = await payingProCustomer(page.request, 'Remy');
  await page.goto(`/#/invoices/${invoice?.id ?? ''}`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download receipt' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`receipt-${invoice?.number ?? ''}.pdf`);
  expect(download.suggestedFilename()).toMatch(/^receipt-INV-\d+\.pdf$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(1000);
});
