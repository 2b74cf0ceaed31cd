import type { Page } from '@playwright/test';
import { addCard, demoPrice, dialog, freshCustomer, subscribe } from './billing-support';
import { expect, test } from './fixtures';
import { expectToast } from './support';

/** Opens "New invoice" from the invoices list and picks the customer by email. */
async function newInvoiceFor(page: Page, email: string) {
  await page.goto('/#/invoices');
  await page.getByRole('button', { name: 'New invoice' }).click();
  const form = dialog(page, 'New invoice');
  await form.getByRole('textbox', { name: 'Customer' }).fill(email);
  await page.getByRole('option', { name: new RegExp(email) }).click();
  return form;
}

async function fillLine(page: Page, index: number, description: string, unitPrice: string) {
  const form = dialog(page, 'New invoice');
  await form.getByRole('textbox', { name: 'Description' }).nth(index).fill(description);
  await form.getByRole('textbox', { name: 'Unit price' }).nth(index).fill(unitPrice);
}

test('a customer billed in EUR gets a EUR invoice, issued after a review of its total; the toast and the status agree', async ({
  page,
}) => {
  const customer = await freshCustomer(page.request, 'Elodie');
  await addCard(page.request, customer.id);
  const priceId = await demoPrice(page.request, 'Pro', 'month', 'EUR');
  await subscribe(page.request, { customerId: customer.id, priceId, trialDays: 0 });

  const form = await newInvoiceFor(page, customer.email);
  await expect(form.getByRole('textbox', { name: 'Currency' })).toHaveValue('EUR');
  await expect(form).toContainText('This customer is billed in EUR');
  await fillLine(page, 0, 'Workshop', '147');
  await expect(form).toContainText('€147.00');
  await form.getByRole('button', { name: 'Review invoice' }).click();

  const review = dialog(page, 'Issue this invoice?');
  await expect(review).toContainText(`${customer.name} will be invoiced €147.00 for one line`);
  await review.getByRole('button', { name: 'Issue invoice' }).click();

  const issued = await expectToast(
    page,
    'Invoice issued',
    /INV-\d+ is open: €147\.00 is due\. Collect it with Pay now\./,
  );
  const number = /INV-\d+/.exec(issued.message)?.[0] ?? 'missing';
  const heading = page.getByRole('heading', { level: 2 });
  await expect(heading).toContainText(number);
  await expect(heading).toContainText('Open');
});

test('credits may lower an invoice but never below zero; a zero invoice is paid at once, and says so', async ({
  page,
}) => {
  const customer = await freshCustomer(page.request, 'Carl');
  const form = await newInvoiceFor(page, customer.email);
  await fillLine(page, 0, 'Course bundle', '49');
  await form.getByRole('button', { name: 'Add line' }).click();
  await fillLine(page, 1, 'Goodwill', '-147');
  await form.getByRole('button', { name: 'Review invoice' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Credits cannot be more than the charges: the total must not be negative',
  );
  await expect(dialog(page, 'Issue this invoice?')).toBeHidden();

  await fillLine(page, 1, 'Scholarship', '-49');
  await form.getByRole('button', { name: 'Review invoice' }).click();
  const review = dialog(page, 'Issue this invoice?');
  await expect(review).toContainText(`${customer.name} will be invoiced $0.00 for 2 lines`);
  await review.getByRole('button', { name: 'Issue invoice' }).click();

  await expectToast(
    page,
    'Invoice issued and paid',
    /INV-\d+ is paid: its total is zero, so there is nothing to collect\./,
  );
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Paid');
});

test('every problem is said in plain words on its field, and Back keeps what was typed', async ({ page }) => {
  const customer = await freshCustomer(page.request, 'Wanda');
  const form = await newInvoiceFor(page, customer.email);
  await fillLine(page, 0, 'x'.repeat(501), '1000000');
  await form.getByRole('button', { name: 'Review invoice' }).click();
  await expect(form.getByText('Unit price must be between −$999,999.99 and $999,999.99')).toBeVisible();
  await fillLine(page, 0, 'x'.repeat(501), '100');
  await form.getByRole('button', { name: 'Review invoice' }).click();
  await expect(form.getByText('Description must be at most 500 characters')).toBeVisible();
  await expect(form).not.toContainText(/Too big|Too small|expected/);

  await fillLine(page, 0, 'Certificate', '100');
  await form.getByRole('button', { name: 'Review invoice' }).click();
  const review = dialog(page, 'Issue this invoice?');
  await expect(review).toContainText('$100.00');
  await review.getByRole('button', { name: 'Back' }).click();
  await expect(form.getByRole('textbox', { name: 'Description' })).toHaveValue('Certificate');
  await expect(form.getByRole('textbox', { name: 'Unit price' })).toHaveValue('100');
});
