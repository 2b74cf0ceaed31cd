import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import {
  attemptsOf,
  eventsOf,
  failingSubscriber,
  HOUR,
  invoiceOf,
  recoveryRow,
  retryJobsOf,
  setPolicy,
  STOLEN_CARD,
  subscriptionOf,
  TRIAL_END,
} from './recovery.test-kit';

/**
 * Failed-payment recovery on test clocks, end to end through the procedures staff use:
 * each failure schedules the next retry (or the final action) in the transaction that
 * records it, and the clock drives the retries at their own moments.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');

describe('a failing card under the default policy', () => {
  it('is retried after 1 and then 2 more days, each retry a job on the customer’s clock', async () => {
    const { clockId, invoiceId, subscriptionId } = await failingSubscriber(world, 'Retry Rita', FAILING_CARD);
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'past_due' });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      started_at: TRIAL_END,
      failed_amount: 999,
      currency: 'USD',
      next_attempt_at: TRIAL_END + DAY_MS,
      grace_ends_at: TRIAL_END + 14 * DAY_MS,
      last_failure_code: 'card_declined',
    });
    expect(await retryJobsOf(world, invoiceId)).toEqual([
      { runAt: TRIAL_END + DAY_MS, status: 'pending', clock: clockId },
    ]);
    expect((await invoiceOf(world, invoiceId)).nextAttemptAt).toBe(TRIAL_END + DAY_MS);
    expect(await eventsOf(world, invoiceId, 'invoice.payment_failed')).toEqual([
      expect.objectContaining({ attempt: 1, nextAttemptAt: TRIAL_END + DAY_MS, hardDecline: false }),
    ]);

    await world.advance(clockId, TRIAL_END + 2 * DAY_MS);
    expect(await attemptsOf(world, invoiceId)).toEqual([
      { at: TRIAL_END, attempt: 1, status: 'failed', code: 'card_declined' },
      { at: TRIAL_END + DAY_MS, attempt: 2, status: 'failed', code: 'card_declined' },
    ]);
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      attempts: 2,
      next_attempt_at: TRIAL_END + 3 * DAY_MS,
    });
    expect(await retryJobsOf(world, invoiceId)).toEqual([
      { runAt: TRIAL_END + DAY_MS, status: 'done', clock: clockId },
      { runAt: TRIAL_END + 3 * DAY_MS, status: 'pending', clock: clockId },
    ]);
  });

  it('is recovered at once when a working card is attached, and the pending retry is dropped', async () => {
    const { clockId, invoiceId, subscriptionId } = await failingSubscriber(world, 'Card Carl', FAILING_CARD);
    await world.advance(clockId, TRIAL_END + 2 * DAY_MS);
    // Not made the default: the new card is charged all the same, because it came to rescue the invoice.
    await staff().paymentMethods.add({
      customerId: (await subscriptionOf(world, subscriptionId)).customerId,
      source: GOOD_CARD,
    });
    expect((await attemptsOf(world, invoiceId)).map((a) => [a.at, a.attempt, a.status])).toEqual([
      [TRIAL_END, 1, 'failed'],
      [TRIAL_END + DAY_MS, 2, 'failed'],
      [TRIAL_END + 2 * DAY_MS, 3, 'succeeded'],
    ]);
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'recovered',
      recovered_at: TRIAL_END + 2 * DAY_MS,
      recovered_amount: 999,
      recovered_attempt: 3,
      next_attempt_at: null,
    });
    expect((await retryJobsOf(world, invoiceId)).map((j) => j.status)).toEqual(['done', 'canceled']);
    expect(await invoiceOf(world, invoiceId)).toMatchObject({ status: 'paid', nextAttemptAt: null });
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'active' });
    expect(await eventsOf(world, invoiceId, 'invoice.paid')).toEqual([
      expect.objectContaining({ recovered: true }),
    ]);
    expect(await eventsOf(world, invoiceId, 'invoice.recovered')).toEqual([
      expect.objectContaining({ amount: 999, currency: 'USD', attempt: 3 }),
    ]);
  });

  it('exhausts four attempts, warns before the last, then cancels and writes the invoice off', async () => {
    const { clockId, invoiceId, subscriptionId } = await failingSubscriber(world, 'Last Lars', FAILING_CARD);
    await world.advance(clockId, TRIAL_END + 30 * DAY_MS);
    expect((await attemptsOf(world, invoiceId)).map((a) => a.at - TRIAL_END)).toEqual(
      [0, 1, 3, 7].map((d) => d * DAY_MS),
    );
    expect(await eventsOf(world, invoiceId, 'invoice.final_notice')).toEqual([
      expect.objectContaining({
        nextAttemptAt: TRIAL_END + 7 * DAY_MS,
        finalAction: 'cancel',
        amount: 999,
        at: TRIAL_END + 3 * DAY_MS,
      }),
    ]);
    expect((await eventsOf(world, invoiceId, 'invoice.payment_failed')).map((e) => e.nextAttemptAt)).toEqual([
      TRIAL_END + DAY_MS,
      TRIAL_END + 3 * DAY_MS,
      TRIAL_END + 7 * DAY_MS,
      null,
    ]);
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({
      status: 'canceled',
      endedAt: TRIAL_END + 7 * DAY_MS,
    });
    expect(await eventsOf(world, subscriptionId, 'subscription.canceled')).toEqual([
      expect.objectContaining({ reason: 'payment_failed' }),
    ]);
    expect(await invoiceOf(world, invoiceId)).toMatchObject({ status: 'uncollectible', nextAttemptAt: null });
    expect(await eventsOf(world, invoiceId, 'invoice.marked_uncollectible')).toEqual([
      expect.objectContaining({ byRecovery: true }),
    ]);
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'final_action_taken',
      attempts: 4,
      ended_at: TRIAL_END + 7 * DAY_MS,
    });
    const pending = await world.database.db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'pending')
      .where('dedupe_key', 'like', `recovery:${invoiceId}:%`)
      .execute();
    expect(pending).toEqual([]);
  });
});

describe('a tenant whose final action is "unpaid"', () => {
  it('follows its own schedule, then leaves the subscription unpaid until paid out of band', async () => {
    await setPolicy(world, {
      retryBaseHours: 12,
      backoffFactor: 3,
      maxAttempts: 3,
      graceDays: 10,
      finalAction: 'unpaid',
    });
    const { clockId, invoiceId, subscriptionId, customerId } = await failingSubscriber(
      world,
      'Unpaid Uma',
      FAILING_CARD,
    );
    await world.advance(clockId, TRIAL_END + 5 * DAY_MS);
    // 12 hours, then 36 more: attempts at 0, 12 h and 48 h.
    expect((await attemptsOf(world, invoiceId)).map((a) => (a.at - TRIAL_END) / HOUR)).toEqual([0, 12, 48]);
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'unpaid' });
    expect(await invoiceOf(world, invoiceId)).toMatchObject({ status: 'uncollectible' });
    expect(await eventsOf(world, invoiceId, 'invoice.final_notice')).toEqual([
      expect.objectContaining({ finalAction: 'unpaid', nextAttemptAt: TRIAL_END + 48 * HOUR }),
    ]);
    const features = await staff().entitlements.check({ customerId, featureKey: 'api.access' });
    expect(features.allowed).toBe(false);

    const paid = await world.as('owner', world.tenants.A.id).recovery.markPaidOutOfBand({ invoiceId });
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 999 });
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'active' });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'recovered',
      recovered_amount: 999,
      recovered_attempt: null,
    });
    // No money moved at the gateway for it.
    expect((await attemptsOf(world, invoiceId)).filter((a) => a.status === 'succeeded')).toEqual([]);
    expect(await eventsOf(world, invoiceId, 'invoice.paid')).toEqual([
      expect.objectContaining({ paymentId: null, recovered: true }),
    ]);
    expect((await staff().entitlements.check({ customerId, featureKey: 'api.access' })).allowed).toBe(true);
  });
});

describe('a hard decline', () => {
  it('is never retried: recovery waits for a new card until the grace period ends, then cancels', async () => {
    const { clockId, invoiceId, subscriptionId, customerId } = await failingSubscriber(
      world,
      'Stolen Stan',
      STOLEN_CARD,
    );
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'waiting_for_card',
      next_attempt_at: null,
      last_failure_code: 'stolen_card',
    });
    expect(await retryJobsOf(world, invoiceId)).toEqual([]);
    expect(await eventsOf(world, invoiceId, 'invoice.payment_failed')).toEqual([
      expect.objectContaining({ hardDecline: true, nextAttemptAt: null }),
    ]);
    await world.advance(clockId, TRIAL_END + 13 * DAY_MS);
    expect(await attemptsOf(world, invoiceId)).toHaveLength(1);
    const during = await staff().entitlements.forCustomer({ customerId });
    expect(during.sources[0]?.label).toContain('past due, in grace period until Feb 12, 2026');
    expect((await staff().entitlements.check({ customerId, featureKey: 'api.access' })).allowed).toBe(true);

    await world.advance(clockId, TRIAL_END + 15 * DAY_MS);
    expect(await attemptsOf(world, invoiceId)).toHaveLength(1);
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({
      status: 'canceled',
      endedAt: TRIAL_END + 14 * DAY_MS,
    });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({ status: 'final_action_taken' });
    expect((await staff().entitlements.check({ customerId, featureKey: 'api.access' })).allowed).toBe(false);
  });
});
