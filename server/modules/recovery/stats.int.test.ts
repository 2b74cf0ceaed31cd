import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { failingSubscriber, manager, TRIAL_END } from './recovery.test-kit';

/**
 * The Recovery page's figures, checked against what the payments and invoices say
 * happened: five failed invoices, recovered on attempts 2 and 3, out of band, given up
 * on, and one (in euros) still retrying.
 */

let world: BillingWorld;
beforeAll(async () => {
  world = await createBillingWorld();
  const staff = world.as('billingA');
  const early = await failingSubscriber(world, 'Early Fix', FAILING_CARD);
  await world.advance(early.clockId, TRIAL_END + DAY_MS / 2);
  await staff.paymentMethods.add({ customerId: early.customerId, source: GOOD_CARD });
  const later = await failingSubscriber(world, 'Later Fix', FAILING_CARD);
  await world.advance(later.clockId, TRIAL_END + 2 * DAY_MS);
  await staff.paymentMethods.add({ customerId: later.customerId, source: GOOD_CARD });
  const transfer = await failingSubscriber(world, 'Bank Transfer', FAILING_CARD);
  await manager(world).recovery.markPaidOutOfBand({ invoiceId: transfer.invoiceId });
  const lost = await failingSubscriber(world, 'Lost Cause', FAILING_CARD);
  await world.advance(lost.clockId, TRIAL_END + 8 * DAY_MS);
  const { customerId, clockId } = await world.customerOnClock('Euro Pending', FAILING_CARD);
  await staff.subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyEur,
    trialDays: 14,
  });
  await world.advance(clockId, TRIAL_END + DAY_MS / 2);
});
afterAll(async () => {
  await world?.close();
});

/** Per currency, from the payments table alone: what first failed, and what was paid after. */
async function fromPayments() {
  const { rows } = await sql<{ currency: string; failed: number; recovered: number }>`
    SELECT i.currency,
           sum(first.amount) AS failed,
           sum(CASE WHEN i.status = 'paid' THEN i.amount_paid ELSE 0 END) AS recovered
    FROM invoices i
    JOIN payments first ON first.invoice_id = i.id AND first.attempt_number = 1 AND first.status = 'failed'
    GROUP BY i.currency ORDER BY i.currency`.execute(world.database.db);
  return rows;
}

/** Which attempt paid each recovered invoice (null: no charge paid it). */
async function paidOnAttempt() {
  // Grouped in an outer query: PostgreSQL orders by an output column only by its bare name.
  const { rows } = await sql<{ attempt: number | null; count: number; amount: number }>`
    SELECT attempt, count(*) AS count, sum(amount_paid) AS amount
    FROM (
      SELECT (SELECT attempt_number FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded') AS attempt,
             i.amount_paid
      FROM invoices i
      WHERE i.status = 'paid' AND EXISTS (SELECT 1 FROM payments f WHERE f.invoice_id = i.id AND f.status = 'failed')
    ) recovered
    GROUP BY attempt ORDER BY attempt IS NULL, attempt`.execute(world.database.db);
  return rows;
}

describe('recovery stats', () => {
  it('add up to what the payments say, per currency, with the rate', async () => {
    const stats = await world.as('billingA').recovery.stats({ months: 3 });
    expect(stats.months).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(stats.currencies).toEqual(['EUR', 'USD']);
    const truth = await fromPayments();
    expect(
      stats.totals.map((t) => ({
        currency: t.currency,
        failed: t.failedAmount,
        recovered: t.recoveredAmount,
      })),
    ).toEqual(truth);
    expect(stats.totals).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        failedCount: 1,
        recoveredCount: 0,
        lostCount: 0,
        // Still retrying: not finished, so no rate yet (not 0%).
        rate: null,
        inRecoveryCount: 1,
        inRecoveryAmount: 949,
      }),
      expect.objectContaining({
        currency: 'USD',
        failedCount: 4,
        recoveredCount: 3,
        lostCount: 1,
        lostAmount: 999,
        rate: 0.75,
        inRecoveryCount: 0,
      }),
    ]);
  });

  it('put each failure in the month it first failed', async () => {
    const stats = await world.as('billingA').recovery.stats({ months: 3 });
    expect(stats.byMonth).toEqual([
      expect.objectContaining({ month: '2026-01', currency: 'EUR', failedAmount: 949, recoveredAmount: 0 }),
      expect.objectContaining({
        month: '2026-01',
        currency: 'USD',
        failedAmount: 3996,
        recoveredAmount: 2997,
        rate: 0.75,
      }),
    ]);
  });

  it('say which attempt recovered how much, as the payments do', async () => {
    const stats = await world.as('billingA').recovery.stats({ months: 3 });
    expect(stats.byAttempt.map(({ attempt, count, amount }) => ({ attempt, count, amount }))).toEqual(
      await paidOnAttempt(),
    );
    expect(stats.byAttempt.map((a) => a.attempt)).toEqual([2, 3, null]);
  });

  it('count attempts as the list does: a row recovered on attempt 2 says 2 attempts', async () => {
    const stats = await world.as('billingA').recovery.stats({ months: 3 });
    const recovered = await world.as('billingA').recovery.list({ status: 'recovered' });
    const byList = recovered.items
      .filter((r) => r.recoveredAttempt !== null)
      .map((r) => r.attempts)
      .sort();
    const bySummary = stats.byAttempt.flatMap((a) =>
      a.attempt === null ? [] : Array<number>(a.count).fill(a.attempt),
    );
    expect(byList).toEqual(bySummary);
    expect(byList).toEqual([2, 3]);
  });

  it('list only the chosen currency’s invoices when asked', async () => {
    const staff = world.as('billingA');
    const euros = await staff.recovery.list({ currency: 'EUR' });
    expect(euros.items.map((r) => [r.customerName, r.currency])).toEqual([['Euro Pending', 'EUR']]);
    expect(euros.total).toBe(1);
    const finishedInDollars = await staff.recovery.list({ currency: 'USD', status: 'recovered' });
    expect(finishedInDollars.items.map((r) => r.currency)).toEqual(['USD', 'USD', 'USD']);
    expect((await staff.recovery.list({ currency: 'USD' })).items).toEqual([]);
  });

  it('leave out failures before the months asked for', async () => {
    world.clock.set(TRIAL_END + 70 * DAY_MS);
    const stats = await world.as('billingA').recovery.stats({ months: 1 });
    expect(stats.months).toEqual(['2026-04']);
    expect(stats.byMonth).toEqual([]);
    // Still in recovery, whenever it began.
    expect(stats.totals).toEqual([
      expect.objectContaining({ currency: 'EUR', inRecoveryCount: 1, failedAmount: 0 }),
    ]);
  });
});
