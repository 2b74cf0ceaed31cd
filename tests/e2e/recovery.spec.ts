import type { APIRequestContext } from '@playwright/test';
import type { inferRouterOutputs } from '@trpc/server';
import { DAY_MS } from '../../shared/billing/periods';
import type { AppRouter } from '../../server/app/router';
import { addCard, demoPrice, dialog, freshCustomer, subscribe } from './billing-support';
import { expect, test } from './fixtures';
import { expectToast, uniqueWord } from './support';

type Outputs = inferRouterOutputs<AppRouter>;

/** Attaches fine; every charge is declined. */
const DECLINING_CARD = '4000000000000341';
const HOUR = 3_600_000;

async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, {
    headers: { 'x-tollgate-client': 'web:e2e-setup' },
    data: input,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A Pro subscriber on a test clock whose card is declined when the trial ends: one invoice in recovery. */
async function failedRenewal(request: APIRequestContext) {
  const customer = await freshCustomer(request, 'Rescue');
  const clock = await mutate<Outputs['testClocks']['create']>(request, 'testClocks.create', {
    name: `Recovery ${uniqueWord()}`,
  });
  await mutate(request, 'testClocks.attach', { id: clock.id, customerId: customer.id });
  await addCard(request, customer.id, DECLINING_CARD);
  const priceId = await demoPrice(request, 'Pro', 'month');
  await subscribe(request, { customerId: customer.id, priceId, trialDays: 14 });
  await mutate(request, 'testClocks.advance', { id: clock.id, to: clock.now + 14 * DAY_MS + HOUR });
  return customer;
}

test('the Recovery page shows what failed and came back, and Retry now charges again', async ({ page }) => {
  const customer = await failedRenewal(page.request);
  await page.goto('/#/recovery');
  await expect(page.getByRole('heading', { name: 'Recovery', level: 2 })).toBeVisible();

  // The demo year's figures: failed and recovered amounts, a rate, months and attempts.
  await expect(page.getByTestId('figure-failed')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByTestId('figure-recovered')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByTestId('figure-recovery-rate')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByRole('heading', { name: 'By month of first failure' })).toBeVisible();
  const byAttempt = page.getByRole('table', { name: 'Recovered by attempt' });
  await expect(byAttempt.getByRole('row', { name: /^Attempt 2/ })).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Invoices in recovery' });
  const row = grid.getByRole('row').filter({ hasText: customer.name });
  await expect(row).toContainText('Retrying');
  await expect(row).toContainText('1 of 4');

  await row.getByRole('button', { name: /^Actions for INV-/ }).click();
  await page.getByRole('menuitem', { name: 'Retry now' }).click();
  await dialog(page, /^Retry INV-\d+ now\?$/)
    .getByRole('button', { name: 'Retry now' })
    .click();
  await expectToast(page, 'Declined again');
  await expect(row).toContainText('2 of 4');
  await expect(row).toContainText('Retrying');
});
