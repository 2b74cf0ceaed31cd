import type { APIRequestContext, Page } from '@playwright/test';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/app/router';
import { expect } from './fixtures';
import { createCustomer, uniqueWord } from './support';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

const HEADERS = { 'x-tollgate-client': 'web:e2e-setup' };

/** Stripe's test card that always succeeds, as the sandbox gateway knows it. */
export const GOOD_CARD = '4242424242424242';

async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { headers: HEADERS, data: input });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

async function query<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`/trpc/${path}`, { headers: HEADERS });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A demo catalog price ("Pro", "month", "USD"), found by what staff would call it. */
export async function demoPrice(
  request: APIRequestContext,
  plan: string,
  interval: 'month' | 'year',
  currency = 'USD',
): Promise<string> {
  const catalog = await query<Outputs['catalog']['overview']>(request, 'catalog.overview');
  const price = catalog.products
    .flatMap((product) => product.plans)
    .filter((p) => p.name === plan)
    .flatMap((p) => p.prices)
    .find((p) => p.interval === interval && p.currency === currency);
  if (!price) throw new Error(`The demo catalog has no ${plan} ${interval}ly ${currency} price`);
  return price.id;
}

/** A new customer no other test touches, named after a unique word. */
export async function freshCustomer(request: APIRequestContext, first: string) {
  const word = uniqueWord();
  return createCustomer(request, {
    name: `${first} ${word}`,
    email: `${first.toLowerCase()}.${word.toLowerCase()}@example.com`,
    country: 'US',
  });
}

export function addCard(request: APIRequestContext, customerId: string, source = GOOD_CARD) {
  return mutate<Outputs['paymentMethods']['add']>(request, 'paymentMethods.add', {
    customerId,
    source,
    makeDefault: true,
  });
}

export function subscribe(request: APIRequestContext, input: Inputs['subscriptions']['create']) {
  return mutate<Outputs['subscriptions']['create']>(request, 'subscriptions.create', input);
}

/** A customer with a good card on a paid Pro monthly subscription, no trial: the usual start. */
export async function payingProCustomer(request: APIRequestContext, first: string) {
  const customer = await freshCustomer(request, first);
  await addCard(request, customer.id);
  const priceId = await demoPrice(request, 'Pro', 'month');
  const started = await subscribe(request, { customerId: customer.id, priceId, trialDays: 0 });
  expect(started.invoice?.status).toBe('paid');
  return { customer, ...started };
}

/** The date as the console writes it ("Dec 21, 2026"); the tests run in UTC, en-US. */
export function consoleDate(ms: number): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** A `datetime-local` value for a moment (the tests' time zone is UTC). */
export function localInput(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function dialog(page: Page, name: string | RegExp) {
  return page.getByRole('dialog', { name });
}
