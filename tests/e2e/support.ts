import type { APIRequestContext, Page } from '@playwright/test';
import type { Customer, CustomerCreateInput } from '../../shared/customers/schema';
import { expect, type ShownToast } from './fixtures';

/** A word no demo customer has, so a search for it finds only what this test made. */
export function uniqueWord(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = Array.from({ length: 9 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Makes a customer straight through the API, for tests about what happens after creation. */
export async function createCustomer(
  request: APIRequestContext,
  input: CustomerCreateInput,
): Promise<Customer> {
  const response = await request.post('/trpc/customers.create', {
    headers: { 'x-tollgate-client': 'web:e2e-setup' },
    data: input,
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: Customer } };
  return body.result.data;
}

export function customersGrid(page: Page) {
  return page.getByRole('grid', { name: 'Customers' });
}

/** The grid's data rows (the header row has no cells). */
export function dataRows(page: Page) {
  return customersGrid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell') });
}

export function rowCount(page: Page) {
  return page.getByTestId('row-count');
}

/** Opens the list and waits until real rows are on screen. */
export async function openCustomers(page: Page, hash = '#/customers'): Promise<void> {
  await page.goto(`/${hash}`);
  await expect(dataRows(page).first()).toBeVisible();
}

export async function searchCustomers(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search customers').fill(text);
}

/** A notification on screen now, to act on it; to check that one was shown, use `expectToast`. */
export function toast(page: Page, title: string) {
  return page.getByRole('alert').filter({ hasText: title });
}

/** Every notification the page has shown since it loaded, oldest first (see fixtures.ts). */
export function shownToasts(page: Page): Promise<ShownToast[]> {
  return page.evaluate(() => (globalThis as unknown as { __toasts?: ShownToast[] }).__toasts ?? []);
}

const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? text.includes(expected) : expected.test(text);

/**
 * Waits until the page has shown a notification whose title contains `title` (and whose
 * message matches `message`, if given), even one that has closed since; resolves with it.
 */
export async function expectToast(page: Page, title: string, message?: string | RegExp): Promise<ShownToast> {
  let found: ShownToast | undefined;
  await expect
    .poll(
      async () => {
        found = (await shownToasts(page)).find(
          (t) => t.title.includes(title) && (message === undefined || matches(t.message, message)),
        );
        return found !== undefined;
      },
      { message: `a notification "${title}"${message === undefined ? '' : ` saying ${String(message)}`}` },
    )
    .toBe(true);
  return found as ShownToast;
}

export async function chooseCountry(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Country' }).fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
}
