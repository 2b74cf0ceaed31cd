import type { APIRequestContext, Page } from '@playwright/test';
import { SIGNAL_BUDGET_MS } from '../support/budgets';
import { addCard, demoPrice, dialog, subscribe } from './billing-support';
import { expect, test } from './fixtures';
import { createCustomer, expectToast, uniqueWord } from './support';

/**
 * The Emails page in web mode: a receipt written for a new subscriber, held because web
 * mode has no SMTP server configured, opened with its HTML shown in a
 * sandboxed frame and its plain-text twin, sent again, and the sender settings changed.
 */

function emailsGrid(page: Page) {
  return page.getByRole('grid', { name: 'Emails' });
}

/** A subscriber whose name carries markup: the email must show it as text, never as markup. */
async function newSubscriber(page: Page) {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Ada <b>Bold</b> ${word}`,
    email: `ada.${word.toLowerCase()}@example.com`,
    country: 'US',
  });
  await addCard(page.request, customer.id);
  const priceId = await demoPrice(page.request, 'Pro', 'month');
  const started = await subscribe(page.request, { customerId: customer.id, priceId, trialDays: 0 });
  return { customer, invoiceNumber: started.invoice?.number ?? '' };
}

/** The receipt to this address as the backend has it: written on its own loop, so maybe not yet. */
async function receiptTo(request: APIRequestContext, recipient: string) {
  const input = encodeURIComponent(JSON.stringify({ template: 'receipt', limit: 1000 }));
  const response = await request.get(`/trpc/emails.list?input=${input}`, {
    headers: { 'x-tollgate-client': 'web:e2e-setup' },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as {
    result: { data: { items: { recipient: string; status: string }[] } };
  };
  return body.result.data.items.find((e) => e.recipient === recipient);
}

/** Waits until the backend holds the receipt (web mode has no SMTP), then shows it in the list. */
async function openWhenHeld(page: Page, recipient: string) {
  await expect
    .poll(async () => (await receiptTo(page.request, recipient))?.status, {
      timeout: SIGNAL_BUDGET_MS,
      message: `the receipt to ${recipient} to be held`,
    })
    .toBe('held');
  await page.reload();
  const row = emailsGrid(page).getByRole('row').filter({ hasText: recipient }).first();
  await expect(row).toBeVisible();
  return row;
}

test('a receipt in the outbox: listed, opened with its HTML sandboxed and its text, sent again', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const { customer, invoiceNumber } = await newSubscriber(page);

  await page.goto('/#/emails?template=receipt');
  await expect(page.getByRole('heading', { name: 'Emails' })).toBeVisible();
  const row = await openWhenHeld(page, customer.email);
  await expect(row).toContainText(`Receipt for ${invoiceNumber} from Lumen Academy (demo)`);
  await expect(row).toContainText('Not sent');
  await row.click();

  await expect(page.getByRole('heading', { name: /Receipt for INV-/ })).toBeVisible();
  const delivery = page.getByRole('region', { name: 'Delivery' });
  await expect(delivery).toContainText(customer.email);
  await expect(delivery).toContainText('Lumen Academy (demo)');
  await expect(delivery).toContainText('Why not sent');
  await expect(delivery).toContainText('Not sent: no SMTP server is configured');

  // The HTML in a frame with every sandbox restriction, showing the name as typed.
  const frame = page.locator('iframe[title^="Email: Receipt for"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  const inside = page.frameLocator('iframe[title^="Email: Receipt for"]');
  await expect(inside.getByRole('heading', { name: 'Thank you for your payment' })).toBeVisible();
  await expect(inside.getByText(`Hello ${customer.name},`)).toBeVisible();
  await expect(inside.locator('b')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Plain text' }).click();
  await expect(page.getByLabel('Plain-text version')).toContainText(
    `We received your payment of $9.99 for invoice ${invoiceNumber}.`,
  );

  // Sent again: queued, then held again for the same reason, never lost.
  await page.getByRole('button', { name: 'Send again' }).click();
  await expectToast(page, 'Queued to send again');
  await expect
    .poll(async () => (await receiptTo(page.request, customer.email))?.status, {
      timeout: SIGNAL_BUDGET_MS,
      message: `the receipt to ${customer.email} to be held again`,
    })
    .toBe('held');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Delivery' })).toContainText('Why not sent');

  expect(violations).toEqual([]);
});

test('the list filters by status and email, and the sender settings brand the next email', async ({
  page,
}) => {
  await page.goto('/#/emails');
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Sent', exact: true }).click();
  await expect(page).toHaveURL(/status=sent/);
  await expect(emailsGrid(page).getByText('No emails match')).toBeVisible();
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Not sent' }).click();
  await page.getByRole('textbox', { name: 'Email' }).click();
  await page.getByRole('option', { name: 'Payment failed' }).click();
  await expect(page).toHaveURL(/template=payment_failed/);
  await expect(emailsGrid(page).getByRole('row').nth(1)).toContainText('Payment failed for invoice');

  const sender = `Lumen ${uniqueWord()}`;
  await page.getByRole('button', { name: 'Sender settings' }).click();
  const settings = dialog(page, 'Sender settings');
  await settings.getByLabel('Sender name').fill(' ');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toContainText('Sender name is required');
  await settings.getByLabel('Brand colour').fill('#0b7285');
  await settings.getByLabel('Sender name').fill(sender);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expectToast(page, 'Sender settings saved');

  const { customer, invoiceNumber } = await newSubscriber(page);
  await page.goto('/#/emails?template=receipt');
  const row = await openWhenHeld(page, customer.email);
  await expect(row).toContainText(`Receipt for ${invoiceNumber} from ${sender}`);
  await row.click();
  const inside = page.frameLocator('iframe[title^="Email: Receipt for"]');
  await expect(inside.getByText(sender, { exact: true })).toHaveCSS('background-color', 'rgb(11, 114, 133)');
});
