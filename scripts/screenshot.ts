/**
 * `npm run screenshot`: starts web mode on a fresh demo workspace, opens the customers
 * list and a subscription's page in the system Chromium at 1440×900, and saves
 * docs/screenshot.png and docs/screenshot-subscription.png for the README.
 * Needs a built console (`npm run build`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath, startWebMode } from '../tests/e2e/web-mode';

const OUTPUT = resolve(import.meta.dirname, '../docs/screenshot.png');
const SUBSCRIPTION_OUTPUT = resolve(import.meta.dirname, '../docs/screenshot-subscription.png');

async function main(): Promise<void> {
  const web = await startWebMode();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: process.env.SCREENSHOT_SCHEME === 'dark' ? 'dark' : 'light',
      locale: 'en-US',
    });
    await page.goto(`${web.url}/#/customers`);
    await page.getByRole('grid', { name: 'Customers' }).getByRole('row').nth(5).waitFor();
    await page
      .getByTestId('row-count')
      .getByText(/customers/)
      .waitFor();
    // Let the font swap and any entrance transitions settle before capturing.
    await page.waitForFunction('document.fonts.status === "loaded"');
    await page.waitForTimeout(300);
    mkdirSync(dirname(OUTPUT), { recursive: true });
    await page.screenshot({ path: OUTPUT });
    process.stdout.write(`saved ${OUTPUT}\n`);
    // A past-due subscription of the demo year: its page shows the failed renewal and the actions.
    await page.goto(`${web.url}/#/subscriptions?status=past_due`);
    await page.getByRole('grid', { name: 'Subscriptions' }).getByRole('row').nth(1).click();
    await page.getByRole('heading', { level: 2 }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: SUBSCRIPTION_OUTPUT });
    process.stdout.write(`saved ${SUBSCRIPTION_OUTPUT}\n`);
  } finally {
    await browser.close();
    await web.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `screenshot failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
