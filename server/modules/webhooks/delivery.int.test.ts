import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES, type WebhookEventBody } from '../../../shared/webhooks/event-types';
import { verifyWebhook } from '../../../shared/webhooks/verify';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { DISABLE_AFTER_FAILING_MS, MAX_DELIVERY_ATTEMPTS } from './retry';
import { emailedNotices } from './notices';
import { deliverUntilSettled, deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';

let world: BillingWorld;
let receiver: WebhookReceiver | undefined;

beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  await world.close();
});

const owner = () => webhooksAs(world, 'owner');
const staff = () => world.as('billingA');

async function endpointFor(url: string, eventTypes: string[] = [...WEBHOOK_EVENT_TYPES]) {
  return owner().create({ url, eventTypes: eventTypes as never });
}

/** A customer's life: subscribe, upgrade now, cancel now; and another whose card is declined. */
async function billingStory() {
  const happy = await world.customerOnClock('Ada Happy', GOOD_CARD);
  const { subscription } = await staff().subscriptions.create({
    customerId: happy.customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 0,
  });
  const changed = await staff().subscriptions.changePlan({
    id: subscription.id,
    priceId: world.catalog.prices.enterpriseMonthlyUsd,
    quantity: 1,
    timing: 'now',
    expectedVersion: subscription.version,
  });
  await staff().subscriptions.cancel({ id: subscription.id, when: 'now' });
  const unlucky = await world.customerOnClock('Bob Declined', FAILING_CARD);
  await staff().subscriptions.create({
    customerId: unlucky.customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 0,
  });
  return { subscriptionId: subscription.id, customerId: happy.customerId, prorationInvoice: changed.invoice };
}

const bodies = (r: WebhookReceiver) => r.requests.map((q) => JSON.parse(q.rawBody) as WebhookEventBody);

describe('webhook delivery', () => {
  it('gets every event through a receiver that hangs up, times out and answers 500 first: signed, in order per object, every attempt logged', async () => {
    const misbehaviour = ['hang-up', 'no-answer', 500] as const;
    receiver = await startWebhookReceiver(
      (index) => misbehaviour[index] ?? 200,
      () => world.clock.now(),
    );
    const { secret, endpoint } = await endpointFor(receiver.url);
    const story = await billingStory();

    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));

    const events = await world.database.db
      .selectFrom('webhook_events')
      .selectAll()
      .where('tenant_id', '=', world.tenants.A.id)
      .execute();
    const types = new Set(events.map((e) => e.type));
    // The story touches every kind of event this list has.
    expect([...types].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());

    // Every request is signed with the endpoint's secret, as a receiver checks it.
    for (const request of receiver.requests) {
      const header = request.headers['tollgate-signature'];
      const body = await verifyWebhook<WebhookEventBody>(request.rawBody, String(header), secret, {
        nowSeconds: Math.floor(request.receivedAt / 1000),
      });
      expect(request.headers['tollgate-event-id']).toBe(body.id);
    }
    await expect(
      verifyWebhook(
        receiver.requests[0]?.rawBody ?? '',
        receiver.requests[0]?.headers['tollgate-signature'] as string,
        'whsec_wrongwrongwrong',
      ),
    ).rejects.toThrow(/No signature matches/);

    // Every event was accepted once (the first three requests were not accepted).
    const accepted = receiver.requests
      .filter((r) => r.answer === 200)
      .map((r) => JSON.parse(r.rawBody) as WebhookEventBody);
    expect(accepted.map((b) => b.id).sort()).toEqual(events.map((e) => e.id).sort());
    expect(receiver.requests.length).toBe(events.length + misbehaviour.length);

    // In order per object: no event about an object goes out before the earlier ones are through.
    const sequencesByObject = new Map<string, number[]>();
    for (const body of bodies(receiver)) {
      sequencesByObject.set(body.object_id, [
        ...(sequencesByObject.get(body.object_id) ?? []),
        body.sequence,
      ]);
    }
    for (const [objectId, sequences] of sequencesByObject) {
      expect(sequences, objectId).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size, objectId).toBe(Math.max(...sequences));
    }
    const subscriptionEvents = accepted
      .filter((b) => b.object_id === story.subscriptionId)
      .map((b) => b.type);
    expect(subscriptionEvents[0]).toBe('subscription.created');
    expect(subscriptionEvents.at(-1)).toBe('subscription.canceled');
    const customerEvents = accepted.filter((b) => b.object_id === story.customerId);
    expect(customerEvents.map((b) => b.type)).toEqual(customerEvents.map(() => 'entitlements.updated'));
    expect(customerEvents.at(-1)?.data.object).toMatchObject({
      status: 'canceled',
      previous_status: 'active',
    });

    // The log shows each attempt, as the receiver saw it.
    const log = await owner().deliveries({ endpointId: endpoint.id, limit: 200 });
    expect(log.items).toHaveLength(events.length);
    expect(log.items.every((d) => d.status === 'succeeded')).toBe(true);
    const attempts = log.items.reduce((n, d) => n + d.attempts, 0);
    expect(attempts).toBe(receiver.requests.length);
    const troubled = log.items.filter((d) => d.attempts > 1);
    expect(troubled.length).toBeGreaterThan(0);
    const details = await Promise.all(troubled.map((d) => owner().delivery({ id: d.id })));
    const failures = details.flatMap((d) => d.attemptLog.filter((a) => a.outcome === 'failed'));
    expect(failures).toHaveLength(3);
    expect(failures.some((a) => a.responseCode === 500 && a.responseExcerpt === 'refused 500')).toBe(true);
    expect(
      failures.some((a) => a.responseCode === null && /No answer within 3000 ms/.test(a.error ?? '')),
    ).toBe(true);
    expect(failures.filter((a) => a.responseCode === null)).toHaveLength(2);
    for (const detail of details) {
      expect(detail.attemptLog.map((a) => a.attempt)).toEqual(detail.attemptLog.map((_, i) => i + 1));
      expect(detail.attemptLog.at(-1)).toMatchObject({
        outcome: 'succeeded',
        responseCode: 200,
        responseExcerpt: 'ok',
      });
      expect(receiver.requests.filter((r) => r.rawBody === detail.requestBody)).toHaveLength(detail.attempts);
    }
    const endpoints = await owner().endpoints();
    expect(endpoints[0]).toMatchObject({
      status: 'enabled',
      failingSince: null,
      lastDelivery: { status: 'succeeded' },
    });
  });

  it('captures nothing for types no endpoint wants, and sends each endpoint only its types', async () => {
    receiver = await startWebhookReceiver(() => 200);
    await endpointFor(receiver.url, ['invoice.paid']);
    await billingStory();
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    expect(new Set(bodies(receiver).map((b) => b.type))).toEqual(new Set(['invoice.paid']));
    const stored = await world.database.db.selectFrom('webhook_events').select('type').distinct().execute();
    expect(stored.map((e) => e.type)).toEqual(['invoice.paid']);
  });

  it('gives up after three days of failures, disables the endpoint and tells the workspace once', async () => {
    receiver = await startWebhookReceiver(() => 503);
    const { endpoint } = await endpointFor(receiver.url, ['subscription.created']);
    const { customerId } = await world.customerOnClock('Cy Failing', GOOD_CARD);
    const started = world.clock.now();
    await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    const notices = recordingNotices();

    await deliverUntilSettled(world, deliveryDeps(world, notices));

    expect(receiver.requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    // Three days and a bit of backoff, passed on the test clock.
    expect(world.clock.now() - started).toBeGreaterThanOrEqual(DISABLE_AFTER_FAILING_MS);
    expect(world.clock.now() - started).toBeLessThan(DISABLE_AFTER_FAILING_MS + 3_600_000);
    const [delivery] = (await owner().deliveries({ endpointId: endpoint.id })).items;
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: MAX_DELIVERY_ATTEMPTS,
      lastResponseCode: 503,
    });
    const [disabled] = await owner().endpoints();
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    expect(notices.sent).toEqual([
      expect.objectContaining({ tenantId: world.tenants.A.id, endpointId: endpoint.id, url: endpoint.url }),
    ]);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_id', '=', endpoint.id)
      .execute();
    expect(audit).toContainEqual({
      action: 'webhook_endpoint.disabled_for_failures',
      actor_name: 'Webhooks',
    });

    // A disabled endpoint is not sent to, and new events are not queued for it.
    const other = await world.customerOnClock('Di Later', GOOD_CARD);
    await staff().subscriptions.create({
      customerId: other.customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    expect((await owner().deliveries({ endpointId: endpoint.id })).items).toHaveLength(1);

    // Replaying needs it enabled; once enabled, the replay is a fresh run of attempts.
    const replay = () => owner().replay({ id: delivery?.id ?? '' });
    await expect(replay()).rejects.toThrow(/enable it before replaying/);
    await owner().setEnabled({ id: endpoint.id, enabled: true });
    await replay();
    await expect(replay()).rejects.toThrow(/already waiting/);
    receiver.requests.length = 0;
    await deliverUntilSettled(world, deliveryDeps(world, notices));
    expect(receiver.requests).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const again = await owner().delivery({ id: delivery?.id ?? '' });
    expect(again.attemptLog).toHaveLength(2 * MAX_DELIVERY_ATTEMPTS);
    expect(notices.sent).toHaveLength(2);
  });

  it('keeps later events about an object waiting while an earlier one is retried', async () => {
    let refuse = true;
    receiver = await startWebhookReceiver(() => (refuse ? 500 : 200));
    await endpointFor(receiver.url, [
      'subscription.created',
      'subscription.updated',
      'subscription.canceled',
    ]);
    await billingStory();
    const deps = deliveryDeps(world, recordingNotices());
    const { runDueDeliveries } = await import('./delivery');
    await runDueDeliveries(deps);
    // One attempt per subscription: the first event of each, refused; the rest wait behind it.
    const firstRound = bodies(receiver);
    expect(firstRound.every((b) => b.sequence === 1 && b.type === 'subscription.created')).toBe(true);
    expect(new Set(firstRound.map((b) => b.object_id)).size).toBe(firstRound.length);
    refuse = false;
    await deliverUntilSettled(world, deps);
    const accepted = receiver.requests
      .filter((r) => r.answer === 200)
      .map((r) => JSON.parse(r.rawBody) as WebhookEventBody);
    const story = accepted.filter((b) => b.object_id === firstRound[0]?.object_id);
    expect(story.map((b) => b.sequence)).toEqual(story.map((_, i) => i + 1));
  });
});

describe('the email when an endpoint is turned off', () => {
  it("goes to the workspace's admins through the emails outbox, once per turn-off", async () => {
    receiver = await startWebhookReceiver(() => 500);
    const { endpoint } = await endpointFor(receiver.url, ['subscription.created']);
    const { customerId } = await world.customerOnClock('Lu Unlucky', GOOD_CARD);
    await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });

    await deliverUntilSettled(world, deliveryDeps(world, emailedNotices));

    const emails = await world.as('owner').emails.list({ template: 'webhook_endpoint_disabled' });
    expect(emails.items.map((e) => e.recipient)).toEqual(['adminA@test.example']);
    const email = await world.as('owner').emails.get({ id: emails.items[0]?.id ?? '' });
    expect(email.subject).toBe(`A webhook endpoint was turned off: ${endpoint.url}`);
    expect(email.text).toContain('has failed since');
    expect(email.customerId).toBeNull();
    // Tenant B's admin hears nothing of A's endpoint.
    const inB = await world
      .as('owner', world.tenants.B.id)
      .emails.list({ template: 'webhook_endpoint_disabled' });
    expect(inB.items).toEqual([]);
  });
});
