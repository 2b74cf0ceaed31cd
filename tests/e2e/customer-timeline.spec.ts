import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import { expect, test } from './fixtures';

/** A demo customer whose renewal was declined: their history holds cards, invoices, payments and emails. */
async function customerWithFailedPayment(request: APIRequestContext): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ status: 'failed', limit: 1 }));
  const response = await request.get(`/trpc/payments.list?input=${input}`, {
    headers: { 'x-tollgate-client': 'web:e2e-setup' },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { items: { customerId: string }[] } } };
  const [payment] = body.result.data.items;
  if (!payment) throw new Error('the demo history has no failed payment');
  return payment.customerId;
}

/**
 * Whether the customer's timeline (read through its procedure, every page) has a line of
 * `kind`: emails are queued by the dispatcher after the demo is seeded, in the order of their
 * events, so the newest customer's wait their turn.
 */
async function timelineHas(request: APIRequestContext, customerId: string, kind: string): Promise<boolean> {
  let cursor: string | null = null;
  do {
    const input = encodeURIComponent(JSON.stringify({ customerId, cursor, limit: 100 }));
    const response = await request.get(`/trpc/timeline.customer?input=${input}`, {
      headers: { 'x-tollgate-client': 'web:e2e-setup' },
    });
    const body = (await response.json()) as {
      result: { data: { items: { kind: string }[]; nextCursor: string | null } };
    };
    if (body.result.data.items.some((item) => item.kind === kind)) return true;
    cursor = body.result.data.nextCursor;
  } while (cursor);
  return false;
}

function timelineOf(page: Page) {
  return page.getByRole('region', { name: 'Timeline' });
}

/** The line of a kind, reading older pages until it is there (the list is long and paged). */
async function lineOf(page: Page, kind: string): Promise<Locator> {
  const timeline = timelineOf(page);
  const line = timeline.locator(`[data-kind="${kind}"]`).first();
  const older = timeline.getByRole('button', { name: 'Show older' });
  // The first page waits on the customer page's own loading: a budget for a busy machine.
  await expect(timeline.locator('[data-kind]').first()).toBeVisible({ timeout: SCREEN_BUDGET_MS });
  while (!(await line.isVisible()) && (await older.isVisible())) {
    const before = await timeline.locator('[data-kind]').count();
    await older.click();
    await expect
      .poll(() => timeline.locator('[data-kind]').count(), { timeout: SCREEN_BUDGET_MS })
      .toBeGreaterThan(before);
  }
  await expect(line).toBeVisible();
  return line;
}

test('a customer’s timeline tells their billing story, newest first, and each line opens its object', async ({
  page,
  request,
}) => {
  test.slow();
  const customerId = await customerWithFailedPayment(request);
  await expect
    .poll(() => timelineHas(request, customerId, 'email.held'), { timeout: SCREEN_BUDGET_MS })
    .toBe(true);
  await page.goto(`/#/customers/${customerId}`);

  const failed = await lineOf(page, 'payment.failed');
  await expect(failed).toContainText(/Payment of [$€][\d,.]+ failed/);
  const issued = await lineOf(page, 'invoice.issued');
  await expect(issued).toContainText(/Invoice INV-\d+ issued for [$€][\d,.]+/);
  await expect(await lineOf(page, 'card.added')).toContainText(/Card \w+ •••• \d{4} added/);
  await expect(await lineOf(page, 'email.held')).toContainText('Email not sent (held)');
  await expect(await lineOf(page, 'customer.created')).toContainText('Created');

  // Newest first: the times down the list never increase.
  const stamps = await timelineOf(page).locator('[data-kind] time').all();
  const times = await Promise.all(
    stamps.map(async (t) => Date.parse((await t.getAttribute('datetime')) ?? '')),
  );
  expect(times.length).toBeGreaterThan(5);
  expect(times).toEqual([...times].sort((a, b) => b - a));

  // Each line opens its object: the invoice, then (back on the customer) the subscription.
  const number = (await issued.getByRole('link').textContent())?.match(/INV-\d+/)?.[0] ?? '';
  await issued.getByRole('link').click();
  await expect(page).toHaveURL(/#\/invoices\/inv_/);
  await expect(page).toHaveTitle(new RegExp(number));

  await page.goBack();
  const subscribed = await lineOf(page, 'subscription.activated');
  await subscribed.getByRole('link').click();
  await expect(page).toHaveURL(/#\/subscriptions\/sub_/);
});
