import type { Page } from '@playwright/test';
import { SCREEN_BUDGET_MS } from '../support/budgets';
import { addCard, dialog, freshCustomer, payingProCustomer } from './billing-support';
import { expect, test } from './fixtures';

/**
 * The command palette (Ctrl+K): one box that finds any object by its number, id, email,
 * name or a card's last four, runs the open page's actions and goes to any area. The first
 * result is selected, so Enter opens it without reaching for the arrows.
 */

/** Budgets for a loaded, shared machine: waits end at the signal, these only bound them. */
const LOADED = { timeout: SCREEN_BUDGET_MS };

test.beforeEach(() => {
  test.slow();
});

/** Opens a page and waits until the console stands on it (the palette lives in its frame). */
async function visit(page: Page, hash: string) {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toBeVisible(LOADED);
}

async function openPalette(page: Page) {
  await page.keyboard.press('Control+K');
  const box = page.getByRole('textbox', { name: 'Search everything or run a command' });
  await expect(box).toBeFocused(LOADED);
  return box;
}

/**
 * Waits until what was typed has been searched: a search answer arriving later puts its hits
 * first and moves the selection, so Enter pressed before it could open a hit instead.
 */
async function settled(page: Page) {
  await expect(page.getByLabel('Results')).toHaveAttribute('aria-busy', 'false', LOADED);
}

/** A result row of the palette, by what it shows. */
function result(page: Page, name: string | RegExp) {
  return page.locator('[data-action]').filter({ hasText: name });
}

test('an invoice number and Enter open that invoice', async ({ page }) => {
  const { invoice } = await payingProCustomer(page.request, 'Ingrid');
  const number = invoice?.number ?? '';
  expect(number).toMatch(/^INV-\d{6}$/);
  await visit(page, '#/customers');
  const box = await openPalette(page);
  await box.fill(number);
  // The invoice is the first result, already selected: Enter needs no arrow key first.
  const found = result(page, number);
  await expect(found).toHaveAttribute('data-selected', 'true', LOADED);
  await expect(page.locator('[data-action]').first()).toContainText(number);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/invoices/${invoice?.id}$`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText(number, LOADED);
});

test('an email finds the customer', async ({ page }) => {
  const customer = await freshCustomer(page.request, 'Emilia');
  await visit(page, '#/invoices');
  const box = await openPalette(page);
  await box.fill(customer.email);
  await expect(result(page, customer.name)).toHaveAttribute('data-selected', 'true', LOADED);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/customers/${customer.id}$`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText(customer.name, LOADED);
});

test('a card’s last four find the customers who hold it', async ({ page }) => {
  const customer = await freshCustomer(page.request, 'Carla');
  await addCard(page.request, customer.id, '5555555555554444');
  await visit(page, '#/customers');
  const box = await openPalette(page);
  await box.fill('4242');
  const holders = page.locator('[data-action]').filter({ hasText: 'by card' });
  await expect(holders.first()).toBeVisible(LOADED);
  // A card only Carla holds (the demo's cards are all 4242) finds exactly her.
  await box.fill('4444');
  await expect(result(page, customer.name)).toBeVisible(LOADED);
  await expect(result(page, customer.name)).toContainText('by card');
});

test('an area’s name goes there, and the open page’s actions are offered', async ({ page }) => {
  await visit(page, '#/customers');
  let box = await openPalette(page);
  await box.fill('audit log');
  await settled(page);
  await expect(page.locator('[data-action]').first()).toHaveText(/Go to Audit log/);
  await expect(page.locator('[data-action]').first()).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/audit/);

  // Every area of the sidebar is reachable from the palette.
  box = await openPalette(page);
  const areas = page.locator('[data-action]').filter({ hasText: /^Go to / });
  await expect(areas).toHaveCount(21);
  await page.keyboard.press('Escape');

  await visit(page, '#/admin/tenants');
  box = await openPalette(page);
  await box.fill('new tenant');
  await settled(page);
  await expect(page.locator('[data-action]').first()).toHaveText('New tenant');
  await page.keyboard.press('Enter');
  await expect(dialog(page, 'New tenant')).toBeVisible();
});
