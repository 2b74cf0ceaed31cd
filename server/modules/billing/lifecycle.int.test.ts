import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, DAY_MS } from '../../../shared/billing/periods';
import { seedDemoCatalog, type DemoCatalog } from '../catalog';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';

/**
 * One subscription's whole life on a test clock, as staff would run it from the console:
 * trial → active → upgrade → renewal → failed payment → cancel at period end → canceled,
 * checking the invoices and payments at every step.
 */

const HOUR = 3_600_000;
let world: TestWorld;
let catalog: DemoCatalog;
let customerId: string;
let clockId: string;
let subscriptionId: string;
let goodCardId: string;
const trialEnd = START + 14 * DAY_MS;
const firstPeriodEnd = boundary(trialEnd, 'month', 1);
const secondPeriodEnd = boundary(trialEnd, 'month', 2);
const thirdPeriodEnd = boundary(trialEnd, 'month', 3);

const staff = () => world.as('billingA');
const admin = () => world.as('adminA');
const advanceTo = (to: number) => staff().testClocks.advance({ id: clockId, to });
const sub = async () => (await staff().subscriptions.get({ id: subscriptionId })).subscription;
const invoices = async () => (await staff().invoices.list({ subscriptionId, limit: 100 })).items.reverse();

beforeAll(async () => {
  world = await createTestWorld();
  catalog = await seedDemoCatalog(world.database.db, world.tenants.A.id, START);
  customerId = (
    await admin().customers.create({ name: 'Hedy Lamarr', email: 'hedy@example.com', country: 'AT' })
  ).id;
  clockId = (await staff().testClocks.create({ name: 'Hedy’s year', startAt: START })).id;
  await staff().testClocks.attach({ id: clockId, customerId });
  goodCardId = (await staff().paymentMethods.add({ customerId, source: '4242 4242 4242 4242' })).id;
});
afterAll(async () => {
  await world?.close();
});

describe('a subscription’s whole life on a test clock', () => {
  it('starts trialing on Pro with nothing charged', async () => {
    const started = await staff().subscriptions.create({ customerId, priceId: catalog.prices.proMonthlyUsd });
    subscriptionId = started.subscription.id;
    expect(started.subscription).toMatchObject({
      status: 'trialing',
      trialEnd,
      currentPeriodStart: START,
      currentPeriodEnd: trialEnd,
      paymentMethodId: goodCardId,
    });
    expect(started.invoice).toBeNull();
    expect(await invoices()).toEqual([]);
  });

  it('warns three days before the trial ends', async () => {
    await advanceTo(trialEnd - 3 * DAY_MS + HOUR);
    const { events } = await staff().subscriptions.get({ id: subscriptionId });
    expect(events.map((e) => e.type)).toContain('subscription.trial_will_end');
    expect((await sub()).status).toBe('trialing');
  });

  it('converts at trial end: the first month is invoiced and paid', async () => {
    await advanceTo(trialEnd + HOUR);
    expect(await sub()).toMatchObject({
      status: 'active',
      currentPeriodStart: trialEnd,
      currentPeriodEnd: firstPeriodEnd,
    });
    const [first] = await invoices();
    expect(first).toMatchObject({
      number: 'INV-000001',
      status: 'paid',
      billingReason: 'subscription_cycle',
      total: 999,
      amountPaid: 999,
      periodStart: trialEnd,
      periodEnd: firstPeriodEnd,
    });
    const payments = (await staff().payments.list({ customerId })).items;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      status: 'succeeded',
      amount: 999,
      invoiceNumber: 'INV-000001',
      method: { brand: 'visa', last4: '4242' },
    });
  });

  it('upgrades mid-period after a preview whose figures the invoice then matches', async () => {
    const mid = trialEnd + Math.floor((firstPeriodEnd - trialEnd) / 2);
    await advanceTo(mid);
    const preview = await staff().subscriptions.previewChange({
      id: subscriptionId,
      priceId: catalog.prices.enterpriseMonthlyUsd,
      quantity: 1,
    });
    expect(preview).toMatchObject({ kind: 'upgrade', timing: 'now', effectiveAt: mid });
    const [credit, charge] = preview.lines;
    expect(credit?.amount).toBeLessThan(0);
    expect(charge?.amount).toBeGreaterThan(0);
    // Half a period left: about half of each price, to the cent.
    expect(Math.abs((credit?.amount ?? 0) + 500)).toBeLessThanOrEqual(1);
    expect(Math.abs((charge?.amount ?? 0) - 4950)).toBeLessThanOrEqual(1);
    expect(preview.amountDue).toBe((credit?.amount ?? 0) + (charge?.amount ?? 0));
    const { version } = await sub();
    const applied = await staff().subscriptions.changePlan({
      id: subscriptionId,
      priceId: catalog.prices.enterpriseMonthlyUsd,
      quantity: 1,
      expectedVersion: version,
    });
    expect(applied.subscription).toMatchObject({
      priceId: catalog.prices.enterpriseMonthlyUsd,
      status: 'active',
      currentPeriodEnd: firstPeriodEnd,
    });
    expect(applied.invoice).toMatchObject({
      billingReason: 'subscription_update',
      status: 'paid',
      total: preview.amountDue,
      amountPaid: preview.amountDue,
    });
    const detail = await staff().invoices.get({ id: applied.invoice?.id ?? '' });
    expect(detail.lines.map((l) => [l.kind, l.amount])).toEqual(preview.lines.map((l) => [l.kind, l.amount]));
    await expectDomainError(
      () =>
        staff().subscriptions.changePlan({
          id: subscriptionId,
          priceId: catalog.prices.proMonthlyUsd,
          quantity: 1,
          expectedVersion: version,
        }),
      'CONFLICT',
    );
  });

  it('renews on Enterprise at the period end', async () => {
    await advanceTo(firstPeriodEnd + HOUR);
    expect(await sub()).toMatchObject({
      status: 'active',
      currentPeriodStart: firstPeriodEnd,
      currentPeriodEnd: secondPeriodEnd,
    });
    const renewal = (await invoices()).at(-1);
    expect(renewal).toMatchObject({
      number: 'INV-000003',
      status: 'paid',
      billingReason: 'subscription_cycle',
      total: 9900,
      periodStart: firstPeriodEnd,
    });
  });

  it('goes past due when the renewal’s payment fails', async () => {
    // Staff hold recovery for Hedy (she promised a transfer), so no retry ends her subscription first.
    await world.as('owner', world.tenants.A.id).recovery.pauseCustomer({ customerId });
    await staff().paymentMethods.add({ customerId, source: '4000 0000 0000 0341', makeDefault: true });
    await staff().paymentMethods.remove({ id: goodCardId });
    expect((await sub()).paymentMethodId).toBeNull();
    await advanceTo(secondPeriodEnd + HOUR);
    expect(await sub()).toMatchObject({ status: 'past_due', currentPeriodEnd: thirdPeriodEnd });
    const failed = (await invoices()).at(-1);
    expect(failed).toMatchObject({ number: 'INV-000004', status: 'open', total: 9900, amountPaid: 0 });
    const [latest] = (await staff().payments.list({ customerId })).items;
    expect(latest).toMatchObject({
      status: 'failed',
      failureCode: 'card_declined',
      amount: 9900,
      method: { last4: '0341' },
    });
  });

  it('is set to cancel at the period end, keeping access until then', async () => {
    const scheduled = await staff().subscriptions.cancel({ id: subscriptionId, when: 'period_end' });
    expect(scheduled).toMatchObject({ status: 'past_due', cancelAtPeriodEnd: true });
    const features = await staff().entitlements.forCustomer({ customerId });
    expect(JSON.stringify(features)).toContain('Enterprise');
  });

  it('ends at the period end, billing nothing more', async () => {
    await advanceTo(thirdPeriodEnd + HOUR);
    expect(await sub()).toMatchObject({
      status: 'canceled',
      cancelAtPeriodEnd: false,
      endedAt: thirdPeriodEnd,
    });
    expect((await invoices()).map((i) => `${i.number} ${i.status}`)).toEqual([
      'INV-000001 paid',
      'INV-000002 paid',
      'INV-000003 paid',
      'INV-000004 open',
    ]);
    await advanceTo(thirdPeriodEnd + 40 * DAY_MS);
    expect(await invoices()).toHaveLength(4);
    const pending = await world.database.db
      .selectFrom('jobs')
      .select(['kind', 'run_at'])
      .where('status', '=', 'pending')
      .where('test_clock_id', 'is not', null)
      .execute();
    expect(pending).toEqual([]);
  });

  it('kept every invoice whole: each total is the sum of its lines', async () => {
    const rows = await world.database.db
      .selectFrom('invoices as i')
      .select((eb) => [
        'i.number',
        'i.total',
        eb
          .selectFrom('invoice_lines as l')
          .select((l) => l.fn.sum<number>('l.amount').as('sum'))
          .whereRef('l.invoice_id', '=', 'i.id')
          .as('lines'),
      ])
      .execute();
    for (const row of rows) expect(row.lines, row.number ?? undefined).toBe(row.total);
  });
});
