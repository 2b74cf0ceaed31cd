import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertMinor } from '../../../shared/analytics/fx';
import { DAY_MS } from '../../../shared/billing/periods';
import { runDueJobs } from '../../jobs/runner';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';
import { START } from '../../testing/world.test-kit';
import { monthlySums, movementsOf } from './analytics.test-kit';
import { analyticsJobHandlers } from './jobs';
import { rebuildMovements } from './rebuild';

/**
 * The full rebuild finds exactly the rows the incremental path wrote (and repairs any that
 * are not), a changed setting or rate rebuilds in the background with progress, and a
 * malformed FX CSV stores nothing and names its line.
 */

const HOUR = 3_600_000;
const TRIAL_END = START + 14 * DAY_MS;

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const owner = () => world.as('owner', world.tenants.A.id);
const tenantId = () => world.tenants.A.id;
const runJobs = () =>
  runDueJobs({
    db: world.database.db,
    clock: world.clock,
    logger: world.services.logger,
    handlers: analyticsJobHandlers(world.services),
  });
const allMovements = () =>
  world.database.db
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId())
    .orderBy('id')
    .execute();

/** Two subscribers in two currencies, one upgraded, one lost to failed payments. */
async function history() {
  const paying = await world.customerOnClock('Paula Paying', GOOD_CARD);
  const { subscription } = await staff().subscriptions.create({
    customerId: paying.customerId,
    priceId: world.catalog.prices.proMonthlyEur,
  });
  await world.advance(paying.clockId, TRIAL_END + HOUR);
  await staff().subscriptions.changePlan({
    id: subscription.id,
    priceId: world.catalog.prices.enterpriseYearlyEur,
    quantity: 2,
    timing: 'now',
    expectedVersion: (await staff().subscriptions.get({ id: subscription.id })).subscription.version,
  });
  const failing = await world.customerOnClock('Fred Failing', FAILING_CARD);
  await staff().subscriptions.create({
    customerId: failing.customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
  });
  await world.advance(failing.clockId, TRIAL_END + 30 * DAY_MS);
  return { paying: paying.customerId, failing: failing.customerId };
}

describe('the full rebuild', () => {
  it('finds nothing to change after the incremental path, and repairs rows that were tampered with', async () => {
    await history();
    const written = await allMovements();
    expect(written.length).toBeGreaterThan(3);
    expect(await rebuildMovements(world.database.db, tenantId(), world.clock.now())).toEqual({
      customers: 2,
      differences: 0,
    });
    expect(await allMovements()).toEqual(written);

    const [first, second] = written;
    await world.database.db
      .deleteFrom('mrr_movements')
      .where('id', '=', first?.id ?? '')
      .execute();
    await world.database.db
      .updateTable('mrr_movements')
      .set({ amount: 1 })
      .where('id', '=', second?.id ?? '')
      .execute();
    expect((await rebuildMovements(world.database.db, tenantId(), world.clock.now())).differences).toBe(2);
    expect(await allMovements()).toEqual(written);

    // Any field is compared, a null too: the rebuild reads each stored row as one text.
    const [, , third] = written;
    await world.database.db
      .updateTable('mrr_movements')
      .set({ amount_reporting: 5, cause_id: null })
      .where('id', '=', third?.id ?? '')
      .execute();
    expect((await rebuildMovements(world.database.db, tenantId(), world.clock.now())).differences).toBe(1);
    expect(await allMovements()).toEqual(written);
  });

  it('runs in the background when staff ask, with its progress and the differences found', async () => {
    await history();
    await owner().analyticsSettings.startRebuild();
    expect(await owner().analyticsSettings.rebuildStatus()).toMatchObject({ status: 'running' });
    await expectDomainError(() => owner().analyticsSettings.startRebuild(), 'INVALID_STATE');
    expect(await runJobs()).toBe(1);
    expect(await owner().analyticsSettings.rebuildStatus()).toEqual({
      status: 'idle',
      done: 2,
      total: 2,
      error: null,
      rebuiltAt: world.clock.now(),
      differences: 0,
    });
  });

  it('applies a changed past-due setting to history: churn N days after payments started failing', async () => {
    const { failing } = await history();
    const before = await movementsOf(world, tenantId(), failing);
    expect(before.map((m) => [m.kind, m.at])).toEqual([
      ['new', TRIAL_END],
      ['churn', TRIAL_END + 7 * DAY_MS],
    ]);
    await owner().analyticsSettings.update({
      reportingCurrency: 'USD',
      pastDueChurnDays: 3,
      financePackRecipients: [],
    });
    await runJobs();
    const after = await movementsOf(world, tenantId(), failing);
    expect(after.map((m) => [m.kind, m.at, m.cause])).toEqual([
      ['new', TRIAL_END, 'billing_event'],
      ['churn', TRIAL_END + 3 * DAY_MS, 'past_due_setting'],
    ]);
    const sums = await monthlySums(world, tenantId());
    expect(sums.stored).toEqual(sums.summed);
    expect(await rebuildMovements(world.database.db, tenantId(), world.clock.now())).toMatchObject({
      differences: 0,
    });
  });
});

describe('FX rates', () => {
  it('convert movements at the rate of their day once set, and the sums follow', async () => {
    const { paying } = await history();
    const eur = (await allMovements()).filter((m) => m.customer_id === paying);
    expect(eur.every((m) => m.currency === 'EUR' && m.amount_reporting === null)).toBe(true);
    await owner().analyticsSettings.setFxRate({ day: '2000-01-01', base: 'eur', quote: 'USD', rate: '1.5' });
    await runJobs();
    const converted = (await allMovements()).filter((m) => m.customer_id === paying);
    expect(converted.map((m) => m.amount_reporting)).toEqual(
      converted.map((m) => convertMinor(m.amount, 'EUR', 'USD', '1.5')),
    );
    const monthly = await world.database.db
      .selectFrom('mrr_monthly')
      .select(['amount', 'amount_reporting'])
      .where('tenant_id', '=', tenantId())
      .where('currency', '=', 'EUR')
      .execute();
    expect(
      monthly.every((row) => row.amount_reporting === convertMinor(row.amount, 'EUR', 'USD', '1.5')),
    ).toBe(true);
    expect(await owner().analyticsSettings.fxRates({})).toEqual([
      expect.objectContaining({
        day: '2000-01-01',
        base: 'EUR',
        quote: 'USD',
        rate: '1.5',
        source: 'entered',
      }),
    ]);
  });

  it("convert the incremental path's movements at the latest rate on or before their day", async () => {
    const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const rates = { early: '1.5', late: '2.25' };
    const setRate = (day: string, rate: string) =>
      owner().analyticsSettings.setFxRate({ day, base: 'EUR', quote: 'USD', rate });
    await setRate('2000-01-01', rates.early);
    await setRate(dayOf(TRIAL_END - DAY_MS), rates.late);
    await setRate(dayOf(TRIAL_END + 400 * DAY_MS), '9');
    await runJobs();
    const { paying } = await history();
    const eur = (await allMovements()).filter((m) => m.customer_id === paying);
    expect(eur.length).toBeGreaterThan(1);
    for (const m of eur) {
      const rate = m.effective_at >= TRIAL_END - DAY_MS ? rates.late : rates.early;
      expect(m.amount_reporting).toBe(convertMinor(m.amount, 'EUR', 'USD', rate));
    }
    expect((await rebuildMovements(world.database.db, tenantId(), world.clock.now())).differences).toBe(0);
  });

  it('imports a CSV whole, or refuses it naming the bad line and stores nothing', async () => {
    const good = 'Day,Base,Quote,Rate\n2026-01-30,EUR,USD,1.0832\n\n2026-01-31,GBP,USD,1.27\n';
    expect(await owner().analyticsSettings.importFxRates({ csv: good })).toEqual({ imported: 2 });
    const bad = 'day,base,quote,rate\n2026-02-01,EUR,USD,1.09\n2026-02-02,EUR,USD,abc\n';
    const error = await expectDomainError(
      () => owner().analyticsSettings.importFxRates({ csv: bad }),
      'INVALID_INPUT',
    );
    expect(error.message).toMatch(/^Line 3: Rate must be a positive decimal number/);
    const missing = await expectDomainError(
      () => owner().analyticsSettings.importFxRates({ csv: 'day,base,rate\n2026-02-01,EUR,1.09\n' }),
      'INVALID_INPUT',
    );
    expect(missing.message).toMatch(/^Line 1: .*missing: quote/);
    expect((await owner().analyticsSettings.fxRates({})).map((r) => r.day)).toEqual([
      '2026-01-31',
      '2026-01-30',
    ]);
  });

  it('are refused to roles without billing.write, and shown to readers', async () => {
    await expectDomainError(
      () =>
        world
          .as('viewerA')
          .analyticsSettings.setFxRate({ day: '2026-01-31', base: 'EUR', quote: 'USD', rate: '1' }),
      'FORBIDDEN',
    );
    expect(await world.as('viewerA').analyticsSettings.fxRates({})).toEqual([]);
  });
});
