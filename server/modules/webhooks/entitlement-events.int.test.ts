import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../../shared/webhooks/event-types';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';
import { webhooksAs } from './webhooks.test-kit';

/**
 * Every path that changes what a customer is entitled to, or a subscription's status, emits
 * its events once, in the change's own transaction: counted here per path from the events
 * table (an event exists only if its change committed; triggers and the catalog's call write
 * them inside the command's transaction). Paths that change neither emit no entitlements event.
 */

let world: BillingWorld;

beforeEach(async () => {
  world = await createBillingWorld();
  await webhooksAs(world, 'owner').create({
    url: 'http://127.0.0.1:1/never-called',
    eventTypes: [...WEBHOOK_EVENT_TYPES],
  });
});
afterEach(() => world.close());

const staff = () => world.as('billingA');
const owner = () => world.as('owner', world.tenants.A.id);

interface Emitted {
  type: string;
  object_id: string;
  data: string;
}

/** The events `work` caused, in order. */
async function emittedBy(work: () => Promise<unknown>): Promise<Emitted[]> {
  // rowid: SQLite's implicit one, an explicit identity column on PostgreSQL (insertion order on both).
  const db = world.database.db;
  const { m: mark } = await db
    .selectFrom('webhook_events')
    .select(sql<number>`coalesce(max(rowid), 0)`.as('m'))
    .executeTakeFirstOrThrow();
  await work();
  return db
    .selectFrom('webhook_events')
    .select(['type', 'object_id', 'data'])
    .where(sql<boolean>`rowid > ${mark}`)
    .orderBy(sql`rowid`)
    .execute();
}

const about = (events: Emitted[], objectId: string) =>
  events.filter((e) => e.object_id === objectId).map((e) => e.type);
const entitlementData = (events: Emitted[], customerId: string) =>
  events
    .filter((e) => e.object_id === customerId && e.type === 'entitlements.updated')
    .map((e) => (JSON.parse(e.data) as { object: Record<string, unknown> }).object);

const plans = async () => (await owner().catalog.overview()).products.flatMap((p) => p.plans);

async function subscriber(name: string, options: { card?: string; trialDays?: number } = {}) {
  const customer = await world.customerOnClock(name, options.card ?? GOOD_CARD);
  const { subscription } = await staff().subscriptions.create({
    customerId: customer.customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: options.trialDays ?? 0,
  });
  return { ...customer, subscription };
}

describe('entitlements.updated and subscription events, per path', () => {
  it('create, paid at once: access starts once', async () => {
    let customerId = '';
    let subscriptionId = '';
    const events = await emittedBy(async () => {
      const s = await subscriber('Ana Create');
      customerId = s.customerId;
      subscriptionId = s.subscription.id;
    });
    expect(about(events, customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(events, customerId)[0]).toMatchObject({
      status: 'active',
      previous_status: 'incomplete',
    });
    expect(about(events, subscriptionId)).toEqual(['subscription.created', 'subscription.updated']);
    // Its first invoice: finalized and paid, once each.
    const invoiceEvents = events.filter((e) => e.object_id.startsWith('inv_')).map((e) => e.type);
    expect(invoiceEvents).toEqual(['invoice.finalized', 'invoice.paid']);
  });

  it('create with a trial: access starts once, at creation', async () => {
    let customerId = '';
    const events = await emittedBy(async () => {
      customerId = (await subscriber('Bo Trial', { trialDays: 14 })).customerId;
    });
    expect(about(events, customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(events, customerId)[0]).toMatchObject({
      status: 'trialing',
      previous_status: null,
    });
  });

  it('change plan now: once; at period end: nothing until the period ends, then once', async () => {
    const s = await subscriber('Cy Upgrade');
    const now = await emittedBy(() =>
      staff().subscriptions.changePlan({
        id: s.subscription.id,
        priceId: world.catalog.prices.enterpriseMonthlyUsd,
        quantity: 1,
        timing: 'now',
        expectedVersion: s.subscription.version,
      }),
    );
    expect(about(now, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(now, s.customerId)[0]).toMatchObject({
      plan: world.catalog.plans.enterprise,
      previous_plan: world.catalog.plans.pro,
    });
    expect(about(now, s.subscription.id)).toEqual(['subscription.updated']);

    const current = (await staff().subscriptions.get({ id: s.subscription.id })).subscription;
    const scheduled = await emittedBy(() =>
      staff().subscriptions.changePlan({
        id: s.subscription.id,
        priceId: world.catalog.prices.proMonthlyUsd,
        quantity: 1,
        timing: 'period_end',
        expectedVersion: current.version,
      }),
    );
    expect(about(scheduled, s.customerId)).toEqual([]);
    const atEnd = await emittedBy(() => world.advance(s.clockId, current.currentPeriodEnd + 1000));
    expect(about(atEnd, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(atEnd, s.customerId)[0]).toMatchObject({ plan: world.catalog.plans.pro });
  });

  it('cancel now: once, with subscription.canceled', async () => {
    const s = await subscriber('Di Cancel');
    const events = await emittedBy(() =>
      staff().subscriptions.cancel({ id: s.subscription.id, when: 'now' }),
    );
    expect(about(events, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(events, s.customerId)[0]).toMatchObject({
      status: 'canceled',
      previous_status: 'active',
    });
    expect(about(events, s.subscription.id)).toEqual(['subscription.canceled']);
  });

  it('cancel at period end: subscription.updated now, access ends once at the period end', async () => {
    const s = await subscriber('Ed Later');
    const now = await emittedBy(() =>
      staff().subscriptions.cancel({ id: s.subscription.id, when: 'period_end' }),
    );
    expect(about(now, s.customerId)).toEqual([]);
    expect(about(now, s.subscription.id)).toEqual(['subscription.updated']);
    const end = (await staff().subscriptions.get({ id: s.subscription.id })).subscription.currentPeriodEnd;
    const atEnd = await emittedBy(() => world.advance(s.clockId, end + 1000));
    expect(about(atEnd, s.customerId)).toEqual(['entitlements.updated']);
    expect(about(atEnd, s.subscription.id)).toEqual(['subscription.canceled']);
  });

  it('pause and resume: once each', async () => {
    const s = await subscriber('Flo Pause');
    const paused = await emittedBy(() => staff().subscriptions.pause({ id: s.subscription.id }));
    expect(about(paused, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(paused, s.customerId)[0]).toMatchObject({ status: 'paused' });
    expect(about(paused, s.subscription.id)).toEqual(['subscription.updated']);
    const resumed = await emittedBy(() => staff().subscriptions.resume({ id: s.subscription.id }));
    expect(about(resumed, s.customerId)).toEqual(['entitlements.updated']);
    expect(about(resumed, s.subscription.id)).toEqual(['subscription.updated']);
  });

  it('a renewal at period end changes no access: no entitlements event', async () => {
    const s = await subscriber('Gil Renew');
    const end = (await staff().subscriptions.get({ id: s.subscription.id })).subscription.currentPeriodEnd;
    const events = await emittedBy(() => world.advance(s.clockId, end + 1000));
    expect(about(events, s.customerId)).toEqual([]);
    expect(events.map((e) => e.type)).toContain('invoice.paid');
  });

  it("recovery's final action ends access once; going past due within grace does not", async () => {
    await owner().recovery.updatePolicy({
      retryBaseHours: 24,
      backoffFactor: 2,
      maxAttempts: 2,
      graceDays: 5,
      finalAction: 'cancel',
    });
    const s = await subscriber('Hal Declined', { card: FAILING_CARD, trialDays: 14 });
    const trialEnd = START + 14 * DAY_MS;
    const pastDue = await emittedBy(() => world.advance(s.clockId, trialEnd + 60 * 60 * 1000));
    expect(about(pastDue, s.customerId)).toEqual([]);
    expect(about(pastDue, s.subscription.id)).toEqual(['subscription.updated']);
    // The trial's end invoice: finalized, then its one failed charge.
    const invoiceEvents = pastDue.filter((e) => e.object_id.startsWith('inv_')).map((e) => e.type);
    expect(invoiceEvents).toEqual(['invoice.finalized', 'invoice.payment_failed']);
    const final = await emittedBy(() => world.advance(s.clockId, trialEnd + 6 * DAY_MS));
    expect(about(final, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(final, s.customerId)[0]).toMatchObject({
      status: 'canceled',
      previous_status: 'past_due',
    });
    expect(about(final, s.subscription.id)).toEqual(['subscription.canceled']);
  });
});

describe('entitlements.updated when a grace period runs out while recovery is paused', () => {
  it('is sent once at the grace end, though the subscription row does not change', async () => {
    await owner().recovery.updatePolicy({
      retryBaseHours: 24,
      backoffFactor: 2,
      maxAttempts: 4,
      graceDays: 3,
      finalAction: 'cancel',
    });
    const s = await subscriber('Ida Grace', { card: FAILING_CARD, trialDays: 14 });
    const trialEnd = START + 14 * DAY_MS;
    const pastDue = await emittedBy(() => world.advance(s.clockId, trialEnd + 60 * 60 * 1000));
    expect(about(pastDue, s.customerId)).toEqual([]);
    // Staff hold the recovery (talking to the customer): no retry, no final action.
    await owner().recovery.pauseCustomer({ customerId: s.customerId });
    const graceEnd = await emittedBy(() => world.advance(s.clockId, trialEnd + 4 * DAY_MS));
    expect(about(graceEnd, s.customerId)).toEqual(['entitlements.updated']);
    expect(entitlementData(graceEnd, s.customerId)[0]).toMatchObject({
      reason: 'grace_period_ended',
      subscription: s.subscription.id,
      status: 'past_due',
    });
    expect(about(graceEnd, s.subscription.id)).toEqual([]);
  });
});

describe('entitlements.updated from catalog edits', () => {
  it("editing a plan's features: once per customer it grants, none for a name edit", async () => {
    const a = await subscriber('Ivy Pro');
    const b = await subscriber('Jo Pro');
    const gone = await subscriber('Kit Gone');
    await staff().subscriptions.cancel({ id: gone.subscription.id, when: 'now' });
    const plan = (await plans()).find((p) => p.id === world.catalog.plans.pro);
    if (!plan) throw new Error('no Pro plan');
    const events = await emittedBy(() =>
      owner().catalog.updatePlan({
        id: plan.id,
        expectedVersion: plan.version,
        patch: { features: { ...plan.features, 'courses.max': 60 } },
      }),
    );
    expect(events.map((e) => e.object_id).sort()).toEqual([a.customerId, b.customerId].sort());
    expect(entitlementData(events, a.customerId)[0]).toMatchObject({
      reason: 'plan.features_changed',
      subscription: a.subscription.id,
      plan: plan.id,
    });
    const renamed = await emittedBy(() =>
      owner().catalog.updatePlan({ id: plan.id, expectedVersion: plan.version + 1, patch: { name: 'Pro+' } }),
    );
    expect(renamed).toEqual([]);
  });

  it('changing the default plan or its features: once per customer without a granting subscription', async () => {
    const paying = await subscriber('Lu Paying');
    const free = await world.customerOnClock('Mo Free');
    const before = await plans();
    const freePlan = before.find((p) => p.id === world.catalog.plans.free);
    if (!freePlan) throw new Error('no Free plan');
    const edited = await emittedBy(() =>
      owner().catalog.updatePlan({
        id: freePlan.id,
        expectedVersion: freePlan.version,
        patch: { features: { ...freePlan.features, 'courses.max': 4 } },
      }),
    );
    expect(about(edited, free.customerId)).toEqual(['entitlements.updated']);
    expect(about(edited, paying.customerId)).toEqual([]);
    const swapped = await emittedBy(() => owner().catalog.setDefaultPlan({ id: world.catalog.plans.pro }));
    expect(about(swapped, free.customerId)).toEqual(['entitlements.updated']);
    expect(about(swapped, paying.customerId)).toEqual([]);
    expect(entitlementData(swapped, free.customerId)[0]).toMatchObject({
      reason: 'plan.default_changed',
      plan: world.catalog.plans.pro,
      previous_plan: world.catalog.plans.free,
    });
  });
});
