import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliver, newWebhookSecret, signedDelivery, stripeEvent } from '../fakes/stripe/webhooks';
import { SIGNAL_BUDGET_MS } from '../support/budgets';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { expect, test } from './fixtures';
import { expectToast } from './support';

/**
 * The Stripe events page on its own console (see stripe-events-server.ts): set the endpoint's
 * secret, receive signed deliveries through the real endpoint, filter, open an event, and
 * replay one the processor dead-lettered.
 */

let server: SpawnedServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-stripe-events-'));
  server = await spawnServer({
    entry: 'tests/e2e/stripe-events-server.ts',
    env: { TOLLGATE_DATA_DIR: dataDir },
    announce: 'Webhooks e2e console:',
  });
});
test.afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function statusOf(eventId: string): Promise<string> {
  const input = encodeURIComponent(JSON.stringify({ id: eventId }));
  const response = await fetch(`${server.url}/trpc/stripeEvents.get?input=${input}`, {
    headers: { 'x-tollgate-client': 'web:e2e-setup' },
  });
  return ((await response.json()) as { result: { data: { status: string } } }).result.data.status;
}

test('webhook events: secret, filter, open an event, replay a dead-lettered one', async ({ page }) => {
  await page.goto(`${server.url}/#/stripe-events`);
  await expect(page.getByRole('heading', { name: 'Stripe events' })).toBeVisible();
  const endpoint = page.getByRole('region', { name: 'Webhook endpoint' });
  await expect(endpoint.getByTestId('endpoint-secret')).toHaveText(/No signing secret yet/);
  const path = (await endpoint.getByTestId('endpoint-path').textContent()) ?? '';
  expect(path).toMatch(/^\/webhooks\/stripe\/ten_[0-9A-Z]{26}$/);

  // Before a secret is set, the endpoint turns deliveries away.
  const secret = newWebhookSecret();
  const early = stripeEvent('customer.updated', { id: 'cus_e2eEarly', object: 'customer' });
  expect((await deliver(`${server.url}${path}`, signedDelivery(early, secret))).status).toBe(404);

  await endpoint.getByRole('button', { name: 'Set secret' }).click();
  await page.getByRole('textbox', { name: 'Signing secret' }).fill(secret);
  await page.getByRole('button', { name: 'Save secret' }).click();
  await expect(endpoint.getByTestId('endpoint-secret')).toHaveText(
    new RegExp(`Signing secret configured, ends in …${secret.slice(-4)}`),
  );
  await expect(page.getByText(secret)).toHaveCount(0);

  // Stripe delivers: a type Tollgate ignores, and an invoice failure whose handler keeps failing.
  const ignored = stripeEvent('balance.available', { id: 'txn_e2e', object: 'balance' });
  const failing = stripeEvent('invoice.payment_failed', {
    id: 'in_e2e',
    object: 'invoice',
    amount_due: 4200,
  });
  for (const event of [ignored, failing]) {
    expect(await deliver(`${server.url}${path}`, signedDelivery(event, secret))).toEqual({
      status: 200,
      body: { received: true },
    });
  }
  await expect.poll(() => statusOf(failing.id), { timeout: SIGNAL_BUDGET_MS }).toBe('dead');

  await page.reload();
  const grid = page.getByRole('grid', { name: 'Stripe events' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Dead-lettered' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('invoice.payment_failed');
  await expect(rows.first()).toContainText('invoice in_e2e is not known to Tollgate yet');

  await rows.first().dblclick();
  await expect(page.getByRole('heading', { name: /invoice\.payment_failed/ })).toBeVisible();
  await expect(page.getByTestId('event-payload')).toContainText('"amount_due": 4200');
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Failed and dead-lettered');

  await page.getByRole('button', { name: 'Replay' }).click();
  await expectToast(page, 'Event queued again');
  await expect.poll(() => statusOf(failing.id), { timeout: SIGNAL_BUDGET_MS }).toBe('processed');
  await page.reload();
  await expect(history).toContainText(/Replayed by/);
  await expect(history).toContainText('Applied');
  await expect(page.getByRole('button', { name: 'Replay' })).toHaveCount(0);
});
