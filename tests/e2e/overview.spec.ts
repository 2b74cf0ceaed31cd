import { SCREEN_BUDGET_MS } from '../support/budgets';
import { expect, test } from './fixtures';

/** Budgets for a loaded, shared machine: waits end at the signal, these only bound them. */
const LOADED = { timeout: SCREEN_BUDGET_MS };

test('the console opens on the Overview, with the demo year’s figures in dollars', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/#\/overview/);
  await expect(page.getByRole('heading', { name: 'Overview', level: 2 })).toBeVisible();

  // One currency's own amounts: the demo bills in dollars and euros.
  await page.getByRole('textbox', { name: 'Currency' }).click();
  await page.getByRole('option', { name: 'USD' }).click();
  await expect(page).toHaveURL(/currency=USD/);
  await expect(page.getByTestId('headline-mrr-value')).toHaveText(/^\$[\d,]+\.\d\d$/, LOADED);
  await expect(page.getByTestId('headline-arr-value')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByTestId('headline-customers-value')).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByRole('heading', { name: 'MRR movements' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Cohort retention' })).toBeVisible();

  // Each month reconciles on screen: the table's last row has an MRR at its end.
  const months = page.getByRole('table', { name: 'Month by month' });
  await expect(months.getByRole('row').nth(1)).toContainText(/\$[\d,]+\.\d\d/);

  await page.getByRole('link', { name: 'Analytics settings' }).click();
  await expect(page).toHaveURL(/#\/analytics\/settings$/);
});

test('a month’s churn opens the movements behind it, and one of them its subscription', async ({ page }) => {
  await page.goto('/#/overview?currency=USD');
  const months = page.getByRole('table', { name: 'Month by month' });
  await expect(months).toBeVisible(LOADED);
  const churn = months.locator('[data-testid$="-churn"]').first();
  const label = (await churn.getAttribute('aria-label')) ?? '';
  await churn.click();

  await expect(page).toHaveURL(/#\/overview\/movements\?.*kind=churn/);
  await expect(page).toHaveURL(/currency=USD/);
  await expect(page.getByRole('heading', { level: 2, name: /^Churn · / })).toBeVisible();
  const rows = page.getByRole('table', { name: 'Movements' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Churn', LOADED);
  // The churn amount the Overview showed is what its movements add up to; the first opens its subscription.
  expect(label).toMatch(/^Churn in \w{3} \d{4}: -\$[\d,]+\.\d\d/);

  const subscription = rows.nth(1).getByTestId('movement-subscription');
  await subscription.click();
  await expect(page).toHaveURL(/#\/subscriptions\/sub_[0-9A-Z]+$/);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toBeVisible(LOADED);
});

test('a month’s collected revenue opens that month’s succeeded payments', async ({ page, request }) => {
  await page.goto('/#/overview?currency=USD');
  const revenue = page.getByTestId('revenue-table');
  await expect(revenue).toBeVisible(LOADED);
  const collected = revenue
    .getByRole('link')
    .filter({ hasNotText: /^\$0\.00$/ })
    .first();
  await expect(collected).toBeVisible(LOADED);
  await collected.click();

  await expect(page).toHaveURL(/#\/payments\?.*status=succeeded/);
  const url = new URL(page.url().replace('#/', ''));
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  expect(from).toMatch(/^\d{4}-\d{2}-01$/);
  expect(to.slice(0, 7)).toBe(from.slice(0, 7));
  await expect(page.getByRole('textbox', { name: 'Created from' })).toHaveValue(from);

  // The page counts exactly the month's succeeded payments (UTC), as the list procedure does.
  const [y, m] = from.split('-').map(Number) as [number, number];
  const view = {
    status: 'succeeded',
    createdFrom: Date.UTC(y, m - 1, 1),
    createdTo: Date.UTC(y, m, 1),
    limit: 1,
  };
  const response = await request.get(
    `/trpc/payments.list?input=${encodeURIComponent(JSON.stringify(view))}`,
    {
      headers: { 'x-tollgate-client': 'web:e2e-setup' },
    },
  );
  expect(response.ok(), await response.text()).toBe(true);
  const { total } = ((await response.json()) as { result: { data: { total: number } } }).result.data;
  expect(total).toBeGreaterThan(0);
  await expect(page.getByText(`${total.toLocaleString('en-US')} payments`, { exact: true })).toBeVisible(
    LOADED,
  );
});
