import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { LOG_RETENTION_MS, PRUNE_BATCH, PRUNE_JOB, pruneWebhookLog, webhooksJobHandlers } from './retention';
import { deliverUntilSettled, deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';

const DAY = 24 * 60 * 60 * 1000;

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
const count = (table: string) =>
  (world.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function subscribeAndDeliver(name: string) {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  const { subscription } = await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
  await deliverUntilSettled(world, deliveryDeps(world, recordingNotices()));
  return subscription.id;
}

const runJobs = () =>
  runDueJobs({
    db: world.database.db,
    clock: world.clock,
    logger: silentLogger,
    handlers: webhooksJobHandlers({ db: world.database.db, clock: world.clock }),
  });

describe('the delivery log retention', () => {
  it('prunes deliveries, attempts and events older than 30 days daily, keeping the newer and each object’s latest event', async () => {
    const { endpoint } = await owner().create({
      url: receiver.url,
      eventTypes: ['subscription.created', 'subscription.updated', 'subscription.canceled'],
    });
    const oldSubscription = await subscribeAndDeliver('Old Olga');
    const oldEvents = count('webhook_events');
    expect(oldEvents).toBe(2);
    world.clock.set(world.clock.now() + 20 * DAY);
    await subscribeAndDeliver('Recent Rita');
    expect(count('webhook_deliveries')).toBe(4);

    // Day 31 after the first: the first two deliveries are past the retention.
    world.clock.set(world.clock.now() + 11 * DAY);
    expect(await runJobs()).toBeGreaterThan(0);
    expect(count('webhook_deliveries')).toBe(2);
    expect(count('webhook_attempts')).toBe(2);
    // Olga's older event went; her latest stays (so her subscription's next event is numbered on).
    const left = world.database.sqlite
      .prepare('SELECT object_id, object_seq FROM webhook_events ORDER BY created_at')
      .all() as { object_id: string; object_seq: number }[];
    expect(left.filter((e) => e.object_id === oldSubscription)).toEqual([
      { object_id: oldSubscription, object_seq: 2 },
    ]);
    expect(left).toHaveLength(3);
    const log = await owner().deliveries({ endpointId: endpoint.id });
    expect(log.items).toHaveLength(2);

    // The job scheduled its next run, a day on.
    const next = world.database.sqlite
      .prepare(`SELECT run_at FROM jobs WHERE kind = ? AND status = 'pending'`)
      .all(PRUNE_JOB) as { run_at: number }[];
    expect(next).toEqual([{ run_at: world.clock.now() + DAY }]);

    await world.as('billingA').subscriptions.cancel({ id: oldSubscription, when: 'now' });
    const sequences = world.database.sqlite
      .prepare('SELECT object_seq FROM webhook_events WHERE object_id = ? ORDER BY object_seq')
      .all(oldSubscription) as { object_seq: number }[];
    expect(sequences.map((s) => s.object_seq)).toEqual([2, 3]);
  });

  it('works in batches and stops scheduling itself once the workspace has no endpoint', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    await subscribeAndDeliver('Batch Bea');
    // Many old attempts, as a busy endpoint leaves behind (more than one batch).
    const [delivery] = (await owner().deliveries({ endpointId: endpoint.id })).items;
    const insert = world.database.sqlite.prepare(
      `INSERT INTO webhook_attempts (id, tenant_id, delivery_id, endpoint_id, attempt, at, duration_ms, outcome)
       VALUES (?, ?, ?, ?, ?, ?, 1, 'failed')`,
    );
    const extra = PRUNE_BATCH * 2 + 7;
    for (let i = 0; i < extra; i++) {
      insert.run(`wat_${i}`, world.tenants.A.id, delivery?.id, endpoint.id, i + 2, world.clock.now());
    }
    world.clock.set(world.clock.now() + LOG_RETENTION_MS + 1);
    const pruned = await pruneWebhookLog(world.database.db, world.tenants.A.id, world.clock.now());
    expect(pruned).toEqual({ attempts: extra + 1, deliveries: 1, events: 0 });
    expect(count('webhook_attempts')).toBe(0);

    await owner().delete({ id: endpoint.id });
    world.clock.set(world.clock.now() + 2 * DAY);
    await runJobs();
    const pending = world.database.sqlite
      .prepare(`SELECT count(*) AS n FROM jobs WHERE kind = ? AND status = 'pending'`)
      .get(PRUNE_JOB) as { n: number };
    expect(pending.n).toBe(0);
  });
});
