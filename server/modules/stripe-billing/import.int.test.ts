import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { stripeBillingJobHandlers } from './index';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';

let m: MirrorWorld;
beforeEach(async () => {
  m = await createMirrorWorld();
});
afterEach(() => m.close());

const staff = () => m.world.as('billingA');
const runJobs = () =>
  runDueJobs({
    db: m.world.database.db,
    clock: m.world.clock,
    logger: silentLogger,
    handlers: stripeBillingJobHandlers(m.world.services),
  });
const mirrored = async (table: 'subscriptions' | 'invoices') =>
  Number(
    (
      await m.world.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('tenant_id', '=', m.context.tenantId)
        .where('managed_by', '=', 'stripe')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('importing from Stripe Billing', () => {
  it('pages through 250 subscriptions and their invoices with progress, and a second run adds nothing', async () => {
    const customer = await m.customerWithCard('many@example.com');
    const price = await m.monthlyPrice('Seat', 900);
    for (let i = 0; i < 250; i++) await m.subscribe(customer.id, price.id);
    const [last] = [...m.fake.store.subscriptions.keys()].slice(-1);
    await m.stripe.subscriptions.cancel(last ?? '');

    expect(await staff().stripeBilling.importProgress({})).toBeNull();
    const started = await staff().stripeBilling.startImport({});
    // Asking again while it runs shows the same import.
    expect(await staff().stripeBilling.startImport({})).toEqual(started);
    expect(await staff().stripeBilling.importProgress({})).toMatchObject({ status: 'running', pages: 0 });
    await runJobs();
    const progress = await staff().stripeBilling.importProgress({});
    // 3 pages of subscriptions (100, 100, 50) and 3 of their 250 invoices.
    expect(progress).toMatchObject({
      id: started.id,
      status: 'done',
      pages: 6,
      subscriptions: 250,
      invoices: 250,
      errors: 0,
    });
    const listed = m.fake.requests.filter((r) => r.method === 'GET' && r.path === '/v1/subscriptions');
    expect(listed.map((r) => r.form.limit)).toEqual(['100', '100', '100']);
    expect(listed[0]?.form).toMatchObject({ status: 'all' });
    expect(await mirrored('subscriptions')).toBe(250);
    expect(await mirrored('invoices')).toBe(250);
    const canceled = await m.world.database.db
      .selectFrom('subscriptions')
      .select('status')
      .where('gateway_ref', '=', last ?? '')
      .executeTakeFirstOrThrow();
    expect(canceled.status).toBe('canceled');

    // The customer and the price were made once, however many subscriptions name them.
    const prices = await m.world.database.db
      .selectFrom('prices')
      .select('id')
      .where('gateway_ref', '=', price.id)
      .execute();
    expect(prices).toHaveLength(1);

    const again = await staff().stripeBilling.startImport({});
    expect(again.id).not.toBe(started.id);
    await runJobs();
    expect(await staff().stripeBilling.importProgress({})).toMatchObject({
      status: 'done',
      subscriptions: 250,
    });
    expect(await mirrored('subscriptions')).toBe(250);
    expect(await mirrored('invoices')).toBe(250);
  });

  it('keeps going past an object it cannot mirror, counting the error', async () => {
    const customer = await m.customerWithCard('weekly@example.com');
    const product = await m.stripe.products.create({ name: 'Weekly' }, m.once());
    const weekly = await m.stripe.prices.create(
      { product: product.id, currency: 'usd', unit_amount: 100, recurring: { interval: 'week' } },
      m.once(),
    );
    const monthly = await m.monthlyPrice('Monthly', 500);
    await m.subscribe(customer.id, weekly.id);
    await m.subscribe(customer.id, monthly.id);
    await staff().stripeBilling.startImport({});
    await runJobs();
    const progress = await staff().stripeBilling.importProgress({});
    expect(progress).toMatchObject({
      status: 'done',
      subscriptions: 1,
      errors: expect.any(Number) as number,
    });
    expect(progress?.errors).toBeGreaterThanOrEqual(1);
    expect(progress?.lastError).toMatch(/monthly and yearly prices only/);
  });

  it('refuses to start without a Stripe account', async () => {
    m.world.services.gateways = { ...m.world.services.gateways, stripeApi: () => null };
    await expect(staff().stripeBilling.startImport({})).rejects.toMatchObject({
      message: expect.stringContaining('Connect a Stripe account') as string,
    });
  });
});
