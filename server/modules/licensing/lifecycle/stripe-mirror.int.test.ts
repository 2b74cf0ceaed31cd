import { afterEach, beforeEach, expect, it } from 'vitest';
// The mirror's test kit (the Stripe fake and its events) is what this test needs; a test kit is
// not part of a module's index (it never ships), as in analytics' stripe-movements test.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createMirrorWorld, type MirrorWorld } from '../../stripe-billing/stripe-billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { SUBSCRIPTION_POLICY, licenseRow, seedLicense, seedPolicy } from '../licensing.test-kit';

/** A Stripe Billing subscription's licenses follow its mirror's writes, as Tollgate's own do. */

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
});
afterEach(() => m.close());

it('a mirrored cancel at period end sets the license’s expiry, and the end expires it', async () => {
  const db = m.world.database.db;
  const customer = await m.customerWithCard('ada@example.com');
  const price = await m.monthlyPrice('Team', 2900);
  const subscription = await m.subscribe(customer.id, price.id);
  await m.apply(m.lastEvent('customer.subscription.created', subscription.id));
  const local = await db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .select([
      'subscriptions.id',
      'subscriptions.customer_id',
      'subscriptions.current_period_end',
      'plans.id as plan_id',
      'plans.product_id',
    ])
    .where('subscriptions.gateway_ref', '=', subscription.id)
    .executeTakeFirstOrThrow();
  const tenantId = m.context.tenantId;
  const policy = await seedPolicy(db, {
    ...SUBSCRIPTION_POLICY,
    tenantId,
    productId: local.product_id,
    plan_id: local.plan_id,
    now: START,
  });
  const {
    license: { id: licenseId },
  } = await seedLicense(db, {
    customerId: local.customer_id,
    policy,
    subscription_id: local.id,
    expires_at: null,
    now: START,
  });

  await m.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, m.once());
  await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
  expect((await licenseRow(db, licenseId)).expires_at).toBe(local.current_period_end);

  await m.stripe.subscriptions.cancel(subscription.id, {}, m.once());
  await m.apply(m.lastEvent('customer.subscription.deleted', subscription.id));
  const ended = await db
    .selectFrom('subscriptions')
    .select('ended_at')
    .where('id', '=', local.id)
    .executeTakeFirstOrThrow();
  expect(ended.ended_at).not.toBeNull();
  expect((await licenseRow(db, licenseId)).expires_at).toBe(ended.ended_at);
  const effects = await db
    .selectFrom('audit_log')
    .select('after')
    .where('entity_id', '=', licenseId)
    .orderBy('seq')
    .execute();
  expect(effects.map((e) => (JSON.parse(e.after ?? '{}') as { effects: string[] }).effects)).toEqual([
    ['expires_at_period_end'],
    ['ended'],
  ]);
});
