import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextInvoiceNumber } from '../modules/billing/repo/invoices';
import { GOOD_CARD } from '../testing/billing.test-kit';
import { seenByClient } from '../testing/errors.test-kit';
import { raceOn, twoInstances, type TwoInstances } from './instances.test-kit';

/**
 * Decision 109 on two instances sharing one PostgreSQL database: collection per invoice and
 * refunds per payment are serialized by advisory locks (one pending payment, never more
 * refunded than paid), and invoice numbers come from a counter row locked until commit
 * (gapless per tenant).
 */

let race: TwoInstances;
beforeEach(async () => {
  race = await twoInstances();
});
afterEach(async () => {
  await race.close();
});

const seat = { description: 'Workshop seat', quantity: 1, unitAmount: 4500 };

/** What each rejected call told its client, by domain code. */
function refusals(results: PromiseSettledResult<unknown>[]) {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => {
      const seen = seenByClient(r.reason);
      return { code: seen.data.domainCode, message: seen.message };
    });
}

describe('collection of one invoice started on two instances at once', () => {
  it('records one payment at most and asks the gateway for one charge', async () => {
    const { customerId } = await race.world.customerOnClock('Racer', GOOD_CARD);
    const invoices = [];
    for (let i = 0; i < 20; i++) {
      invoices.push(
        await race.one.as('billingA').invoices.createManual({ customerId, currency: 'USD', lines: [seat] }),
      );
    }
    for (const invoice of invoices) {
      race.charges.requested.length = 0;
      const results = await raceOn(race.both, 8, (instance) =>
        instance.as('billingA').invoices.pay({ id: invoice.id }),
      );
      const payments = await race.two.database.db
        .selectFrom('payments')
        .select(['status', 'amount', 'idempotency_key as key'])
        .where('invoice_id', '=', invoice.id)
        .execute();
      // A second attempt (key …:2) would be a second charge of the customer.
      expect(payments).toEqual([{ status: 'succeeded', amount: 4500, key: `charge:${invoice.id}:1` }]);
      expect(race.charges.requested).toHaveLength(1);
      const paid = results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'paid');
      expect(paid).toHaveLength(1);
      // The others were told why, in words: never a database error.
      for (const refusal of refusals(results)) {
        expect(['CONFLICT', 'INVALID_STATE'], refusal.message).toContain(refusal.code);
      }
    }
  });
});

describe('partial refunds of one payment from two instances at once', () => {
  it('never refund more than was paid, and each refused one says how much is left', async () => {
    const { customerId } = await race.world.customerOnClock('Refunded', GOOD_CARD);
    const started = await race.one.as('billingA').subscriptions.create({
      customerId,
      priceId: race.world.catalog.prices.enterpriseMonthlyUsd,
      trialDays: 0,
    });
    const payment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
    if (!payment) throw new Error('expected a paid first invoice');
    expect(payment.amount).toBe(9900);
    // 10 × $20.00 asked against $99.00: four fit, the fifth would pass what was paid.
    const results = await raceOn(race.both, 10, (instance) =>
      instance
        .as('owner', race.world.tenants.A.id)
        .payments.refund({ paymentId: payment.id, amount: 2000, reason: 'requested_by_customer' }),
    );
    const refunds = await race.one.database.db
      .selectFrom('refunds')
      .select(['amount', 'status'])
      .where('payment_id', '=', payment.id)
      .execute();
    const given = refunds.filter((r) => r.status !== 'failed').reduce((sum, r) => sum + r.amount, 0);
    expect(given).toBeLessThanOrEqual(9900);
    expect(refunds).toHaveLength(4);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(refusals(results)).toEqual(
      Array.from({ length: 6 }, () => ({
        code: 'INVALID_INPUT',
        message: 'At most $19.00 of this payment can still be refunded',
      })),
    );
  });
});

describe('invoices finalized on two instances at once', () => {
  it('are numbered 1..N per tenant, with no gap and no duplicate', async () => {
    const { customerId } = await race.world.customerOnClock('Numbered', GOOD_CARD);
    const N = 40;
    const results = await raceOn(race.both, N, (instance) =>
      instance.as('billingA').invoices.createManual({ customerId, currency: 'USD', lines: [seat] }),
    );
    expect(refusals(results)).toEqual([]);
    const rows = await race.one.database.db
      .selectFrom('invoices')
      .select('number')
      .where('tenant_id', '=', race.world.tenants.A.id)
      .execute();
    const numbers = rows.map((r) => r.number).sort();
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
  });
});

describe('the invoice counter drawn by transactions on two instances at once', () => {
  it('hands committed transactions 1..K, a rolled-back draw leaving no gap', async () => {
    // The counter alone: a whole invoice command also takes other locks that would hide its race.
    const tenantId = race.world.tenants.B.id;
    const N = 60;
    const results = await raceOn(race.both, N, (instance, index) =>
      instance.database.db.transaction().execute(async (trx) => {
        const number = await nextInvoiceNumber(trx, tenantId);
        // Held a moment, so the other draws queue behind this one's row lock.
        await new Promise((resolve) => setTimeout(resolve, index % 3));
        if (index % 7 === 3) throw new Error('rolled back');
        return number;
      }),
    );
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(committed.sort()).toEqual(
      Array.from({ length: committed.length }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`),
    );
    expect(committed.length).toBe(N - results.filter((r) => r.status === 'rejected').length);
  });
});
