import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** WCAG 2.1 A and AA: what the console promises, and what it checks its customers' colours against. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** The areas of the navbar, by their link label and the page title each opens. */
const AREAS: { link: string; title: string }[] = [
  { link: 'Customers', title: 'Customers' },
  { link: 'Plans & prices', title: 'Plans & prices' },
  { link: 'Subscriptions', title: 'Subscriptions' },
  { link: 'Invoices', title: 'Invoices' },
  { link: 'Payments', title: 'Payments' },
  { link: 'Recovery', title: 'Recovery' },
  { link: 'Test clocks', title: 'Test clocks' },
  { link: 'Emails', title: 'Emails' },
  { link: 'Webhook events', title: 'Webhook events' },
  { link: 'Audit log', title: 'Audit log' },
  { link: 'Connect', title: 'Connect' },
  { link: 'Tenants', title: 'Tenants' },
  { link: 'Members', title: 'Members' },
  { link: 'Roles', title: 'Roles' },
  { link: 'API keys', title: 'API keys' },
];

/** Lists whose first row opens a detail page worth checking too. */
const DETAIL_OF: Record<string, RegExp> = {
  Customers: /#\/customers\/[^/?]+$/,
  Subscriptions: /#\/subscriptions\/[^/?]+$/,
  Invoices: /#\/invoices\/[^/?]+$/,
  Emails: /#\/emails\/[^/?]+$/,
  'Webhook events': /#\/webhooks\/[^/?]+$/,
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
  await expect(page.locator(LOADING)).toHaveCount(0, { timeout: 30_000 });
  await page.evaluate(FINITE_ANIMATIONS_DONE);
}

/** Runs axe and fails (softly, so every page is reported in one run) on each serious or critical violation. */
async function check(page: Page, where: string, include?: string): Promise<void> {
  await settle(page);
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const blocking = violations.filter((violation) => BLOCKING.has(violation.impact ?? ''));
  const report = blocking.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`,
    ),
  );
  expect.soft(report, `accessibility violations on ${where}:\n${report.join('\n')}`).toEqual([]);
}

function mainHeading(page: Page, title: string): Locator {
  return page.getByRole('main').getByRole('heading', { level: 2, name: title, exact: true });
}

/** The list's first data row, opened as staff would: a click, which navigates inside the app. */
async function openFirstRow(page: Page, area: string, detail: RegExp): Promise<boolean> {
  const firstRow = page
    .getByRole('main')
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') })
    .first();
  if ((await firstRow.count()) === 0) return false;
  await firstRow.click();
  await expect(page, `opening the first row of ${area}`).toHaveURL(detail);
  await expect(mainHeading(page, area)).toHaveCount(0);
  return true;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test(`every page of the console passes axe's WCAG 2.1 A/AA checks (${scheme})`, async ({ page }) => {
      // One page load; every other page is reached through the navbar, as staff move around.
      test.setTimeout(300_000);
      await page.goto('/#/customers');
      await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
      const nav = page.getByRole('navigation', { name: 'Main' });

      for (const area of AREAS) {
        await test.step(area.title, async () => {
          await nav.getByRole('link', { name: area.link, exact: true }).click();
          await expect(mainHeading(page, area.title)).toBeVisible({ timeout: 30_000 });
          await check(page, area.title);
          const detail = DETAIL_OF[area.link];
          if (detail && (await openFirstRow(page, area.title, detail))) {
            await check(page, `${area.title}: the first row's page`);
          }
        });
      }

      await test.step('command palette', async () => {
        await page
          .getByRole('button', { name: /Search/ })
          .first()
          .click();
        const palette = page.getByRole('dialog');
        await expect(palette).toBeVisible();
        await check(page, 'the command palette');
        await page.keyboard.press('Escape');
        await expect(palette).toBeHidden();
      });

      await test.step('keyboard shortcuts dialog', async () => {
        await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
        const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await expect(dialog).toBeVisible();
        await check(page, 'the keyboard shortcuts dialog');
        await page.keyboard.press('Escape');
        await expect(dialog).toBeHidden();
      });
    });
  });
}
