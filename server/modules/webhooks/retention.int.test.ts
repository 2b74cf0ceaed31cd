import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../../tests/support/webhook-receiver';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { LOG_RETENTION_MS, PRUNE_BATCH, PRUNE_JOB, pruneWebhookLog, webhooksJobHandlers } from './retention';
import { deliverUntilSettled, deliveryDeps, recordingNotices, webhooksAs } from './webhooks.test-kit';
import { countRows } from '../../testing/table-counts.test-kit';

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
const count = (table: string) => countRows(world.database.db, table);

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
    const oldEvents = await count('webhook_events');
    expect(oldEvents).toBe(2);
    world.clock.set(world.clock.now() + 20 * DAY);
    await subscribeAndDeliver('Recent Rita');
    expect(await count('webhook_deliveries')).toBe(4);

    // Day 31 after the first: the first two deliveries are past the retention.
    world.clock.set(world.clock.now() + 11 * DAY);
    expect(await runJobs()).toBeGreaterThan(0);
    expect(await count('webhook_deliveries')).toBe(2);
    expect(await count('webhook_attempts')).toBe(2);
    // Olga's older event went; her latest stays (so her subscription's next event is numbered on).
    const left = await world.database.db
      .selectFrom('webhook_events')
      .select(['object_id', 'object_seq'])
      .orderBy('created_at')
      .execute();
    expect(left.filter((e) => e.object_id === oldSubscription)).toEqual([
      { object_id: oldSubscription, object_seq: 2 },
    ]);
    expect(left).toHaveLength(3);
    const log = await owner().deliveries({ endpointId: endpoint.id });
    expect(log.items).toHaveLength(2);

    // The job scheduled its next run, a day on.
    const next = await world.database.db
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', PRUNE_JOB)
      .where('status', '=', 'pending')
      .execute();
    expect(next).toEqual([{ run_at: world.clock.now() + DAY }]);

    await world.as('billingA').subscriptions.cancel({ id: oldSubscription, when: 'now' });
    const sequences = await world.database.db
      .selectFrom('webhook_events')
      .select('object_seq')
      .where('object_id', '=', oldSubscription)
      .orderBy('object_seq')
      .execute();
    expect(sequences.map((s) => s.object_seq)).toEqual([2, 3]);
  });

  it('works in batches and stops scheduling itself once the workspace has no endpoint', async () => {
    const { endpoint } = await owner().create({ url: receiver.url, eventTypes: ['subscription.created'] });
    // A busy endpoint's month: many events about one object, each delivered after a failed try
    // (more than two batches of deliveries and of events).
    const many = PRUNE_BATCH * 2 + 7;
    const tenant = world.tenants.A.id;
    const at = world.clock.now();
    const numbers = Array.from({ length: many }, (_, k) => k + 1);
    const n = (i: number) => String(i).padStart(6, '0');
    // In chunks: one multi-row INSERT per table would pass SQLite's bound-parameter limit.
    await world.database.db.transaction().execute(async (trx) => {
      for (let from = 0; from < many; from += 200) {
        const chunk = numbers.slice(from, from + 200);
        await trx
          .insertInto('webhook_events')
          .values(
            chunk.map((i) => ({
              id: `wev_${n(i)}`,
              tenant_id: tenant,
              type: 'subscription.created',
              object_id: 'sub_busy',
              object_seq: i,
              data: '{}',
              created_at: at,
            })),
          )
          .execute();
        await trx
          .insertInto('webhook_deliveries')
          .values(
            chunk.map((i) => ({
              id: `wdl_${n(i)}`,
              tenant_id: tenant,
              endpoint_id: endpoint.id,
              event_id: `wev_${n(i)}`,
              object_id: 'sub_busy',
              object_seq: i,
              status: 'succeeded',
              attempts: 2,
              created_at: at,
              updated_at: at,
              finished_at: at,
            })),
          )
          .execute();
        await trx
          .insertInto('webhook_attempts')
          .values(
            chunk.flatMap((i) =>
              (['failed', 'succeeded'] as const).map((outcome, k) => ({
                id: `wat_${n(i)}${k === 0 ? 'a' : 'b'}`,
                tenant_id: tenant,
                delivery_id: `wdl_${n(i)}`,
                endpoint_id: endpoint.id,
                attempt: k + 1,
                at,
                duration_ms: 1,
                outcome,
              })),
            ),
          )
          .execute();
      }
    });
    world.clock.set(at + LOG_RETENTION_MS - 1);
    expect(await pruneWebhookLog(world.database.db, tenant, world.clock.now())).toEqual({
      attempts: 0,
      deliveries: 0,
      events: 0,
    });
    world.clock.set(at + LOG_RETENTION_MS + 1);
    const pruned = await pruneWebhookLog(world.database.db, tenant, world.clock.now());
    // All of it but the object's latest event, which keeps its sequence counting on.
    expect(pruned).toEqual({ attempts: many * 2, deliveries: many, events: many - 1 });
    expect(
      await world.database.db
        .selectFrom('webhook_events')
        .select('object_seq')
        .where('object_id', '=', 'sub_busy')
        .execute(),
    ).toEqual([{ object_seq: many }]);

    await owner().delete({ id: endpoint.id });
    world.clock.set(world.clock.now() + 2 * DAY);
    await runJobs();
    expect(await countRows(world.database.db, 'jobs', `kind = '${PRUNE_JOB}' AND status = 'pending'`)).toBe(
      0,
    );
  });
});
