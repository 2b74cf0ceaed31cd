import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookEventBody } from '../../../shared/webhooks/event-types';
import { verifyWebhook } from '../../../shared/webhooks/verify';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import { systemClock } from '../../lib/clock';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { deliverNext } from './delivery';
import { deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';

/**
 * A delivery checked exactly as a receiver checks it: the raw body and header as they
 * arrived, the secret shown at creation, the receiver's own clock (the wall clock, so the
 * delivery is signed on it too). Stripe's SDK verifies it as well: the scheme is Stripe's.
 */

let world: BillingWorld;
let receiver: WebhookReceiver;
let secret = '';

beforeEach(async () => {
  world = await createBillingWorld();
  receiver = await startWebhookReceiver(() => 200);
});
afterEach(async () => {
  await receiver.close();
  await world.close();
});

describe('a receiver verifying a delivery', () => {
  it('verifies with the documented helper and with stripe.webhooks.constructEvent', async () => {
    ({ secret } = await webhooksAs(world, 'owner').create({
      url: receiver.url,
      eventTypes: ['subscription.created'],
    }));
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const { customerId } = await world.customerOnClock('Eve Receiver', GOOD_CARD);
    await world
      .as('billingA')
      .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });

    expect(await deliverNext(deliveryDeps(world, recordingNotices(), { clock: systemClock }))).toBe(true);

    const [request] = receiver.requests;
    const rawBody = request?.rawBody ?? '';
    const header = String(request?.headers['tollgate-signature']);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    const event = await verifyWebhook<WebhookEventBody>(rawBody, header, secret);
    expect(event).toMatchObject({ object: 'event', type: 'subscription.created', sequence: 1 });
    expect(event.data.object).toMatchObject({
      object: 'subscription',
      customer: customerId,
      status: 'incomplete',
    });

    const stripe = new Stripe('sk_test_unused', { telemetry: false });
    const viaStripe = stripe.webhooks.constructEvent(rawBody, header, secret);
    expect(viaStripe.id).toBe(event.id);
    expect(() => stripe.webhooks.constructEvent(rawBody, header, `${secret}x`)).toThrow();
  });
});
