import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundary, DAY_MS } from '../../../../shared/billing/periods';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../../testing/billing.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { START } from '../../../testing/world.test-kit';

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const HOUR = 3_600_000;
const staff = () => world.as('billingA');
const invoicesOf = async (subscriptionId: string) =>
  (await staff().invoices.list({ subscriptionId })).items.reverse();

describe('starting a subscription', () => {
  it('refuses a paid plan without trial or card, naming the field', async () => {
    const { customerId } = await world.customerOnClock('No Card');
    const seen = await expectDomainError(
      () =>
        staff().subscriptions.create({
          customerId,
          priceId: world.catalog.prices.proMonthlyUsd,
          trialDays: 0,
        }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.paymentMethodId).toBeDefined();
  });

  it('starts a free plan active with a paid $0 invoice, no card needed', async () => {
    const { customerId } = await world.customerOnClock('Free Rider');
    const started = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.freeMonthlyUsd,
    });
    expect(started.subscription.status).toBe('active');
    expect(started.invoice).toMatchObject({ status: 'paid', total: 0 });
  });

  it('stays incomplete when the first charge fails, and lapses after 23 hours with the invoice voided', async () => {
    const { customerId, clockId } = await world.customerOnClock('Declined', FAILING_CARD);
    const started = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    expect(started.subscription.status).toBe('incomplete');
    expect(started.payment).toMatchObject({ outcome: 'failed', payment: { failureCode: 'card_declined' } });
    await world.advance(clockId, START + 24 * HOUR);
    const { subscription } = await staff().subscriptions.get({ id: started.subscription.id });
    expect(subscription).toMatchObject({ status: 'canceled', endedAt: START + 23 * HOUR });
    expect((await invoicesOf(subscription.id)).map((i) => i.status)).toEqual(['void']);
  });

  it('refuses a second currency for one customer', async () => {
    const { customerId } = await world.customerOnClock('Two Currencies', GOOD_CARD);
    await staff().subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd });
    const seen = await expectDomainError(
      () => staff().subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyEur }),
      'INVALID_INPUT',
    );
    expect(seen.message).toMatch(/already pays in USD/);
  });
});

describe('trials ending without a card', () => {
  it('cancel when the subscription says so', async () => {
    const { customerId, clockId } = await world.customerOnClock('Cancel At Trial End');
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialEndBehavior: 'cancel',
    });
    await world.advance(clockId, START + 15 * DAY_MS);
    expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('canceled');
    expect(await invoicesOf(subscription.id)).toEqual([]);
  });

  it('go incomplete with an open invoice, which a newly added card then pays', async () => {
    const { customerId, clockId } = await world.customerOnClock('Awaiting Card');
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialEndBehavior: 'incomplete',
    });
    await world.advance(clockId, START + 14 * DAY_MS + HOUR);
    expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('incomplete');
    const [open] = await invoicesOf(subscription.id);
    expect(open).toMatchObject({ status: 'open', total: 999 });
    await staff().paymentMethods.add({ customerId, source: GOOD_CARD });
    await staff().invoices.pay({ id: open?.id ?? '' });
    expect((await staff().subscriptions.get({ id: subscription.id })).subscription.status).toBe('active');
  });
});

describe('changing plans', () => {
  it('schedules a downgrade for the period end and bills the new price from then', async () => {
    const { customerId, clockId } = await world.customerOnClock('Downgrader', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      trialDays: 0,
    });
    const preview = await staff().subscriptions.previewChange({
      id: subscription.id,
      priceId: world.catalog.prices.proMonthlyUsd,
      quantity: 1,
    });
    expect(preview).toMatchObject({ kind: 'downgrade', timing: 'period_end', amountDue: 0, lines: [] });
    const changed = await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.proMonthlyUsd,
      quantity: 1,
      expectedVersion: subscription.version,
    });
    expect(changed.subscription).toMatchObject({
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      pendingPriceId: world.catalog.prices.proMonthlyUsd,
    });
    expect(changed.invoice).toBeNull();
    await world.advance(clockId, boundary(START, 'month', 1) + HOUR);
    const after = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    expect(after).toMatchObject({
      priceId: world.catalog.prices.proMonthlyUsd,
      pendingPriceId: null,
      status: 'active',
    });
    expect((await invoicesOf(subscription.id)).map((i) => i.total)).toEqual([9900, 999]);
  });

  it('credits a downgrade made now to the balance, which pays the next invoice first', async () => {
    const { customerId, clockId } = await world.customerOnClock('Credit Keeper', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      trialDays: 0,
    });
    const mid = START + 10 * DAY_MS;
    await world.advance(clockId, mid);
    const changed = await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.proMonthlyUsd,
      quantity: 1,
      timing: 'now',
      expectedVersion: subscription.version,
    });
    expect(changed.invoice?.total).toBeLessThan(0);
    expect(changed.invoice).toMatchObject({ status: 'paid', amountDue: 0 });
    const credit = -(changed.invoice?.total ?? 0);
    const summary = await staff().billing.customer({ customerId });
    expect(summary.balances).toEqual([{ currency: 'USD', amount: credit }]);
    await world.advance(clockId, boundary(START, 'month', 1) + HOUR);
    const renewal = (await staff().invoices.get({ id: (await invoicesOf(subscription.id)).at(-1)?.id ?? '' }))
      .invoice;
    expect(renewal).toMatchObject({
      total: 999,
      creditApplied: Math.min(credit, 999),
      amountDue: 999 - Math.min(credit, 999),
    });
  });

  it('restarts the cycle on a change from monthly to yearly', async () => {
    const { customerId, clockId } = await world.customerOnClock('Goes Yearly', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    const at = START + 7 * DAY_MS;
    await world.advance(clockId, at);
    const changed = await staff().subscriptions.changePlan({
      id: subscription.id,
      priceId: world.catalog.prices.proYearlyUsd,
      quantity: 1,
      expectedVersion: subscription.version,
    });
    expect(changed.subscription).toMatchObject({
      billingAnchor: at,
      currentPeriodStart: at,
      currentPeriodEnd: boundary(at, 'year', 1),
    });
    const lines = (await staff().invoices.get({ id: changed.invoice?.id ?? '' })).lines;
    expect(lines.map((l) => l.kind)).toEqual(['proration', 'plan']);
    expect(lines[1]?.amount).toBe(9990);
  });

  it('prices quantity changes per seat', async () => {
    const { customerId } = await world.customerOnClock('Team', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
      quantity: 2,
    });
    const preview = await staff().subscriptions.previewChange({
      id: subscription.id,
      priceId: world.catalog.prices.proMonthlyUsd,
      quantity: 5,
    });
    expect(preview).toMatchObject({ kind: 'upgrade', from: { amount: 1998 }, to: { amount: 4995 } });
    await expectDomainError(
      () =>
        staff().subscriptions.previewChange({
          id: subscription.id,
          priceId: world.catalog.prices.proMonthlyUsd,
          quantity: 2,
        }),
      'INVALID_INPUT',
    );
  });
});

describe('cancelling and pausing', () => {
  it('cancels now with the unused time credited', async () => {
    const { customerId, clockId } = await world.customerOnClock('Leaver', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.enterpriseMonthlyUsd,
      trialDays: 0,
    });
    const periodEnd = boundary(START, 'month', 1);
    await world.advance(clockId, START + Math.floor((periodEnd - START) / 2));
    const canceled = await staff().subscriptions.cancel({ id: subscription.id, when: 'now', prorate: true });
    expect(canceled.status).toBe('canceled');
    const { balances } = await staff().billing.customer({ customerId });
    expect(Math.abs((balances[0]?.amount ?? 0) - 4950)).toBeLessThanOrEqual(1);
    await expectDomainError(() => staff().subscriptions.pause({ id: subscription.id }), 'INVALID_STATE');
  });

  it('pauses without invoicing and resumes by itself with a fresh period', async () => {
    const { customerId, clockId } = await world.customerOnClock('Sabbatical', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    const resumeAt = START + 70 * DAY_MS;
    await staff().subscriptions.pause({ id: subscription.id, resumeAt });
    await world.advance(clockId, START + 60 * DAY_MS);
    expect(await invoicesOf(subscription.id)).toHaveLength(1);
    await world.advance(clockId, resumeAt + HOUR);
    const resumed = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    expect(resumed).toMatchObject({
      status: 'active',
      currentPeriodStart: resumeAt,
      currentPeriodEnd: boundary(resumeAt, 'month', 1),
      pausedAt: null,
    });
    expect((await invoicesOf(subscription.id)).map((i) => `${i.status} ${i.periodStart}`)).toEqual([
      `paid ${START}`,
      `paid ${resumeAt}`,
    ]);
    // Staff actions and billing's own steps read as one history.
    const reasons = (await staff().subscriptions.get({ id: subscription.id })).events
      .map((e) => e.data.reason)
      .filter(Boolean);
    expect(reasons.slice(0, 2)).toEqual(['resume', 'pause']);
  });

  it('refuses a resume date in the past', async () => {
    const { customerId } = await world.customerOnClock('Impatient', GOOD_CARD);
    const { subscription } = await staff().subscriptions.create({
      customerId,
      priceId: world.catalog.prices.proMonthlyUsd,
      trialDays: 0,
    });
    const seen = await expectDomainError(
      () => staff().subscriptions.pause({ id: subscription.id, resumeAt: START - 1 }),
      'INVALID_INPUT',
    );
    expect(seen.data.fieldErrors?.resumeAt).toBeDefined();
  });
});
