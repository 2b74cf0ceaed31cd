import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCustomer, expectToast, uniqueWord } from './support';

/** Picks an option of a Mantine Select; a searchable one is typed into first, as a keyboard user would. */
async function choose(page: Page, label: string, option: RegExp, typed?: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

test('a price added to Pro on Plans & prices is shown in dollars and cents', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans & prices' }).click();
  await expect(page).toHaveURL(/#\/catalog$/);

  const pro = page.getByRole('article', { name: 'Pro' });
  await expect(pro.getByRole('list', { name: 'Pro prices' })).toContainText('$9.99');
  await expect(pro.getByRole('list', { name: 'Pro prices' })).not.toContainText('$12.50');
  // Features read as people say them: flags on or off, limits as numbers.
  const proFeatures = pro.getByLabel('Pro features');
  await expect(proFeatures).toContainText(/Advanced analytics\s*On/);
  await expect(proFeatures).toContainText(/White label\s*Off/);
  await expect(proFeatures).toContainText(/Students\s*1,000/);
  await expect(
    page.getByRole('article', { name: 'Enterprise' }).getByLabel('Enterprise features'),
  ).toContainText(/Courses\s*Unlimited/);

  await pro.getByRole('button', { name: 'Add price' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a price to Pro' });
  await choose(page, 'Currency', /^USD — /, 'USD');
  await dialog.getByLabel('Amount').fill('12.505');
  await dialog.getByRole('button', { name: 'Add price' }).click();
  await expect(dialog.getByText('USD amounts have at most 2 decimals')).toBeVisible();

  await dialog.getByLabel('Amount').fill('12.50');
  await dialog.getByRole('button', { name: 'Add price' }).click();
  await expect(dialog).toBeHidden();
  await expectToast(page, 'Price added');
  const prices = pro.getByRole('list', { name: 'Pro prices' });
  await expect(prices.getByRole('listitem').filter({ hasText: '$12.50' })).toContainText('/ month');
  await expect(prices.getByRole('listitem').filter({ hasText: '$12.50' })).toContainText('USD');
});

test('a customer gets a card (after a declined one), subscribes to Pro and has Pro’s features', async ({
  page,
}) => {
  const word = uniqueWord();
  const customer = await createCustomer(page.request, {
    name: `Marie ${word}`,
    email: `${word.toLowerCase()}@example.com`,
    country: 'FR',
  });
  await page.goto(`/#/customers/${customer.id}`);
  await expect(page.getByRole('banner').getByLabel('Payments: Sandbox')).toBeVisible();

  // A declined card: the gateway's message sits on the field and nothing is saved.
  const cards = page.getByRole('region', { name: 'Payment methods' });
  await cards.getByRole('button', { name: 'Add card' }).click();
  const addCard = page.getByRole('dialog', { name: 'Add a card' });
  await addCard.getByLabel('Card number').fill('4000 0000 0000 0002');
  await addCard.getByRole('button', { name: 'Add card' }).click();
  await expect(addCard.getByText('The card was declined by the issuer.')).toBeVisible();
  await expect(addCard.getByLabel('Card number')).toHaveAttribute('aria-invalid', 'true');
  await expect(cards).toContainText('No cards saved');

  await addCard.getByLabel('Card number').fill('4242 4242 4242 4242');
  await addCard.getByRole('button', { name: 'Add card' }).click();
  await expect(addCard).toBeHidden();
  await expect(cards.getByRole('listitem', { name: 'Visa •••• 4242' })).toContainText('Default');

  const subscriptions = page.getByRole('region', { name: 'Subscriptions' });
  await subscriptions.getByRole('button', { name: 'Subscribe' }).click();
  const subscribe = page.getByRole('dialog', { name: `Subscribe ${customer.name}` });
  await choose(page, 'Plan', /^Pro$/);
  await subscribe.getByRole('radio', { name: '$9.99 / month · USD · 14-day trial' }).check();
  await expect(subscribe.getByLabel('Trial days')).toHaveValue('14');
  await subscribe.getByLabel('Trial days').fill('0');
  await expect(subscribe.getByRole('textbox', { name: 'Payment method' })).toHaveValue(
    'Visa •••• 4242 (default)',
  );
  await expect(subscribe).toContainText('Visa •••• 4242 is charged at once, then $9.99 / month.');
  await subscribe.getByRole('button', { name: 'Start subscription' }).click();

  await expect(page).toHaveURL(/#\/subscriptions\/sub_[0-9A-Z]{26}$/);
  await expectToast(page, 'Subscription started', 'the first invoice was paid');
  await expect(page.getByRole('heading', { level: 2 })).toContainText('Pro');

  await page.goto(`/#/customers/${customer.id}`);
  const proRow = subscriptions.getByRole('row').filter({ hasText: 'Pro' });
  await expect(proRow).toContainText('Active');
  await expect(proRow).toContainText('$9.99');
  await expect(page.getByRole('region', { name: 'Recent invoices' }).getByRole('row').nth(1)).toContainText(
    /INV-\d+.*Paid.*\$9\.99/,
  );
  const payment = page.getByRole('region', { name: 'Recent payments' }).getByRole('row').nth(1);
  await expect(payment).toContainText(/\$9\.99.*Succeeded.*Visa •••• 4242/);

  const features = page.getByRole('region', { name: 'Effective features' }).getByRole('listitem');
  await expect(features.filter({ hasText: 'Advanced analytics' })).toContainText(/On\s*From Pro plan/);
  await expect(features.filter({ hasText: 'Courses' })).toContainText(/Up to 50\s*From Pro plan/);
  await expect(features.filter({ hasText: 'White label' })).toContainText(/Not included\s*Not in Pro plan/);
});
