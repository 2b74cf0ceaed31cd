import AxeBuilder from '@axe-core/playwright';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import type { Locator, Page } from '@playwright/test';
import { deliver, newWebhookSecret, signedDelivery, stripeEvent } from '../fakes/stripe/webhooks';
import { expect, test } from './fixtures';

/** WCAG 2.1 A and AA: what the console promises, and what it checks its customers' colours against. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** The areas of the navbar, by their link label and the page title each opens. */
const AREAS: { link: string; title: string }[] = [
  { link: 'Overview', title: 'Overview' },
  { link: 'Customers', title: 'Customers' },
  { link: 'Plans & prices', title: 'Plans & prices' },
  { link: 'Subscriptions', title: 'Subscriptions' },
  { link: 'Licenses', title: 'Licenses' },
  { link: 'Invoices', title: 'Invoices' },
  { link: 'Payments', title: 'Payments' },
  { link: 'Recovery', title: 'Recovery' },
  { link: 'Test clocks', title: 'Test clocks' },
  { link: 'Emails', title: 'Emails' },
  { link: 'Stripe events', title: 'Stripe events' },
  { link: 'Audit log', title: 'Audit log' },
  { link: 'Exports', title: 'Exports' },
  { link: 'Connect', title: 'Connect' },
  { link: 'Tenants', title: 'Tenants' },
  { link: 'Members', title: 'Members' },
  { link: 'Roles', title: 'Roles' },
  { link: 'API keys', title: 'API keys' },
  { link: 'Webhooks', title: 'Webhooks' },
  { link: 'Backups', title: 'Backups' },
  { link: 'Jobs', title: 'Jobs' },
];

const CUSTOMERS = { link: 'Customers', title: 'Customers' };

/** Lists whose first row opens a detail page worth checking too. */
const DETAIL_OF: Record<string, RegExp> = {
  Customers: /#\/customers\/[^/?]+$/,
  Subscriptions: /#\/subscriptions\/[^/?]+$/,
  Invoices: /#\/invoices\/[^/?]+$/,
  Emails: /#\/emails\/[^/?]+$/,
  'Stripe events': /#\/stripe-events\/[^/?]+$/,
};

/** Anything still loading: checking it would check a spinner, not the page. */
const LOADING = '.mantine-Loader-root, .mantine-Skeleton-root, [aria-busy="true"]';

/** Resolves once every finite animation and transition (not a spinner's endless one) has ended. */
const FINITE_ANIMATIONS_DONE = `Promise.all(
  document
    .getAnimations()
    .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
    .map((animation) => animation.finished.catch(() => undefined)),
)`;

/** Waits for loaders to go and for transitions (a dialog fading in) to end: mid-fade colours are not the real ones. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator(LOADING)).toHaveCount(0, { timeout: SCREEN_BUDGET_MS });
  await page.evaluate(FINITE_ANIMATIONS_DONE);
}

/** Runs axe and fails on each serious or critical violation, listing them all. */
async function check(page: Page, where: string): Promise<void> {
  await settle(page);
  // Legacy mode runs axe in the page itself; the default opens a second page per run to merge
  // frames' results, doubling the cost, and the console has no cross-origin frames to merge.
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  const blocking = violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  const report = blocking.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`,
    ),
  );
  expect(report, `accessibility violations on ${where}:\n${report.join('\n')}`).toEqual([]);
}

const SETUP_HEADERS = { 'x-tollgate-client': 'web:e2e-setup', 'content-type': 'application/json' };

/**
 * The demo workspace has no webhook events, so the event page would go unchecked: give the
 * endpoint a secret and deliver one signed event Tollgate ignores, as Stripe would.
 */
async function receiveAWebhookEvent(baseURL: string): Promise<void> {
  const endpoint = await fetch(`${baseURL}/trpc/stripeEvents.endpoint`, { headers: SETUP_HEADERS });
  expect(endpoint.ok, await endpoint.clone().text()).toBe(true);
  const { path } = ((await endpoint.json()) as { result: { data: { path: string } } }).result.data;
  const secret = newWebhookSecret();
  const saved = await fetch(`${baseURL}/trpc/stripeEvents.setSecret`, {
    method: 'POST',
    headers: SETUP_HEADERS,
    body: JSON.stringify({ secret }),
  });
  expect(saved.ok, await saved.clone().text()).toBe(true);
  const event = stripeEvent('balance.available', { id: 'txn_e2e_a11y', object: 'balance' });
  expect((await deliver(`${baseURL}${path}`, signedDelivery(event, secret))).status).toBe(200);
}

function mainHeading(page: Page, title: string): Locator {
  return page.getByRole('main').getByRole('heading', { level: 2, name: title, exact: true });
}

/** Goes to an area through the navbar, as staff do: the app stays loaded, only the route changes. */
async function openArea(page: Page, area: { link: string; title: string }): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: area.link, exact: true })
    .click();
  await expect(mainHeading(page, area.title)).toBeVisible({ timeout: SCREEN_BUDGET_MS });
}

/** The list's first data row, opened with a click, which navigates inside the app. */
async function openFirstRow(page: Page, area: string, detail: RegExp): Promise<void> {
  const firstRow = page
    .getByRole('main')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .first();
  await firstRow.click({ timeout: SCREEN_BUDGET_MS });
  await expect(page, `opening the first row of ${area}`).toHaveURL(detail);
  await expect(mainHeading(page, area)).toHaveCount(0);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} scheme`, () => {
    // One page load per scheme: every test moves inside the same running app.
    let page: Page;
    test.beforeAll(async ({ browser, webMode }) => {
      await receiveAWebhookEvent(webMode.url);
      page = await browser.newPage({
        baseURL: webMode.url,
        colorScheme: scheme,
        viewport: { width: 1440, height: 900 },
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      await page.goto('/#/customers');
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      await expect(mainHeading(page, 'Customers')).toBeVisible({ timeout: SCREEN_BUDGET_MS });
    });
    test.afterAll(async () => {
      await page.close();
    });

    for (const area of AREAS) {
      test(`${area.title} passes axe (${scheme})`, async () => {
        await openArea(page, area);
        await check(page, area.title);
      });

      const detail = DETAIL_OF[area.link];
      if (detail) {
        test(`${area.title}: a record's page passes axe (${scheme})`, async () => {
          await openArea(page, area);
          await openFirstRow(page, area.title, detail);
          await check(page, `${area.title}: the first row's page`);
        });
      }
    }

    test(`the new and edit customer forms pass axe (${scheme})`, async () => {
      await openArea(page, CUSTOMERS);
      await page.getByRole('button', { name: 'New customer' }).click();
      await expect(mainHeading(page, 'New customer')).toBeVisible();
      await check(page, 'the new customer form');

      await openArea(page, CUSTOMERS);
      await openFirstRow(page, 'Customers', /#\/customers\/[^/?]+$/);
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await expect(page.getByRole('main').getByRole('heading', { level: 2, name: /^Edit / })).toBeVisible();
      await check(page, 'the edit customer form');
    });

    test(`the command palette and the shortcuts dialog pass axe (${scheme})`, async () => {
      await page.keyboard.press('Control+K');
      const palette = page.getByRole('dialog');
      await expect(palette).toBeVisible();
      await check(page, 'the command palette');
      await page.keyboard.press('Escape');
      await expect(palette).toBeHidden();

      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
      await expect(shortcuts).toBeVisible();
      await check(page, 'the keyboard shortcuts dialog');
      await page.keyboard.press('Escape');
      await expect(shortcuts).toBeHidden();
    });
  });
}
