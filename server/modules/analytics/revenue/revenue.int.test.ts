import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertMinor } from '../../../../shared/analytics/fx';
import { DAY_MS } from '../../../../shared/billing/periods';
import { newId } from '../../../../shared/ids';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../../testing/billing.test-kit';
import { clientError } from '../../../testing/errors.test-kit';
import { START } from '../../../testing/world.test-kit';

/**
 * Revenue by month against billing's own rows: USD and EUR subscribers over two months, a
 * partial refund, disputes (lost, won, an inquiry), EUR→USD rates that change between the
 * months; trials that convert, fail to pay, or are canceled; and the Recovery page's rate.
 */

let world: BillingWorld;
const UNKNOWN_PLAN = newId('pln', START);
const MARCH = Date.UTC(2026, 2, 1);

async function subscriber(name: string, country: string, priceId: string, card = GOOD_CARD, trialDays = 0) {
  const staff = world.as('billingA');
  const customer = await world
    .as('adminA')
    .customers.create({ name, email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`, country });
  const clock = await staff.testClocks.create({ name: `${name}'s clock`, startAt: START });
  await staff.testClocks.attach({ id: clock.id, customerId: customer.id });
  await staff.paymentMethods.add({ customerId: customer.id, source: card });
  const { subscription } = await staff.subscriptions.create({ customerId: customer.id, priceId, trialDays });
  return { customerId: customer.id, clockId: clock.id, subscriptionId: subscription.id };
}

const paymentsOf = (customerId: string) =>
  world.database.db
    .selectFrom('payments')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '=', 'succeeded')
    .orderBy('created_at')
    .execute();

async function dispute(paymentId: string, status: string, amount: number) {
  const payment = await world.database.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  await world.database.db
    .insertInto('disputes')
    .values({
      id: `dsp_${status}_${paymentId}`,
      tenant_id: payment.tenant_id,
      payment_id: payment.id,
      invoice_id: payment.invoice_id,
      customer_id: payment.customer_id,
      amount,
      currency: payment.currency,
      reason: 'fraudulent',
      status,
      gateway_ref: `dp_${status}_${paymentId}`,
      opened_at: payment.created_at + DAY_MS,
      created_at: payment.created_at + DAY_MS,
      updated_at: payment.created_at + DAY_MS,
    })
    .execute();
}

let usd: Awaited<ReturnType<typeof subscriber>>;
let eur: Awaited<ReturnType<typeof subscriber>>;

beforeAll(async () => {
  world = await createBillingWorld();
  const prices = world.catalog.prices;
  usd = await subscriber('Ada Dollar', 'US', prices.proMonthlyUsd);
  eur = await subscriber('Bea Euro', 'DE', prices.proMonthlyEur);
  const converts = await subscriber('Cal Trial', 'US', prices.proMonthlyUsd, GOOD_CARD, 14);
  const fails = await subscriber('Dee Declined', 'US', prices.proMonthlyUsd, FAILING_CARD, 14);
  const quits = await subscriber('Eve Quits', 'FR', prices.proMonthlyEur, GOOD_CARD, 14);
  await world.as('billingA').subscriptions.cancel({ id: quits.subscriptionId, when: 'now', prorate: false });
  for (const { clockId } of [usd, eur, converts, fails, quits]) await world.advance(clockId, MARCH);
  // Its trial's first charge failed an hour ago: recovery is still collecting it.
  const collecting = await subscriber('Fay Pending', 'US', prices.proMonthlyUsd, FAILING_CARD, 14);
  await world.advance(collecting.clockId, START + 14 * DAY_MS + 3_600_000);
  const [usdJanuary] = await paymentsOf(usd.customerId);
  const [eurJanuary, eurFebruary] = await paymentsOf(eur.customerId);
  if (!usdJanuary || !eurJanuary || !eurFebruary) throw new Error('the subscribers were not charged');
  await world
    .as('owner', world.tenants.A.id)
    .payments.refund({ paymentId: usdJanuary.id, amount: 300, reason: 'requested_by_customer' });
  await dispute(eurJanuary.id, 'lost', eurJanuary.amount);
  await dispute(eurFebruary.id, 'won', eurFebruary.amount);
  await dispute(eurFebruary.id, 'warning_needs_response', 100);
  const tenantId = world.tenants.A.id;
  await world.database.db
    .insertInto('fx_rates')
    .values([
      {
        tenant_id: tenantId,
        base_currency: 'EUR',
        quote_currency: 'USD',
        day: '2026-01-01',
        rate: '1.1',
        source: 'entered',
        updated_at: START,
      },
      {
        tenant_id: tenantId,
        base_currency: 'EUR',
        quote_currency: 'USD',
        day: '2026-02-01',
        rate: '1.2',
        source: 'entered',
        updated_at: START,
      },
    ])
    .execute();
});
afterAll(async () => {
  await world?.close();
});

/** What billing's rows say happened in a month, per currency, counted here without the report's SQL. */
async function truth(month: string) {
  const inMonth = (at: number) => new Date(at).toISOString().startsWith(month);
  const db = world.database.db;
  const [payments, refunds, disputes] = await Promise.all([
    db
      .selectFrom('payments')
      .selectAll()
      .where('status', '=', 'succeeded')
      .where('tenant_id', '=', world.tenants.A.id)
      .execute(),
    db
      .selectFrom('refunds')
      .selectAll()
      .where('status', '=', 'succeeded')
      .where('tenant_id', '=', world.tenants.A.id)
      .execute(),
    db.selectFrom('disputes').selectAll().where('status', '=', 'lost').execute(),
  ]);
  const currencies = ['EUR', 'USD'];
  return currencies
    .map((currency) => {
      const sum = (rows: { amount: number; currency: string }[], at: (r: never) => number) =>
        rows
          .filter((r) => r.currency === currency && inMonth(at(r as never)))
          .reduce((s, r) => s + r.amount, 0);
      const collected = sum(payments, (r: { created_at: number }) => r.created_at);
      const refunded = sum(refunds, (r: { created_at: number }) => r.created_at);
      const disputed = sum(disputes, (r: { opened_at: number }) => r.opened_at);
      return { currency, collected, refunded, disputed, net: collected - refunded - disputed };
    })
    .filter((r) => r.collected + r.refunded + r.disputed > 0);
}

describe('revenue by month', () => {
  it('adds up to the payments, refunds and lost disputes of each month, per currency', async () => {
    const report = await world.as('viewerA').revenue.byMonth({ from: '2026-01', to: '2026-03' });
    expect(report.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(report.currencies).toEqual(['EUR', 'USD']);
    for (const { month, native } of report.byMonth) {
      const pick = native.map(({ currency, collected, refunded, disputed, net }) => ({
        currency,
        collected,
        refunded,
        disputed,
        net,
      }));
      expect(pick, month).toEqual(await truth(month));
    }
    const january = report.byMonth[0]?.native ?? [];
    const refunded = report.byMonth.flatMap((m) => m.native).filter((r) => r.currency === 'USD');
    expect(refunded.reduce((s, r) => s + r.refunded, 0)).toBe(300);
    // The won dispute and the inquiry took nothing; the lost one took January's EUR payment.
    expect(january.find((r) => r.currency === 'EUR')?.net).toBe(0);
    expect(report.byMonth[1]?.native.find((r) => r.currency === 'EUR')?.disputed).toBe(0);
  });

  it('converts each month at its own rate into the reporting currency', async () => {
    const report = await world.as('billingA').revenue.byMonth({ from: '2026-01', to: '2026-02' });
    expect(report.reportingCurrency).toBe('USD');
    for (const [index, rate] of [
      [0, '1.1'],
      [1, '1.2'],
    ] as const) {
      const month = report.byMonth[index];
      const native = (currency: string) => month?.native.find((r) => r.currency === currency);
      const eurCollected = native('EUR')?.collected ?? 0;
      expect(month?.reporting.collected).toBe(
        (native('USD')?.collected ?? 0) + convertMinor(eurCollected, 'EUR', 'USD', rate),
      );
      expect(month?.reporting.complete).toBe(true);
    }
    expect(report.missingRates).toEqual([]);
  });

  it('filters by segment', async () => {
    const staff = world.as('billingA');
    const euros = await staff.revenue.byMonth({
      from: '2026-01',
      to: '2026-03',
      segment: { currency: 'EUR' },
    });
    expect(euros.currencies).toEqual(['EUR']);
    const germany = await staff.revenue.byMonth({
      from: '2026-01',
      to: '2026-03',
      segment: { country: 'DE' },
    });
    expect(germany.byCountry.map((c) => c.country)).toEqual(['DE']);
    const stripe = await staff.revenue.byMonth({
      from: '2026-01',
      to: '2026-03',
      segment: { source: 'stripe' },
    });
    expect(stripe.currencies).toEqual([]);
    const yearly = await staff.revenue.byMonth({
      from: '2026-01',
      to: '2026-03',
      segment: { interval: 'year' },
    });
    expect(yearly.currencies).toEqual([]);
    const pro = await staff.revenue.byMonth({
      from: '2026-01',
      to: '2026-03',
      segment: { plan: world.catalog.plans.pro },
    });
    const all = await staff.revenue.byMonth({ from: '2026-01', to: '2026-03' });
    expect(pro.byMonth).toEqual(all.byMonth);
    expect(all.byPlan.map((p) => p.planId)).toEqual([world.catalog.plans.pro]);
  });

  it('says which days have no rate rather than counting them as nothing', async () => {
    await world.database.db.deleteFrom('fx_rates').where('day', '=', '2026-01-01').execute();
    const report = await world.as('billingA').revenue.byMonth({ from: '2026-01', to: '2026-02' });
    expect(report.byMonth[0]?.reporting.complete).toBe(false);
    expect(report.byMonth[1]?.reporting.complete).toBe(true);
    expect(report.missingRates.map((m) => m.currency)).toContain('EUR');
    expect(report.missingRates.every((m) => m.day.startsWith('2026-01'))).toBe(true);
  });

  it('reports in the currency the workspace chose, at its own rates', async () => {
    const tenantId = world.tenants.A.id;
    const db = world.database.db;
    await db
      .insertInto('analytics_settings')
      .values({
        tenant_id: tenantId,
        reporting_currency: 'EUR',
        past_due_churn_days: null,
        finance_pack_recipients: '[]',
        rebuild_status: 'idle',
        rebuild_done: 0,
        rebuild_total: 0,
        rebuild_error: null,
        rebuilt_at: null,
        version: 1,
        updated_at: START,
      })
      .execute();
    await db
      .insertInto('fx_rates')
      .values({
        tenant_id: tenantId,
        base_currency: 'USD',
        quote_currency: 'EUR',
        day: '2026-01-01',
        rate: '0.9',
        source: 'entered',
        updated_at: START,
      })
      .execute();
    const report = await world.as('billingA').revenue.byMonth({ from: '2026-02', to: '2026-02' });
    const native = (currency: string) =>
      report.byMonth[0]?.native.find((r) => r.currency === currency)?.net ?? 0;
    expect(report.reportingCurrency).toBe('EUR');
    expect(report.byMonth[0]?.reporting.net).toBe(
      native('EUR') + convertMinor(native('USD'), 'USD', 'EUR', '0.9'),
    );
    await db.deleteFrom('analytics_settings').where('tenant_id', '=', tenantId).execute();
  });

  it('refuses a reversed range, an unknown filter or plan, and a plan of another tenant', async () => {
    const refused = async (call: () => Promise<unknown>, message: RegExp, code = 'INVALID_INPUT') => {
      const seen = await clientError(call);
      expect(seen.data.domainCode, seen.message).toBe(code);
      expect(JSON.stringify(seen.data.fieldErrors ?? seen.message), seen.message).toMatch(message);
    };
    const staff = world.as('billingA');
    await refused(
      () => staff.revenue.byMonth({ from: '2026-03', to: '2026-01' }),
      /To \(2026-01\) is before From \(2026-03\)/,
    );
    await refused(() => staff.revenue.recoveryRate({ from: '2026-03', to: '2026-01' }), /is before From/);
    await refused(
      () => staff.revenue.byMonth({ from: '2026-13', to: '2027-01' }),
      /From must be a month, like 2026-03/,
    );
    await refused(
      () => staff.revenue.byMonth({ from: '2026-01', to: '2026-03', segment: { tier: 'gold' } as never }),
      /tier is not a field this accepts/,
    );
    await refused(
      () =>
        staff.revenue.trialConversion({ from: '2026-01', to: '2026-03', segment: { plan: UNKNOWN_PLAN } }),
      new RegExp(`Unknown plan in the segment: ${UNKNOWN_PLAN}`),
      'NOT_FOUND',
    );
    await refused(
      () =>
        world
          .as('adminB')
          .revenue.byMonth({ from: '2026-01', to: '2026-03', segment: { plan: world.catalog.plans.pro } }),
      /Unknown plan/,
      'NOT_FOUND',
    );
  });
});

describe('trial conversion', () => {
  it('counts trials that paid, that are still being collected, and that ended unpaid', async () => {
    const report = await world.as('viewerA').revenue.trialConversion({ from: '2026-01', to: '2026-03' });
    expect(report.total).toEqual({ ended: 4, converted: 1, pending: 1, notConverted: 2, rate: 1 / 3 });
    expect(report.months.map((m) => m.ended)).toEqual([4, 0, 0]);
    expect(report.trials.find((t) => t.outcome === 'pending')?.endedAt).toBe(START + 14 * DAY_MS);
    const euros = await world
      .as('viewerA')
      .revenue.trialConversion({ from: '2026-01', to: '2026-03', segment: { currency: 'EUR' } });
    expect(euros.total).toEqual(expect.objectContaining({ ended: 1, notConverted: 1, rate: 0 }));
  });
});

describe('recovery rate', () => {
  it('is the Recovery page’s own figures for the months asked', async () => {
    const staff = world.as('billingA');
    const page = await staff.recovery.stats({ months: 3 });
    const rate = await staff.revenue.recoveryRate({ from: '2026-01', to: '2026-03' });
    expect(
      rate.currencies.map(({ currency, failedAmount, recoveredAmount, lostAmount, rate }) => ({
        currency,
        failedAmount,
        recoveredAmount,
        lostAmount,
        rate,
      })),
    ).toEqual(
      page.totals.map(({ currency, failedAmount, recoveredAmount, lostAmount, rate }) => ({
        currency,
        failedAmount,
        recoveredAmount,
        lostAmount,
        rate,
      })),
    );
    expect(rate.currencies).toEqual([expect.objectContaining({ currency: 'USD', lostCount: 1, rate: 0 })]);
    const february = await staff.revenue.recoveryRate({ from: '2026-02', to: '2026-03' });
    expect(february.currencies).toEqual([]);
  });
});
