import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { WebhookEventBody } from '../../shared/webhooks/event-types';
import { verifyWebhook } from '../../shared/webhooks/verify';
import { SIGNAL_BUDGET_MS } from '../support/budgets';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { dialog, payingProCustomer } from './billing-support';
import { expect, test } from './fixtures';
import { expectToast } from './support';

/**
 * The Webhooks page in web mode (the sandbox, so a receiver on 127.0.0.1 is allowed): an
 * endpoint made with a local receiver, its secret shown once; a subscription's events arrive
 * signed with it and show in the delivery log; one is replayed from the console.
 */

let receiver: WebhookReceiver;

test.beforeEach(async () => {
  receiver = await startWebhookReceiver(() => 200);
});
test.afterEach(async () => {
  await receiver.close();
});

const endpointsTable = (page: Page) => page.getByRole('table', { name: 'Webhook endpoints' });
const deliveries = (page: Page) => page.getByRole('table', { name: 'Deliveries' });

async function waitForRequests(count: number) {
  await expect
    .poll(() => receiver.requests.length, {
      timeout: SIGNAL_BUDGET_MS,
      message: `${count} webhook requests at the receiver`,
    })
    .toBeGreaterThanOrEqual(count);
}

test('an endpoint made with a local receiver: secret shown once, signed deliveries logged, one replayed', async ({
  page,
}) => {
  await page.goto('/#/webhooks');
  await expect(page.getByText('No endpoints yet')).toBeVisible();

  await page.getByRole('button', { name: 'New endpoint' }).click();
  const create = dialog(page, 'New webhook endpoint');
  await create.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(create.getByText('URL is required')).toBeVisible();
  await create.getByLabel('URL').fill(receiver.url);
  await create.getByLabel('Description').fill('Course catalog');
  await create.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(create.getByText('Choose at least one event type')).toBeVisible();
  await create.getByRole('checkbox', { name: /subscription\.created/ }).check();
  await create.getByRole('checkbox', { name: /invoice\.paid/ }).check();
  await create.getByRole('button', { name: 'Add endpoint' }).click();

  const shown = dialog(page, 'Endpoint added');
  const secret = (await shown.getByTestId('secret-once').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  await page.keyboard.press('Escape');
  const row = endpointsTable(page).getByRole('row').filter({ hasText: receiver.url });
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText(`secret …${secret.slice(-4)}`);
  // Shown once: nowhere on the page any more.
  await expect(page.getByText(secret)).toHaveCount(0);

  await payingProCustomer(page.request, 'Webhooked');
  await waitForRequests(2);
  const received = [];
  for (const request of receiver.requests) {
    received.push(
      await verifyWebhook<WebhookEventBody>(
        request.rawBody,
        String(request.headers['tollgate-signature']),
        secret,
      ),
    );
  }
  expect(received.map((b) => b.type).sort()).toEqual(['invoice.paid', 'subscription.created']);

  await page.reload();
  await expect(row).toContainText('Delivered');
  await row.getByRole('button', { name: 'Deliveries' }).click();
  const paid = deliveries(page).getByRole('row').filter({ hasText: 'invoice.paid' });
  await expect(paid).toContainText('Delivered');
  await expect(paid).toContainText('200');
  // The filled page (the accessibility walk sees it empty) passes axe's WCAG A/AA checks.
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await paid.getByRole('button', { name: 'Details' }).click();
  const detail = dialog(page, 'Delivery');
  await expect(detail.getByRole('table', { name: 'Attempts' })).toContainText('Delivered');
  await expect(detail.getByLabel('Request body')).toContainText('"type": "invoice.paid"');
  await page.keyboard.press('Escape');

  await paid.getByRole('button', { name: 'Replay' }).click();
  await expectToast(page, 'Event queued again', /invoice\.paid/);
  await waitForRequests(3);
  const replayed = JSON.parse(receiver.requests[2]?.rawBody ?? '{}') as WebhookEventBody;
  expect(replayed.id).toBe(received.find((b) => b.type === 'invoice.paid')?.id);
  await expect
    .poll(
      async () => {
        await page.reload();
        await row.getByRole('button', { name: 'Deliveries' }).click();
        return deliveries(page).getByRole('row').filter({ hasText: 'invoice.paid' }).textContent();
      },
      { timeout: SIGNAL_BUDGET_MS, message: 'the replayed delivery logged as delivered on its 2nd attempt' },
    )
    .toMatch(/Delivered.*200.*2/);

  await row.getByRole('button', { name: 'Disable' }).click();
  await expectToast(page, 'Endpoint disabled', receiver.url);
  await expect(row).toContainText('Disabled');
});

test('an endpoint rolled with an overlap signs with both secrets, is edited, then deleted with its waiting delivery', async ({
  page,
}) => {
  const failing = await startWebhookReceiver(() => 500);
  try {
    await page.goto('/#/webhooks');
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const create = dialog(page, 'New webhook endpoint');
    await create.getByLabel('URL').fill(receiver.url);
    await create.getByRole('checkbox', { name: /subscription\.created/ }).check();
    await create.getByRole('checkbox', { name: /invoice\.paid/ }).check();
    await create.getByRole('button', { name: 'Add endpoint' }).click();
    const old = (await dialog(page, 'Endpoint added').getByTestId('secret-once').textContent()) ?? '';
    await page.keyboard.press('Escape');
    const row = endpointsTable(page).getByRole('row').filter({ hasText: receiver.url });
    const more = (url: string) => page.getByRole('button', { name: `More actions for ${url}` }).click();

    // Roll with the default overlap (24 hours): the new secret is shown once, the old one still signs.
    await more(receiver.url);
    await page.getByRole('menuitem', { name: 'Roll secret' }).click();
    const roll = dialog(page, 'Roll signing secret');
    await expect(roll.getByRole('radio', { name: 'In 24 hours' })).toBeChecked();
    await roll.getByRole('radio', { name: 'Now' }).check();
    await expect(roll.getByText('Deliveries fail until the app has the new secret')).toBeVisible();
    await roll.getByRole('radio', { name: 'In 24 hours' }).check();
    await roll.getByRole('button', { name: 'Roll secret' }).click();
    const rolled = (await dialog(page, 'New signing secret').getByTestId('secret-once').textContent()) ?? '';
    expect(rolled).toMatch(/^whsec_/);
    expect(rolled).not.toBe(old);
    await page.keyboard.press('Escape');
    await expect(row).toContainText(`secret …${rolled.slice(-4)}`);
    await expect(row).toContainText(`also signing: old secret …${old.slice(-4)}, expires`);
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .setLegacyMode(true)
      .analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

    // As a receiver: either secret verifies the delivery, which carries a v1 for each.
    await payingProCustomer(page.request, 'Overlapped');
    await waitForRequests(2);
    for (const request of receiver.requests) {
      const header = String(request.headers['tollgate-signature']);
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      for (const secret of [old, rolled]) {
        await expect(verifyWebhook(request.rawBody, header, secret)).resolves.toMatchObject({
          object: 'event',
        });
      }
    }

    // Edit: a new URL (a receiver that refuses), a description, one event type fewer.
    await more(receiver.url);
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = dialog(page, 'Edit webhook endpoint');
    await edit.getByLabel('URL').fill('ftp://example.com/in');
    await edit.getByRole('button', { name: 'Save endpoint' }).click();
    await expect(edit.getByText('URL must start with https:// or http://')).toBeVisible();
    await edit.getByLabel('URL').fill(failing.url);
    await edit.getByLabel('Description').fill('Learning app');
    await edit.getByRole('checkbox', { name: /invoice\.paid/ }).uncheck();
    await edit.getByRole('button', { name: 'Save endpoint' }).click();
    await expectToast(page, 'Endpoint saved', failing.url);
    const edited = endpointsTable(page).getByRole('row').filter({ hasText: failing.url });
    await expect(edited).toContainText('Learning app');
    await expect(edited).not.toContainText('invoice.paid');

    // A delivery the refusing receiver keeps failing waits for its retry; deleting cancels it.
    await payingProCustomer(page.request, 'Refused');
    await expect
      .poll(() => failing.requests.length, { timeout: SIGNAL_BUDGET_MS, message: 'a refused attempt' })
      .toBeGreaterThanOrEqual(1);
    await more(failing.url);
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = dialog(page, 'Delete this endpoint?');
    await expect(confirm).toContainText('deliveries waiting for it are cancelled');
    await confirm.getByRole('button', { name: 'Delete endpoint' }).click();
    await expectToast(page, 'Endpoint deleted', '1 waiting delivery cancelled.');
    await expect(endpointsTable(page).getByRole('row').filter({ hasText: failing.url })).toHaveCount(0);
  } finally {
    await failing.close();
  }
});
