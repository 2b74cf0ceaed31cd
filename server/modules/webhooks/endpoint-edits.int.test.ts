import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import type { Services } from '../../trpc/context';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import {
  deliverUntilSettled,
  deliveryDeps,
  liveGateways,
  recordingNotices,
  webhooksAs,
} from './webhooks.test-kit';
import { countRows } from '../../testing/table-counts.test-kit';

let world: BillingWorld;
let receiver: WebhookReceiver;

beforeEach(async () => {
  world = await createBillingWorld();
  receiver = await startWebhookReceiver(() => 200);
});
afterEach(async () => {
  await receiver.close();
  await world.close();
});

const owner = () => webhooksAs(world, 'owner');
const live = (): Services => ({ ...world.services, gateways: liveGateways(world.services.gateways) });

async function subscribeSomeone(name: string) {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  const { subscription } = await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
  return { customerId, subscriptionId: subscription.id };
}

const auditOf = (entityId: string) =>
  world.database.db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();

const count = (table: string, where: string) => countRows(world.database.db, table, where);

describe('editing an endpoint', () => {
  it('changes URL, event types and description, each edit audited, and sends to the new URL', async () => {
    const other = await startWebhookReceiver(() => 200);
    try {
      const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
      const edited = await owner().update({
        id: endpoint.id,
        patch: {
          url: other.url,
          description: 'Learning app',
          eventTypes: ['subscription.created', 'invoice.paid'],
        },
      });
      expect(edited).toMatchObject({
        url: other.url,
        description: 'Learning app',
        eventTypes: ['subscription.created', 'invoice.paid'],
      });
      await subscribeSomeone('Una Edited');
      await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
      expect(receiver.requests).toHaveLength(0);
      expect(other.requests.map((r) => (JSON.parse(r.rawBody) as { type: string }).type).sort()).toEqual([
        'invoice.paid',
        'subscription.created',
      ]);
      // An edit that changes nothing is not a change: no audit entry.
      await owner().update({ id: endpoint.id, patch: { description: 'Learning app' } });
      expect((await auditOf(endpoint.id)).map((a) => a.action)).toEqual([
        'webhook_endpoint.created',
        'webhook_endpoint.updated',
      ]);
      const [, update] = await auditOf(endpoint.id);
      expect(JSON.parse(update?.before ?? '{}')).toMatchObject({ url: receiver.url, description: '' });
      expect(JSON.parse(update?.after ?? '{}')).toMatchObject({
        url: other.url,
        description: 'Learning app',
      });
    } finally {
      await other.close();
    }
  });

  it('puts a new URL through the SSRF guard and refuses bad input naming the field', async () => {
    const { endpoint } = await webhooksAs(world, 'owner', undefined, live()).create({
      url: 'https://hooks.example.com/in',
      eventTypes: ['invoice.paid'],
    });
    const liveOwner = webhooksAs(world, 'owner', undefined, live());
    for (const url of [receiver.url, 'https://169.254.169.254/latest/meta-data/', 'https://10.1.2.3/x']) {
      const refused = await expectDomainError(
        () => liveOwner.update({ id: endpoint.id, patch: { url } }),
        'INVALID_INPUT',
      );
      expect(refused.data.fieldErrors, url).toHaveProperty('url');
    }
    const bad = (input: unknown) => expectDomainError(() => owner().update(input as never), 'INVALID_INPUT');
    expect((await bad({ id: endpoint.id, patch: { eventTypes: [] } })).data.fieldErrors).toHaveProperty(
      'patch.eventTypes',
    );
    expect((await bad({ id: endpoint.id, patch: {} })).message).toMatch(/at least one of url/);
    expect(
      (await bad({ id: endpoint.id, patch: { description: 'x'.repeat(1_000_000) } })).data.fieldErrors,
    ).toHaveProperty('patch.description');
    expect((await bad({ id: endpoint.id, patch: { secret: 'whsec_mine' } })).message).toBeTruthy();
    await expectDomainError(
      () => owner().update({ id: 'we_00000000000000000000000000', patch: { description: 'x' } }),
      'NOT_FOUND',
    );
    expect((await liveOwner.endpoints())[0]?.url).toBe('https://hooks.example.com/in');
  });
});

describe('deleting an endpoint', () => {
  it('cancels its pending deliveries (never sent), removes its log, and is audited', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    await owner().create({ url: receiver.url, eventTypes: ['subscription.canceled'] });
    await subscribeSomeone('Vic Sent');
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    expect(receiver.requests).toHaveLength(1);
    // Two more events wait to be sent to it.
    await subscribeSomeone('Wes Waiting');
    const { subscriptionId } = await subscribeSomeone('Xia Waiting');
    await world.as('billingA').subscriptions.cancel({ id: subscriptionId, when: 'now' });
    expect(await count('webhook_deliveries', `endpoint_id = '${endpoint.id}' AND status = 'pending'`)).toBe(
      2,
    );

    const deleted = await owner().delete({ id: endpoint.id });
    expect(deleted).toEqual({ id: endpoint.id, cancelledDeliveries: 2 });
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    // Only the other endpoint's event went out; none of the deleted one's.
    expect(receiver.requests.map((r) => (JSON.parse(r.rawBody) as { type: string }).type)).toEqual([
      'subscription.created',
      'subscription.canceled',
    ]);
    for (const table of ['webhook_deliveries', 'webhook_attempts', 'webhook_secrets']) {
      expect(await count(table, `endpoint_id = '${endpoint.id}'`), table).toBe(0);
    }
    expect(await count('webhook_endpoints', `id = '${endpoint.id}'`)).toBe(0);
    // Events only it was sent are gone, but each object's latest stays so its sequence counts on:
    // Xia's creation went (her cancellation is later), Vic's and Wes's stay.
    expect(await count('webhook_events', `type = 'subscription.created'`)).toBe(2);
    expect(await count('webhook_events', `object_id = '${subscriptionId}'`)).toBe(1);
    expect(await owner().endpoints()).toHaveLength(1);
    await expectDomainError(() => owner().deliveries({ endpointId: endpoint.id }), 'NOT_FOUND');
    await expectDomainError(() => owner().delete({ id: endpoint.id }), 'NOT_FOUND');
    const audit = await auditOf(endpoint.id);
    expect(audit.map((a) => a.action)).toEqual(['webhook_endpoint.created', 'webhook_endpoint.deleted']);
    expect(JSON.parse(audit[1]?.before ?? '{}')).toMatchObject({
      url: receiver.url,
      cancelled_pending_deliveries: 2,
    });
    expect(audit[1]?.after).toBeNull();
  });

  it('keeps per-object sequences counting up after the events it was sent are removed', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.updated'] });
    const { subscriptionId } = await subscribeSomeone('Yan Sequenced');
    await owner().delete({ id: endpoint.id });
    await owner().create({ url: receiver.url, eventTypes: ['subscription.canceled'] });
    await world.as('billingA').subscriptions.cancel({ id: subscriptionId, when: 'now' });
    await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
    const [body] = receiver.requests.map((r) => JSON.parse(r.rawBody) as { sequence: number; type: string });
    expect(body?.type).toBe('subscription.canceled');
    expect(body?.sequence).toBeGreaterThan(1);
  });
});
