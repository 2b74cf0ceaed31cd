import type { APIRequestContext, Page } from '@playwright/test';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import type { inferRouterOutputs } from '@trpc/server';
import { DAY_MS } from '../../shared/billing/periods';
import type { AppRouter } from '../../server/app/router';
import { addCard, demoPrice, freshCustomer, subscribe } from './billing-support';
import { expect, test } from './fixtures';
import { uniqueWord } from './support';

/**
 * What staff see after a partial refund (the invoice's state everywhere it is shown, and the
 * refunded filter), the Recovery page's currency switch, and the held-emails banner.
 */

type Outputs = inferRouterOutputs<AppRouter>;
const HEADERS = { 'x-tollgate-client': 'web:e2e-setup' };
const HOUR = 3_600_000;
/** Attaches fine; every charge is declined. */
const DECLINING_CARD = '4000000000000341';
/** A page's first answer on a loaded 2-core machine can take well over the default 7.5 s. */
const LOADED = { timeout: SCREEN_BUDGET_MS };

async function call<T>(request: APIRequestContext, path: string, input: unknown, kind: 'query' | 'mutation') {
  const response =
    kind === 'mutation'
      ? await request.post(`/trpc/${path}`, { headers: HEADERS, data: input })
      : await request.get(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: HEADERS,
        });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A customer's €49.00 one-off invoice, paid by card, then €20.00 of it refunded. */
async function partiallyRefunded(request: APIRequestContext) {
  const customer = await freshCustomer(request, 'Refundee');
  await addCard(request, customer.id);
  const invoice = await call<Outputs['invoices']['createManual']>(
    request,
    'invoices.createManual',
    { customerId: customer.id, currency: 'EUR', lines: [{ description: 'Workshop seat', unitAmount: 4900 }] },
    'mutation',
  );
  await call(request, 'invoices.pay', { id: invoice.id }, 'mutation');
  const detail = await call<Outputs['invoices']['get']>(request, 'invoices.get', { id: invoice.id }, 'query');
  const payment = detail.payments[0];
  if (!payment) throw new Error('the invoice was not paid by card');
  await call(
    request,
    'payments.refund',
    { paymentId: payment.id, amount: 2000, reason: 'requested_by_customer' },
    'mutation',
  );
  return { customer, number: invoice.number ?? '' };
}

function invoicesGrid(page: Page) {
  return page.getByRole('grid', { name: 'Invoices' });
}

test('a partial refund reads "Partially refunded" on the list, the invoice, the customer, and the refunded filter finds it', async ({
  page,
}) => {
  const { customer, number } = await partiallyRefunded(page.request);

  await page.goto(`/#/invoices?q=${number}`);
  const row = invoicesGrid(page).getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Partially refunded', LOADED);

  // The refunded filter, chosen as staff would, keeps it; another refund state does not.
  await page.goto('/#/invoices');
  await page.getByRole('textbox', { name: 'Refunds' }).click();
  await page.getByRole('option', { name: 'Partially refunded' }).click();
  await expect(page).toHaveURL(/refund=partially_refunded/);
  await page.getByRole('textbox', { name: 'Search invoices' }).fill(number);
  await expect(row).toContainText('Partially refunded', LOADED);
  await page.getByRole('textbox', { name: 'Refunds' }).click();
  await page.getByRole('option', { name: 'Refunded in full' }).click();
  await expect(invoicesGrid(page).getByText('No invoices match')).toBeVisible(LOADED);

  await page.goto(`/#/invoices?q=${number}`);
  await row.click(LOADED);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Partially refunded', LOADED);

  await page.goto(`/#/customers/${customer.id}`);
  await expect(page.getByRole('region', { name: 'Recent invoices' })).toContainText(
    'Partially refunded',
    LOADED,
  );
  const payments = page.getByRole('region', { name: 'Recent payments' });
  await expect(payments).toContainText('Refunded €20.00 of €49.00');
  const refunds = payments.getByRole('table', { name: 'Refunds' });
  await expect(refunds).toContainText('€20.00');
  await expect(refunds).toContainText('Partial, of €49.00');
  await expect(refunds).toContainText('Requested by the customer');
});

test('issue dates narrow the invoices list', async ({ page }) => {
  const { number } = await partiallyRefunded(page.request);
  await page.goto(`/#/invoices?q=${number}`);
  const row = invoicesGrid(page).getByRole('row').filter({ hasText: number });
  await expect(row).toBeVisible(LOADED);
  await page.getByLabel('Issued to').fill('2001-01-31');
  await expect(page).toHaveURL(/to=2001-01-31/);
  await expect(invoicesGrid(page).getByText('No invoices match')).toBeVisible(LOADED);
  await page.getByLabel('Issued to').fill('');
  await page.getByLabel('Issued from').fill('2001-01-01');
  await expect(row).toBeVisible(LOADED);
});

/** A subscriber whose card is declined when the trial ends: one invoice in recovery, in `currency`. */
async function failedRenewal(request: APIRequestContext, currency: 'USD' | 'EUR') {
  const customer = await freshCustomer(request, `Rescue${currency}`);
  const clock = await call<Outputs['testClocks']['create']>(
    request,
    'testClocks.create',
    { name: `Recovery ${uniqueWord()}` },
    'mutation',
  );
  await call(request, 'testClocks.attach', { id: clock.id, customerId: customer.id }, 'mutation');
  await addCard(request, customer.id, DECLINING_CARD);
  const priceId = await demoPrice(request, 'Pro', 'month', currency);
  await subscribe(request, { customerId: customer.id, priceId, trialDays: 14 });
  await call(request, 'testClocks.advance', { id: clock.id, to: clock.now + 14 * DAY_MS + HOUR }, 'mutation');
  return customer;
}

test('choosing a currency on Recovery changes the table as well as the figures', async ({ page }) => {
  const dollars = await failedRenewal(page.request, 'USD');
  const euros = await failedRenewal(page.request, 'EUR');
  await page.goto('/#/recovery');
  const grid = page.getByRole('grid', { name: 'Invoices in recovery' });
  const currency = page.getByRole('radiogroup', { name: 'Currency' });

  await currency.getByText('EUR', { exact: true }).click(LOADED);
  await expect(page.getByTestId('figure-failed')).toHaveText(/^€/);
  await expect(grid.getByRole('row').filter({ hasText: euros.name })).toBeVisible(LOADED);
  await expect(grid.getByRole('row').filter({ hasText: dollars.name })).toHaveCount(0);

  await currency.getByText('USD', { exact: true }).click();
  await expect(page.getByTestId('figure-failed')).toHaveText(/^\$/);
  await expect(grid.getByRole('row').filter({ hasText: dollars.name })).toBeVisible(LOADED);
  await expect(grid.getByRole('row').filter({ hasText: euros.name })).toHaveCount(0);

  // Each figure says what it counts; the rate is over finished cases.
  await expect(page.getByTestId('figure-recovery-rate-detail')).toContainText(
    'Recovered ÷ (recovered + lost)',
  );
});

test('the Emails and Recovery pages say the demo holds its emails on purpose', async ({ page }) => {
  for (const hash of ['#/emails', '#/recovery']) {
    await page.goto(`/${hash}`);
    const banner = page.getByRole('status', { name: 'The demo workspace holds its emails on purpose' });
    await expect(banner).toBeVisible(LOADED);
    await expect(banner).toContainText('SMTP_HOST');
  }
});
