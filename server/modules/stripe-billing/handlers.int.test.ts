import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { at, createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
});
afterEach(() => m.close());

const tenant = () => m.context.tenantId;
const localSubscription = (ref: string) =>
  m.world.database.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('tenant_id', '=', tenant())
    .where('gateway_ref', '=', ref)
    .executeTakeFirstOrThrow();
const localInvoice = (ref: string) =>
  m.world.database.db
    .selectFrom('invoices')
    .selectAll()
    .where('tenant_id', '=', tenant())
    .where('gateway_ref', '=', ref)
    .executeTakeFirstOrThrow();
const count = async (table: 'subscriptions' | 'invoices' | 'invoice_lines' | 'prices' | 'customers') =>
  Number(
    (
      await m.world.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant())
        .executeTakeFirstOrThrow()
    ).n,
  );

async function stripeSubscription(email = 'ada@example.com', card?: string) {
  const customer = await m.customerWithCard(email, card);
  const price = await m.monthlyPrice('Team', 2900);
  const subscription = await m.subscribe(customer.id, price.id);
  return { customer, price, subscription };
}

describe('customer.subscription.* events', () => {
  it('mirror a new Stripe subscription with its customer and price, marked as Stripe-managed', async () => {
    const { customer, price, subscription } = await stripeSubscription();
    const customersBefore = await count('customers');
    expect(await m.apply(m.lastEvent('customer.subscription.created', subscription.id))).toBe('applied');
    const row = await localSubscription(subscription.id);
    const item = subscription.items.data[0];
    expect(row).toMatchObject({
      managed_by: 'stripe',
      status: 'active',
      quantity: 1,
      currency: 'USD',
      current_period_start: (item?.current_period_start ?? 0) * 1000,
      current_period_end: (item?.current_period_end ?? 0) * 1000,
      cancel_at_period_end: 0,
    });
    const db = m.world.database.db;
    const local = await db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', row.customer_id)
      .executeTakeFirstOrThrow();
    expect(local).toMatchObject({ email: 'ada@example.com', gateway_customer_ref: customer.id });
    expect(await count('customers')).toBe(customersBefore + 1);
    const localPrice = await db
      .selectFrom('prices')
      .selectAll()
      .where('id', '=', row.price_id)
      .executeTakeFirstOrThrow();
    expect(localPrice).toMatchObject({
      amount: 2900,
      currency: 'USD',
      interval: 'month',
      gateway_ref: price.id,
    });
    const plan = await db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', row.plan_id)
      .executeTakeFirstOrThrow();
    expect(plan).toMatchObject({ name: 'Team', gateway_ref: price.product });
  });

  it('follow cancellation at period end, paused collection and the end', async () => {
    const { subscription } = await stripeSubscription();
    await m.apply(m.lastEvent('customer.subscription.created', subscription.id));
    await m.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, m.once());
    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect(await localSubscription(subscription.id)).toMatchObject({
      cancel_at_period_end: 1,
      status: 'active',
    });

    await m.stripe.subscriptions.update(
      subscription.id,
      { cancel_at_period_end: false, pause_collection: { behavior: 'void', resumes_at: 2_000_000_000 } },
      m.once(),
    );
    await m.apply(m.lastEvent('customer.subscription.updated', subscription.id));
    expect(await localSubscription(subscription.id)).toMatchObject({
      status: 'paused',
      cancel_at_period_end: 0,
      resume_at: 2_000_000_000_000,
    });

    await m.stripe.subscriptions.cancel(subscription.id);
    await m.apply(m.lastEvent('customer.subscription.deleted', subscription.id));
    const ended = await localSubscription(subscription.id);
    expect(ended.status).toBe('canceled');
    expect(ended.ended_at).not.toBeNull();
    const history = await m.world.database.db
      .selectFrom('billing_events')
      .select('type')
      .where('subject_id', '=', ended.id)
      .execute();
    expect(history.map((h) => h.type)).toEqual([
      'subscription.created',
      'subscription.updated',
      'subscription.updated',
      'subscription.canceled',
    ]);
  });
});

describe('invoice.payment_* events', () => {
  it('mirror a paid Stripe invoice with Stripe’s number and lines, finalized and linked to its subscription', async () => {
    const { subscription } = await stripeSubscription();
    const event = m.lastEvent('invoice.payment_succeeded', subscription.latest_invoice as string);
    // The invoice arrives before the subscription's own event: the subscription is fetched first.
    expect(await m.apply(event)).toBe('applied');
    const invoice = await localInvoice(subscription.latest_invoice as string);
    const stripeInvoice = event.data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      managed_by: 'stripe',
      status: 'paid',
      number: stripeInvoice.number,
      currency: 'USD',
      total: 2900,
      amount_due: 2900,
      amount_paid: 2900,
      billing_reason: 'subscription_create',
      subscription_id: (await localSubscription(subscription.id)).id,
    });
    const lines = await m.world.database.db
      .selectFrom('invoice_lines')
      .selectAll()
      .where('invoice_id', '=', invoice.id)
      .execute();
    expect(lines).toEqual([expect.objectContaining({ kind: 'plan', amount: 2900, quantity: 1 })]);
    expect(lines[0]?.price_id).toBe((await localSubscription(subscription.id)).price_id);
  });

  it('mirror a failed payment as an open invoice with its attempt and Stripe’s next retry', async () => {
    const { subscription } = await stripeSubscription(
      'bob@example.com',
      'pm_card_visa_chargeDeclinedInsufficientFunds',
    );
    const ref = subscription.latest_invoice as string;
    expect(await m.apply(m.lastEvent('invoice.payment_failed', ref))).toBe('applied');
    const invoice = await localInvoice(ref);
    const stripeInvoice = m.lastEvent('invoice.payment_failed', ref).data.object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: 'open',
      amount_paid: 0,
      attempt_count: 1,
      next_attempt_at: (stripeInvoice.next_payment_attempt ?? 0) * 1000,
    });
    expect((await localSubscription(subscription.id)).status).toBe('incomplete');
    // No billing job of Tollgate's touches it: Stripe retries its own invoices.
    const jobs = await m.world.database.db
      .selectFrom('jobs')
      .select('kind')
      .where('tenant_id', '=', tenant())
      .execute();
    expect(jobs).toEqual([]);
  });

  it('refuse every staff collection action on a mirrored invoice, so Stripe alone charges it', async () => {
    const { subscription } = await stripeSubscription(
      'cy@example.com',
      'pm_card_visa_chargeDeclinedInsufficientFunds',
    );
    const ref = subscription.latest_invoice as string;
    await m.apply(m.lastEvent('invoice.payment_failed', ref));
    const { id } = await localInvoice(ref);
    const charges = () => m.fake.requests.filter((r) => r.path.startsWith('/v1/payment_intents')).length;
    const before = charges();
    const staff = m.world.as('owner');
    for (const action of [
      () => staff.invoices.pay({ id }),
      () => staff.invoices.void({ id }),
      () => staff.invoices.markUncollectible({ id }),
      () => staff.recovery.retryNow({ invoiceId: id }),
      () => staff.recovery.markPaidOutOfBand({ invoiceId: id }),
    ]) {
      const seen = await expectDomainError(action, 'INVALID_STATE');
      expect(seen.message).toMatch(/Stripe Billing collects this invoice/);
    }
    expect(charges()).toBe(before);
    expect(await localInvoice(ref)).toMatchObject({ status: 'open', amount_paid: 0 });
  });
});

describe('ordering and duplicates', () => {
  it('refuses an older snapshot after a newer one: nothing moves back', async () => {
    const { subscription } = await stripeSubscription();
    const created = m.lastEvent('customer.subscription.created', subscription.id);
    await m.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, m.once());
    const updated = m.lastEvent('customer.subscription.updated', subscription.id);
    expect(await m.apply(at(updated, created.created + 10))).toBe('applied');
    expect(await m.apply(at(created, created.created))).toBe('stale');
    expect(await localSubscription(subscription.id)).toMatchObject({ cancel_at_period_end: 1 });
  });

  it('fetches the subscription from Stripe when two different snapshots share a second', async () => {
    const { subscription } = await stripeSubscription();
    const created = m.lastEvent('customer.subscription.created', subscription.id);
    await m.stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true }, m.once());
    const updated = m.lastEvent('customer.subscription.updated', subscription.id);
    // A second before now, so Stripe's answer to the fetch is clearly later than both.
    const second = created.created - 60;
    expect(await m.apply(at(updated, second))).toBe('applied');
    const fetchesBefore = m.fake.requests.filter(
      (r) => r.method === 'GET' && r.path === `/v1/subscriptions/${subscription.id}`,
    ).length;
    // The older-looking snapshot (not canceling) in the same second: Stripe's current object decides.
    expect(await m.apply(at(created, second))).toBe('applied');
    const fetches = m.fake.requests.filter(
      (r) => r.method === 'GET' && r.path === `/v1/subscriptions/${subscription.id}`,
    );
    expect(fetches.length).toBe(fetchesBefore + 1);
    expect(await localSubscription(subscription.id)).toMatchObject({ cancel_at_period_end: 1 });
  });

  it('applies the same event twice harmlessly, without asking Stripe again', async () => {
    const { subscription } = await stripeSubscription();
    const paid = m.lastEvent('invoice.payment_succeeded', subscription.latest_invoice as string);
    await m.apply(paid);
    const counts = [
      await count('subscriptions'),
      await count('invoices'),
      await count('invoice_lines'),
      await count('prices'),
    ];
    const requests = m.fake.requests.length;
    expect(await m.apply(paid)).toBe('applied');
    expect([
      await count('subscriptions'),
      await count('invoices'),
      await count('invoice_lines'),
      await count('prices'),
    ]).toEqual(counts);
    expect(m.fake.requests.length).toBe(requests);
    expect((await localInvoice(subscription.latest_invoice as string)).status).toBe('paid');
  });

  it('does not write an event again when it is run again after its write committed (a crash before the inbox recorded it)', async () => {
    const { subscription } = await stripeSubscription();
    const created = m.lastEvent('customer.subscription.created', subscription.id);
    expect(await m.apply(created)).toBe('applied');
    expect(await m.apply(created)).toBe('applied');
    const row = await localSubscription(subscription.id);
    expect(row.version).toBe(1);
    const writes = await m.world.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', row.id)
      .where('action', '=', 'subscription.mirrored_from_stripe')
      .execute();
    expect(writes).toHaveLength(1);
  });

  it('ignores invoice events for invoices Tollgate issued itself', async () => {
    const { subscription } = await stripeSubscription();
    const paid = m.lastEvent('invoice.payment_succeeded', subscription.latest_invoice as string);
    await m.apply(paid);
    await m.world.database.db
      .updateTable('invoices')
      .set({ managed_by: 'tollgate' })
      .where('gateway_ref', '=', subscription.latest_invoice as string)
      .execute();
    expect(await m.apply(at(paid, paid.created + 1))).toBe('ignored');
  });
});
