import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { SUBSCRIPTION_POLICY, seedLicense, seedPolicy, seedUsage } from '../licensing.test-kit';

/**
 * Overage over BILL limits reaches the subscription's renewal invoice through the billing
 * engine (billing's port, in the renewal's own transaction): once per unit, late units on a
 * later invoice, the limit prorated for a license issued mid-period.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const HOUR = 3_600_000;
const staff = () => world.as('billingA');
const tenantId = () => world.tenants.A.id;
const API_CALLS: UsageLimit = {
  metric: 'api_calls',
  limit: 1000,
  rule: { kind: 'BILL', unitPrice: 2, currency: 'USD' },
};
const HOURS: UsageLimit = { metric: 'hours', limit: 10, rule: { kind: 'BLOCK' } };
const periodKey = (start: number) => new Date(start).toISOString().slice(0, 16);

async function setUp(limits: UsageLimit[] = [API_CALLS, HOURS]) {
  const { customerId, clockId } = await world.customerOnClock('Metered Mo', GOOD_CARD);
  const { subscription } = await staff().subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 0,
  });
  const policy = await seedPolicy(world.database.db, {
    ...SUBSCRIPTION_POLICY,
    tenantId: tenantId(),
    productId: world.catalog.productId,
    plan_id: world.catalog.plans.pro,
    usageLimits: limits,
    now: START,
  });
  const license = async (issuedAt: number, name: string) =>
    (
      await seedLicense(world.database.db, {
        customerId,
        policy,
        subscription_id: subscription.id,
        expires_at: subscription.currentPeriodEnd,
        now: issuedAt,
        name,
      })
    ).license.id;
  const usage = (licenseId: string, metric: string, quantity: number, period = periodKey(START)) =>
    seedUsage(
      world.database.db,
      { tenantId: tenantId(), customerId, licenseId },
      [{ metric, period, quantity }],
      START,
    );
  return { customerId, clockId, subscription, policy, license, usage };
}

/** The renewal invoices' extra lines, oldest invoice first. */
async function overageLinesOf(subscriptionId: string) {
  const invoices = (await staff().invoices.list({ subscriptionId })).items
    .filter((i) => i.billingReason === 'subscription_cycle')
    .reverse();
  const out: { quantity: number; unitAmount: number; amount: number; description: string }[][] = [];
  for (const invoice of invoices) {
    const { lines } = await staff().invoices.get({ id: invoice.id });
    out.push(
      lines
        .filter((l) => l.kind === 'one_off')
        .map((l) => ({
          quantity: l.quantity,
          unitAmount: l.unitAmount,
          amount: l.amount,
          description: l.description,
        })),
    );
  }
  return out;
}

async function billed(licenseId: string) {
  const rows = await world.database.db
    .selectFrom('license_usage')
    .select(['metric', 'quantity', 'billed_quantity'])
    .where('license_id', '=', licenseId)
    .orderBy('metric')
    .execute();
  return rows;
}

describe('overage on the renewal invoice', () => {
  it('bills the units over a BILL limit once, as a line of the next invoice; late units on the one after', async () => {
    const { clockId, subscription, license, usage } = await setUp();
    const campus = await license(START, 'Campus');
    await usage(campus, 'api_calls', 1250);
    await usage(campus, 'hours', 12);
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    const first = await overageLinesOf(subscription.id);
    expect(first).toEqual([[expect.objectContaining({ quantity: 250, unitAmount: 2, amount: 500 })]]);
    expect(first[0]?.[0]?.description).toContain('api_calls over the limit of Campus: 250');
    expect(await billed(campus)).toEqual([
      { metric: 'api_calls', quantity: 1250, billed_quantity: 250 },
      { metric: 'hours', quantity: 12, billed_quantity: 0 },
    ]);
    const invoice = (await staff().invoices.list({ subscriptionId: subscription.id })).items[0];
    expect(invoice).toMatchObject({ total: 999 + 500, status: 'paid' });

    // Two late events land in the closed period: only they are billed, on the next invoice.
    await usage(campus, 'api_calls', 1300);
    const second = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    await world.advance(clockId, second.currentPeriodEnd + HOUR);
    const third = (await staff().subscriptions.get({ id: subscription.id })).subscription;
    await world.advance(clockId, third.currentPeriodEnd + HOUR);
    expect((await overageLinesOf(subscription.id)).map((lines) => lines.map((l) => l.quantity))).toEqual([
      [250],
      [50],
      [],
    ]);
    expect(await billed(campus)).toContainEqual({
      metric: 'api_calls',
      quantity: 1300,
      billed_quantity: 300,
    });
  });

  it('prorates the limit of a license issued mid-period (the first period it covers)', async () => {
    const { clockId, subscription, license, usage } = await setUp();
    const half = START + (subscription.currentPeriodEnd - START) / 2;
    const late = await license(half, 'Half');
    await usage(late, 'api_calls', 600);
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    // 1000 counted for half the period is 500: 100 over.
    expect(await overageLinesOf(subscription.id)).toEqual([
      [expect.objectContaining({ quantity: 100, amount: 200 })],
    ]);
  });

  it('does not bill a limit priced in another currency than the invoice; it is audited instead', async () => {
    const euro: UsageLimit = { ...API_CALLS, rule: { kind: 'BILL', unitPrice: 2, currency: 'EUR' } };
    const { clockId, subscription, license, usage } = await setUp([euro]);
    const campus = await license(START, 'Euro');
    await usage(campus, 'api_calls', 1100);
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    expect(await overageLinesOf(subscription.id)).toEqual([[]]);
    expect(await billed(campus)).toEqual([{ metric: 'api_calls', quantity: 1100, billed_quantity: 0 }]);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'license.overage_not_billed')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after ?? '{}') as { reason: string })).toEqual([
      expect.objectContaining({ reason: 'billed in EUR, the invoice is in USD' }),
    ]);
  });

  it('a license without a subscription keeps its overage recorded, never billed', async () => {
    const { clockId, subscription, usage, policy, customerId } = await setUp();
    const {
      license: { id: loose },
    } = await seedLicense(world.database.db, {
      customerId,
      policy,
      subscription_id: null,
      expires_at: START + 365 * DAY_MS,
      now: START,
    });
    await usage(loose, 'api_calls', 5000);
    await world.advance(clockId, subscription.currentPeriodEnd + HOUR);
    expect(await overageLinesOf(subscription.id)).toEqual([[]]);
    expect(await billed(loose)).toEqual([{ metric: 'api_calls', quantity: 5000, billed_quantity: 0 }]);
  });
});
