import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingJobHandlers, billingDeps } from '../billing';
import { runDueJobs } from '../../jobs/runner';
import { scheduleJob } from '../../jobs/store';
import { silentLogger } from '../../lib/logger';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

/**
 * Staff actions on a Stripe-managed subscription go to Stripe with our idempotency key
 * and change nothing locally until the event that follows is applied.
 */

let m: MirrorWorld;
let subscription: Stripe.Subscription;
let localId: string;
beforeEach(async () => {
  m = await createMirrorWorld();
  const customer = await m.customerWithCard('staff@example.com');
  const price = await m.monthlyPrice('Team', 2900);
  subscription = await m.subscribe(customer.id, price.id);
  await m.apply(m.lastEvent('customer.subscription.created', subscription.id));
  localId = (await local()).id;
});
afterEach(() => m.close());

const local = () =>
  m.world.database.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('gateway_ref', '=', subscription.id)
    .executeTakeFirstOrThrow();
const staff = () => m.world.as('billingA');
const lastWrite = () => m.fake.requests.filter((r) => r.method !== 'GET').at(-1);

describe('staff actions on a Stripe-managed subscription', () => {
  it('cancel at period end: sent to Stripe, waiting until the webhook confirms it', async () => {
    await staff().subscriptions.cancel({ id: localId, when: 'period_end' });
    const sent = lastWrite();
    expect(sent).toMatchObject({
      method: 'POST',
      path: `/v1/subscriptions/${subscription.id}`,
      form: { cancel_at_period_end: 'true' },
      status: 200,
    });
    expect(sent?.headers['idempotency-key']).toMatch(
      new RegExp(`^tollgate:.*:${localId}:cancel_at_period_end:`),
    );
    expect((await local()).cancel_at_period_end).toBe(0);
    const waiting = await staff().subscriptions.get({ id: localId });
    expect(waiting.stripe).toMatchObject({
      ref: subscription.id,
      waiting: true,
      lastRequest: { status: 'sent' },
    });
    expect(waiting.actions).toEqual([]);

    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect((await local()).cancel_at_period_end).toBe(1);
    const confirmed = await staff().subscriptions.get({ id: localId });
    expect(confirmed.stripe).toMatchObject({ waiting: false, lastRequest: { status: 'confirmed' } });
    expect(confirmed.actions).toContain('undo_cancel_at_period_end');

    await staff().subscriptions.undoCancel({ id: localId });
    expect(lastWrite()?.form).toEqual({ cancel_at_period_end: 'false' });
  });

  it('pause collection and resume, cancel now: Stripe’s parameters, then the events move local state', async () => {
    const resumeAt = Date.UTC(2030, 0, 1);
    await staff().subscriptions.pause({ id: localId, resumeAt });
    expect(lastWrite()?.form).toEqual({
      pause_collection: { behavior: 'void', resumes_at: String(resumeAt / 1000) },
    });
    expect((await local()).status).toBe('active');
    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect((await local()).status).toBe('paused');

    await staff().subscriptions.resume({ id: localId });
    expect(lastWrite()?.form).toEqual({ pause_collection: '' });
    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect((await local()).status).toBe('active');

    await staff().subscriptions.cancel({ id: localId, when: 'now', prorate: false });
    expect(lastWrite()).toMatchObject({ method: 'DELETE', path: `/v1/subscriptions/${subscription.id}` });
    expect((await local()).status).toBe('active');
    await m.apply(m.lastEvent('customer.subscription.deleted', subscription.id));
    expect((await local()).status).toBe('canceled');
  });

  it('changes the price with Stripe prorations; a Tollgate price is refused naming the field', async () => {
    const bigger = await m.monthlyPrice('Team Plus', 4900);
    // The price must be known locally: the import or an event brings Stripe's prices in.
    const other = await m.customerWithCard('other@example.com');
    const carrier = await m.subscribe(other.id, bigger.id);
    await m.apply(m.lastEvent('customer.subscription.created', carrier.id));
    const localBigger = await m.world.database.db
      .selectFrom('prices')
      .select('id')
      .where('gateway_ref', '=', bigger.id)
      .executeTakeFirstOrThrow();
    const before = await local();
    const result = await staff().subscriptions.changePlan({
      id: localId,
      priceId: localBigger.id,
      quantity: 2,
      expectedVersion: before.version,
    });
    expect(result.invoice).toBeNull();
    expect(lastWrite()?.form).toEqual({
      items: [{ id: subscription.items.data[0]?.id, price: bigger.id, quantity: '2' }],
      proration_behavior: 'create_prorations',
    });
    expect((await local()).price_id).toBe(before.price_id);
    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect(await local()).toMatchObject({ price_id: localBigger.id, quantity: 2 });

    const writes = m.fake.requests.length;
    await expect(
      staff().subscriptions.changePlan({
        id: localId,
        priceId: m.world.catalog.prices.proMonthlyUsd,
        quantity: 1,
        expectedVersion: (await local()).version,
      }),
    ).rejects.toMatchObject({
      cause: { code: 'INVALID_INPUT', fieldErrors: { priceId: [expect.any(String) as string] } },
    });
    expect(m.fake.requests.length).toBe(writes);
  });

  it('sends a repeated click once: the same key, answered from Stripe’s idempotency layer', async () => {
    await staff().subscriptions.cancel({ id: localId, when: 'period_end' });
    await staff().subscriptions.cancel({ id: localId, when: 'period_end' });
    const writes = m.fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscription.id}`,
    );
    expect(writes.map((w) => w.replayed)).toEqual([false, true]);
    const requests = await m.world.database.db
      .selectFrom('stripe_subscription_requests')
      .selectAll()
      .execute();
    expect(requests).toHaveLength(1);
  });

  it('says what Stripe refused, and records the request as failed', async () => {
    m.fake.failNext({ status: 400, type: 'invalid_request_error', message: 'No such subscription' });
    await expect(staff().subscriptions.cancel({ id: localId, when: 'period_end' })).rejects.toMatchObject({
      message: 'Stripe refused the change: No such subscription',
    });
    const detail = await staff().subscriptions.get({ id: localId });
    expect(detail.stripe).toMatchObject({
      waiting: false,
      lastRequest: { status: 'failed', error: 'No such subscription' },
    });
  });
});

describe('billing jobs and Stripe-managed subscriptions', () => {
  it('a renewal job never renews, invoices or charges a Stripe-managed subscription', async () => {
    const before = await local();
    const db = m.world.database.db;
    await scheduleJob(
      db,
      {
        tenantId: m.context.tenantId,
        kind: 'subscription.period_end',
        runAt: m.world.clock.now(),
        payload: { subscriptionId: localId, periodEnd: before.current_period_end },
        dedupeKey: `test:period_end:${localId}`,
        testClockId: null,
      },
      m.world.clock.now(),
    );
    const invoicesBefore = await db.selectFrom('invoices').select('id').execute();
    const ran = await runDueJobs({
      db,
      clock: m.world.clock,
      logger: silentLogger,
      handlers: billingJobHandlers(billingDeps(m.world.services)),
    });
    expect(ran).toBe(1);
    expect(await local()).toEqual(before);
    expect(await db.selectFrom('invoices').select('id').execute()).toEqual(invoicesBefore);
    expect(m.fake.requests.filter((r) => r.path === '/v1/payment_intents')).toEqual([]);
  });
});
