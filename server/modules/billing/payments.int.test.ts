import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayProvider } from '../../gateways/types';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { ManualClock } from '../../lib/clock';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { START } from '../../testing/world.test-kit';
import { collectInvoice, RECONCILE_AFTER_MS } from './collection';
import { billingDeps } from './deps';
import { billingJobHandlers } from './jobs';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const refunder = () => world.as('owner', world.tenants.A.id);

/** A query's one `total`, a sum: 0 when it summed no rows. */
async function sumOf(query: { executeTakeFirst(): Promise<{ total: number | null } | undefined> }) {
  return Number((await query.executeTakeFirst())?.total ?? 0);
}

const paymentStatuses = (customerId: string) =>
  world.database.db.selectFrom('payments').select('status').where('customer_id', '=', customerId).execute();

async function paidEnterprise(name = 'Payer') {
  const { customerId } = await world.customerOnClock(name, GOOD_CARD);
  const started = await staff().subscriptions.create({
    customerId,
    priceId: world.catalog.prices.enterpriseMonthlyUsd,
    trialDays: 0,
  });
  const payment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
  if (!payment || !started.invoice) throw new Error('expected a paid first invoice');
  return { customerId, payment, invoice: started.invoice };
}

describe('refunds', () => {
  it('refund part, then refuse more than what is left, naming the most that can still go back', async () => {
    const { payment, invoice } = await paidEnterprise();
    const refund = await refunder().payments.refund({
      paymentId: payment.id,
      amount: 2500,
      reason: 'requested_by_customer',
    });
    expect(refund).toMatchObject({ status: 'succeeded', amount: 2500, reason: 'requested_by_customer' });
    const seen = await expectDomainError(
      () => refunder().payments.refund({ paymentId: payment.id, amount: 7401, reason: 'duplicate' }),
      'INVALID_INPUT',
    );
    expect(seen.message).toBe('At most $74.00 of this payment can still be refunded');
    expect(seen.data.fieldErrors?.amount).toBeDefined();
    const rest = await refunder().payments.refund({ paymentId: payment.id, reason: 'duplicate' });
    expect(rest.amount).toBe(7400);
    const detail = await staff().invoices.get({ id: invoice.id });
    expect(detail.invoice.amountRefunded).toBe(9900);
    expect(detail.payments[0]).toMatchObject({ amountRefunded: 9900, refundable: 0 });
    await expectDomainError(
      () => refunder().payments.refund({ paymentId: payment.id, reason: 'duplicate' }),
      'INVALID_STATE',
    );
  });

  it('is refused to roles without payments.refund', async () => {
    const { payment } = await paidEnterprise();
    await expectDomainError(
      () => staff().payments.refund({ paymentId: payment.id, reason: 'duplicate' }),
      'FORBIDDEN',
    );
  });

  it('never give back more than was paid, whatever amounts are asked, even all at once', async () => {
    const { payment } = await paidEnterprise('Property');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6000 }), { minLength: 1, maxLength: 6 }),
        async (amounts) => {
          await Promise.allSettled(
            amounts.map((amount) =>
              refunder().payments.refund({ paymentId: payment.id, amount, reason: 'requested_by_customer' }),
            ),
          );
          const refunded = await sumOf(
            world.database.db
              .selectFrom('refunds')
              .select((eb) => eb.fn.sum<number>('amount').as('total'))
              .where('payment_id', '=', payment.id)
              .where('status', '=', 'succeeded'),
          );
          const charged = await sumOf(
            world.database.db
              .selectFrom('sandbox_charges')
              .select((eb) => eb.fn.sum<number>('amount_refunded').as('total')),
          );
          expect(refunded).toBeLessThanOrEqual(9900);
          expect(charged).toBe(refunded);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('a crash between charging and recording', () => {
  it('is finished by the reconcile job, charging the card once', async () => {
    const { customerId, clockId } = await world.customerOnClock('Crash', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialEndBehavior: 'cancel',
    });
    // The trial ends with the process dying right after the gateway charged the card.
    const wall = new ManualClock(START);
    const real = world.services.gateways;
    const dying: GatewayProvider = {
      name: real.name,
      stripeApi: () => null,
      forTenant: (tenantId) => ({
        ...real.forTenant(tenantId),
        charge: async (input, key) => {
          await real.forTenant(tenantId).charge(input, key);
          throw new Error('the process died');
        },
      }),
    };
    world.services.gateways = dying;
    await world.advance(clockId, START + 15 * 86_400_000);
    world.services.gateways = real;
    expect(await paymentStatuses(customerId)).toEqual([{ status: 'pending' }]);
    expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('trialing');
    // Ten minutes later the reconcile job asks the gateway again, with the same key.
    wall.set(Date.now() + RECONCILE_AFTER_MS + 1);
    const deps = billingDeps(world.services);
    const ran = await runDueJobs({
      db: world.database.db,
      clock: wall,
      logger: silentLogger,
      handlers: billingJobHandlers(deps),
    });
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(await paymentStatuses(customerId)).toEqual([{ status: 'succeeded' }]);
    expect(await world.database.db.selectFrom('sandbox_charges').select('ref').execute()).toHaveLength(1);
    expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('active');
  });

  it('charges once when the same invoice is collected twice at the same moment', async () => {
    const { customerId } = await world.customerOnClock('Double Click', GOOD_CARD);
    const invoice = await staff().invoices.createManual({
      customerId,
      currency: 'USD',
      lines: [{ description: 'Workshop seat', unitAmount: 4500 }],
    });
    expect(invoice.status).toBe('open');
    const deps = billingDeps(world.services);
    const scope = {
      db: world.database.db,
      tenantId: world.tenants.A.id,
      actor: { userId: null, name: 't', client: 'test:t' },
      clock: world.clock,
    };
    const results = await Promise.all([
      collectInvoice(deps, scope, invoice.id),
      collectInvoice(deps, scope, invoice.id),
    ]);
    // One pays; the other waited its turn at the invoice and found either that attempt still
    // pending (SQLite: the first is always mid-charge) or, when the first finished before its
    // turn came (PostgreSQL's pool runs both at once), the invoice paid. Never a second charge.
    const [other, paid] = results.map((r) => r.outcome).sort(); // 'paid' sorts last
    expect(paid).toBe('paid');
    expect(['in_progress', 'nothing_due']).toContain(other);
    expect(await world.database.db.selectFrom('sandbox_charges').select('ref').execute()).toHaveLength(1);
  });
});
