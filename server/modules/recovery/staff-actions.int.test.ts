import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import {
  attemptsOf,
  eventsOf,
  failingSubscriber,
  invoiceOf,
  manager,
  recoveryRow,
  retryJobsOf,
  setPolicy,
  subscriptionOf,
  TRIAL_END,
} from './recovery.test-kit';

/** What staff can do about a failed invoice, and what each does to its recovery. */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');

describe('pausing recovery for a customer', () => {
  it('stops retries and the final action, ignores a new card, and resumes on schedule', async () => {
    const { clockId, invoiceId, customerId, subscriptionId } = await failingSubscriber(
      world,
      'Paused Pia',
      FAILING_CARD,
    );
    const paused = await manager(world).recovery.pauseCustomer({ customerId });
    expect(paused).toEqual({ customerId, paused: true, invoices: 1 });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({ status: 'paused', next_attempt_at: null });
    expect((await retryJobsOf(world, invoiceId)).map((j) => j.status)).toEqual(['canceled']);
    expect((await invoiceOf(world, invoiceId)).nextAttemptAt).toBeNull();

    await world.advance(clockId, TRIAL_END + 10 * DAY_MS);
    await staff().paymentMethods.add({ customerId, source: '4000 0000 0000 9995' });
    expect(await attemptsOf(world, invoiceId)).toHaveLength(1);
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'past_due' });

    // Resumed on day 10: the schedule goes on from now, 1 day after the last failure.
    const resumed = await manager(world).recovery.resumeCustomer({ customerId });
    expect(resumed).toEqual({ customerId, paused: false, invoices: 1 });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'retrying',
      next_attempt_at: TRIAL_END + 11 * DAY_MS,
    });
    await world.advance(clockId, TRIAL_END + 11 * DAY_MS + 1);
    expect((await attemptsOf(world, invoiceId)).map((a) => a.at)).toEqual([
      TRIAL_END,
      TRIAL_END + 11 * DAY_MS,
    ]);
  });

  it('opens a new failure’s recovery paused', async () => {
    const { customerId, clockId } = await world.customerOnClock('Early Pause', FAILING_CARD);
    await manager(world).recovery.pauseCustomer({ customerId });
    await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 14,
    });
    await world.advance(clockId, TRIAL_END + 5 * DAY_MS);
    const [row] = (await staff().recovery.list({ customerId })).items;
    expect(row).toMatchObject({ status: 'paused', attempts: 1, nextAttemptAt: null });
  });
});

describe('retry now', () => {
  it('charges at once, counts the attempt, and reschedules from it', async () => {
    const { clockId, invoiceId } = await failingSubscriber(world, 'Now Nadia', FAILING_CARD);
    await world.advance(clockId, TRIAL_END + 12 * 3_600_000);
    const result = await manager(world).recovery.retryNow({ invoiceId });
    expect(result).toMatchObject({
      outcome: 'failed',
      failureMessage: 'The card was declined by the issuer.',
      recovery: { attempts: 2, status: 'retrying', nextAttemptAt: TRIAL_END + 12 * 3_600_000 + 2 * DAY_MS },
    });
    // The retry that was due at day 1 is dropped: the invoice has one retry ahead.
    expect((await retryJobsOf(world, invoiceId)).map((j) => [j.runAt - TRIAL_END, j.status])).toEqual([
      [DAY_MS, 'canceled'],
      [12 * 3_600_000 + 2 * DAY_MS, 'pending'],
    ]);
  });

  it('is refused for an invoice not in recovery, and to a tenant role without recovery.manage', async () => {
    const { invoiceId } = await failingSubscriber(world, 'Role Ron', FAILING_CARD);
    await expectDomainError(() => staff().recovery.retryNow({ invoiceId }), 'FORBIDDEN');
    const { customerId } = await world.customerOnClock('Paid Pete', GOOD_CARD);
    const started = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    const seen = await expectDomainError(
      () => manager(world).recovery.retryNow({ invoiceId: started.invoice?.id ?? '' }),
      'INVALID_STATE',
    );
    expect(seen.message).toBe('This invoice is not in recovery; use Pay now on the invoice');
  });
});

describe('closing an invoice in recovery', () => {
  it('void ends the recovery and drops its pending retry', async () => {
    const { invoiceId } = await failingSubscriber(world, 'Void Vera', FAILING_CARD);
    await staff().invoices.void({ id: invoiceId });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({
      status: 'closed_by_staff',
      next_attempt_at: null,
    });
    expect((await retryJobsOf(world, invoiceId)).map((j) => j.status)).toEqual(['canceled']);
    expect(await eventsOf(world, invoiceId, 'invoice.voided')).toEqual([
      expect.objectContaining({ byRecovery: false }),
    ]);
  });

  it('uncollectible ends it too, and the invoice can still be paid out of band', async () => {
    const { clockId, invoiceId } = await failingSubscriber(world, 'Gone Gus', FAILING_CARD);
    await staff().invoices.markUncollectible({ id: invoiceId });
    expect(await recoveryRow(world, invoiceId)).toMatchObject({ status: 'closed_by_staff' });
    await world.advance(clockId, TRIAL_END + 20 * DAY_MS);
    expect(await attemptsOf(world, invoiceId)).toHaveLength(1);
    expect(await eventsOf(world, invoiceId, 'invoice.marked_uncollectible')).toEqual([
      expect.objectContaining({ byRecovery: false }),
    ]);
    const paid = await manager(world).recovery.markPaidOutOfBand({ invoiceId });
    expect(paid.status).toBe('paid');
    // Closed by staff, not lost to recovery: paying it later is not counted as recovered.
    expect(await recoveryRow(world, invoiceId)).toMatchObject({ status: 'closed_by_staff' });
    await expectDomainError(() => manager(world).recovery.markPaidOutOfBand({ invoiceId }), 'INVALID_STATE');
  });
});

describe('the grace period', () => {
  it('ends access when it ends, even while staff hold the recovery', async () => {
    await setPolicy(world, {
      retryBaseHours: 24,
      backoffFactor: 2,
      maxAttempts: 4,
      graceDays: 3,
      finalAction: 'cancel',
    });
    const { clockId, customerId, subscriptionId } = await failingSubscriber(
      world,
      'Grace Greta',
      FAILING_CARD,
    );
    await manager(world).recovery.pauseCustomer({ customerId });
    const check = () => staff().entitlements.check({ customerId, featureKey: 'api.access' });
    expect(await check()).toMatchObject({ allowed: true });
    expect((await staff().entitlements.forCustomer({ customerId })).sources[0]?.label).toBe(
      `Pro plan · subscription ${subscriptionId} (past due, in grace period until Feb 1, 2026)`,
    );
    await world.advance(clockId, TRIAL_END + 3 * DAY_MS + 1);
    expect(await check()).toMatchObject({ allowed: false });
    expect((await staff().entitlements.forCustomer({ customerId })).sources[0]?.label).toBe(
      `Pro plan · subscription ${subscriptionId} (past due, grace period over)`,
    );
    expect(await subscriptionOf(world, subscriptionId)).toMatchObject({ status: 'past_due' });
  });
});

describe('the list of invoices in recovery', () => {
  it('puts the soonest retry first and pages by keys', async () => {
    const first = await failingSubscriber(world, 'List Lea', FAILING_CARD);
    const second = await failingSubscriber(world, 'List Leo', '4000 0000 0000 9979');
    await world.advance(first.clockId, TRIAL_END + 2 * DAY_MS);
    const page1 = await staff().recovery.list({ limit: 1 });
    expect(page1).toMatchObject({
      total: 2,
      items: [
        {
          invoiceId: first.invoiceId,
          customerName: 'List Lea',
          status: 'retrying',
          attempts: 2,
          maxAttempts: 4,
          nextAttemptAt: TRIAL_END + 3 * DAY_MS,
          failedAmount: 999,
        },
      ],
    });
    const page2 = await staff().recovery.list({ limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((i) => [i.invoiceId, i.status, i.nextAttemptAt])).toEqual([
      [second.invoiceId, 'waiting_for_card', null],
    ]);
    expect(page2.nextCursor).toBeNull();
  });
});
