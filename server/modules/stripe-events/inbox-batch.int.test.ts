import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliver, newWebhookSecret, signedDelivery, stripeEvent } from '../../../tests/fakes/stripe/webhooks';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { endpointSecrets, ENDPOINT_SECRET_TTL_MS } from './endpoint-secrets';
import { inboxEvent, type InboxEvent } from './inbox';
import { inboxBatcher } from './inbox-batch';
import { inboxRows, serveWebhooks } from './stripe-events.test-kit';
import { sealStripeSecret } from './sealed-secret';

/**
 * The PostgreSQL webhook path's two savings, checked on both databases: deliveries inserted
 * together (group commit) still get one answer each, and a tenant's secret kept in memory
 * never keeps a rotated secret from working.
 */

let world: TestWorld;

beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

function event(tenantId: string, n: number): InboxEvent {
  const made = stripeEvent('customer.updated', { id: `cus_Batch${n}`, object: 'customer' });
  return inboxEvent(tenantId, made as unknown as Stripe.Event, JSON.stringify(made), 'webhook');
}

describe('inboxBatcher', () => {
  it('answers each delivery of a group: new once, its repeats and stored ones as duplicates', async () => {
    const tenantId = world.tenants.A.id;
    // One insert at a time, so everything sent while the first is in flight goes as one group.
    const batcher = inboxBatcher(world.database.db, { inFlight: 1 });
    const events = Array.from({ length: 30 }, (_, n) => event(tenantId, n));
    const already = events[0] as InboxEvent;
    expect(await batcher.insert(already, world.clock.now())).toBe(true);
    const sent = [...events, ...events.slice(0, 10)];
    const answers = await Promise.all(sent.map((e) => batcher.insert(e, world.clock.now())));
    // Each event id answered "new" exactly once, except the one stored before: never.
    const stored = sent.filter((_, n) => answers[n]).map((e) => e.eventId);
    expect(stored.sort()).toEqual(
      events
        .slice(1)
        .map((e) => e.eventId)
        .sort(),
    );
    const rows = await inboxRows(world, tenantId);
    expect(rows.map((row) => row.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('fails only the delivery whose row cannot be stored, not the others of its group', async () => {
    const batcher = inboxBatcher(world.database.db, { inFlight: 1 });
    const good = Array.from({ length: 5 }, (_, n) => event(world.tenants.A.id, n));
    // No such tenant: the foreign key refuses this row.
    const bad = event('ten_01JZZZZZZZZZZZZZZZZZZZZZZZ', 99);
    const answers = await Promise.allSettled(
      [good[0], bad, ...good.slice(1)].map((e) => batcher.insert(e as InboxEvent, world.clock.now())),
    );
    expect(answers.map((a) => a.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await inboxRows(world, world.tenants.A.id)).toHaveLength(5);
  });
});

describe('endpointSecrets', () => {
  it('answers from memory within the TTL and reads the database again after it', async () => {
    const tenantId = world.tenants.A.id;
    const secret = newWebhookSecret();
    await world.as('owner', tenantId).stripeEvents.setSecret({ secret });
    const secrets = endpointSecrets(world.database.db, world.clock);
    expect(await secrets.cached(tenantId)).toEqual({ secret, fromMemory: false });
    await world.database.db
      .deleteFrom('stripe_webhook_endpoints')
      .where('tenant_id', '=', tenantId)
      .execute();
    expect(await secrets.cached(tenantId)).toEqual({ secret, fromMemory: true });
    expect(await secrets.fresh(tenantId)).toBeUndefined();
    // fresh() forgot the removed secret; an unknown tenant is never answered from memory.
    expect(await secrets.cached(tenantId)).toEqual({ secret: undefined, fromMemory: false });
  });

  it('forgets a secret once the TTL has passed', async () => {
    const tenantId = world.tenants.A.id;
    await world.as('owner', tenantId).stripeEvents.setSecret({ secret: newWebhookSecret() });
    const secrets = endpointSecrets(world.database.db, world.clock);
    await secrets.cached(tenantId);
    const rotated = newWebhookSecret();
    await world.as('owner', tenantId).stripeEvents.setSecret({ secret: rotated });
    world.clock.advance(ENDPOINT_SECRET_TTL_MS);
    expect(await secrets.cached(tenantId)).toEqual({ secret: rotated, fromMemory: false });
  });
});

describe('a rotated secret, through the endpoint', () => {
  it('is honoured at once, and the previous one refused, though the old one was in memory', async () => {
    const tenantId = world.tenants.A.id;
    const before = newWebhookSecret();
    await world.as('owner', tenantId).stripeEvents.setSecret({ secret: before });
    const server = await serveWebhooks(world);
    try {
      const endpoint = server.endpoint(tenantId);
      const nowSeconds = () => Math.floor(world.clock.now() / 1000);
      const customer = (n: number) =>
        stripeEvent('customer.updated', { id: `cus_Rot${n}`, object: 'customer' });
      const first = await deliver(endpoint, signedDelivery(customer(1), before, { timestamp: nowSeconds() }));
      expect(first.status).toBe(200);
      // Rotated as another instance would: straight in the database, behind this one's memory.
      const after = newWebhookSecret();
      await world.database.db
        .updateTable('stripe_webhook_endpoints')
        .set({ secret: sealStripeSecret(tenantId, after) })
        .where('tenant_id', '=', tenantId)
        .execute();
      const withNew = await deliver(
        endpoint,
        signedDelivery(customer(2), after, { timestamp: nowSeconds() }),
      );
      expect(withNew).toEqual({ status: 200, body: { received: true } });
      const withOld = await deliver(
        endpoint,
        signedDelivery(customer(3), before, { timestamp: nowSeconds() }),
      );
      expect(withOld).toEqual({ status: 400, body: { error: 'signature does not match' } });
      const stored = (await inboxRows(world, tenantId)).map((row) => row.object_id);
      expect(stored.sort()).toEqual(['cus_Rot1', 'cus_Rot2']);
    } finally {
      await server.stop();
    }
  });
});
