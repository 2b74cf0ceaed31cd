import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath, startWebMode } from './tests/e2e/web-mode';
const web = await startWebMode();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 2600 }, locale: 'en-US' });
  await page.goto(`${web.url}/#/overview`);
  await page.getByTestId('revenue-table').waitFor({ timeout: 120000 });
  await page.getByTestId('trial-conversion-rate').waitFor({ timeout: 60000 });
  await page.waitForTimeout(800);
  const card = page.getByRole('region', { name: 'Revenue by month' });
  await card.screenshot({ path: '/tmp/rev/revenue-card.png' });
  await page.getByRole('region', { name: 'Trial conversion' }).screenshot({ path: '/tmp/rev/trial-card.png' });
  await page.getByRole('region', { name: 'Recovery rate' }).screenshot({ path: '/tmp/rev/recovery-fig.png' });
  await page.getByRole('radio', { name: 'EUR' }).first().click({ force: true }).catch(() => undefined);
  await page.waitForTimeout(500);
  await card.screenshot({ path: '/tmp/rev/revenue-card-eur.png' });
  console.log(await page.getByTestId('revenue-table').innerText());
} finally {
  await browser.close();
  await web.stop();
}
