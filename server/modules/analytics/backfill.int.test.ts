import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/billing/periods';
import { runDueJobs } from '../../jobs/runner';
import {
  createBillingWorld,
  FAILING_CARD,
  GOOD_CARD,
  type BillingWorld,
} from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';
import { monthlySums } from './analytics.test-kit';
import { backfillMrrHistory } from './backfill';
import { backfillJobHandlers, scheduleMrrBackfills } from './backfill-job';
import { disagreements, monthsFrom } from './independent-mrr.test-kit';

/**
 * Subscriptions without value states (from before migration 0025, or bulk-loaded) get the
 * states their history shows and the movements the incremental path would have written for
 * it; a second run writes nothing, and every month still reconciles.
 */

const HOUR = 3_600_000;
const END = START + 150 * DAY_MS;

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const staff = () => world.as('billingA');
const tenantId = () => world.tenants.A.id;
const db = () => world.database.db;
const backfill = () => backfillMrrHistory(db(), tenantId(), world.clock.now());
const expectedVersion = async (id: string) => (await staff().subscriptions.get({ id })).subscription.version;

/** A few customers' months: trials, an upgrade with seats, a cancel at period end, a pause, failed payments, a return. */
async function history() {
  const prices = world.catalog.prices;
  const upgrader = await world.customerOnClock('Una Upgrader', GOOD_CARD);
  const { subscription: pro } = await staff().subscriptions.create({
    customerId: upgrader.customerId,
    priceId: prices.proMonthlyEur,
  });
  await world.advance(upgrader.clockId, START + 20 * DAY_MS);
  await staff().subscriptions.changePlan({
    id: pro.id,
    priceId: prices.enterpriseYearlyEur,
    quantity: 3,
    timing: 'now',
    expectedVersion: await expectedVersion(pro.id),
  });
  const { subscription: second } = await staff().subscriptions.create({
    customerId: upgrader.customerId,
    priceId: prices.proMonthlyEur,
  });
  await world.advance(upgrader.clockId, START + 60 * DAY_MS);
  await staff().subscriptions.cancel({ id: second.id, when: 'period_end' });
  await world.advance(upgrader.clockId, END);

  const pauser = await world.customerOnClock('Pia Pauser', GOOD_CARD);
  const { subscription: paused } = await staff().subscriptions.create({
    customerId: pauser.customerId,
    priceId: prices.proMonthlyUsd,
    trialDays: 0,
  });
  await world.advance(pauser.clockId, START + 35 * DAY_MS);
  await staff().subscriptions.pause({ id: paused.id });
  await world.advance(pauser.clockId, START + 70 * DAY_MS);
  await staff().subscriptions.resume({ id: paused.id });
  await world.advance(pauser.clockId, END);

  const failing = await world.customerOnClock('Fred Failing', FAILING_CARD);
  const { subscription: lost } = await staff().subscriptions.create({
    customerId: failing.customerId,
    priceId: prices.proMonthlyUsd,
  });
  await world.advance(failing.clockId, START + 60 * DAY_MS + HOUR);
  const status = (await staff().subscriptions.get({ id: lost.id })).subscription.status;
  expect(['canceled', 'unpaid']).toContain(status);
  await staff().paymentMethods.add({ customerId: failing.customerId, source: GOOD_CARD, makeDefault: true });
  await staff().subscriptions.create({
    customerId: failing.customerId,
    priceId: prices.enterpriseMonthlyUsd,
    trialDays: 0,
  });
  await world.advance(failing.clockId, END);
}

/** Movements without what only the incremental path can know (ids from its states, its causes). */
async function comparableMovements() {
  const rows = await db()
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId())
    .execute();
  return rows
    .map(({ id: _id, state_id: _state, cause_type: _type, cause_id: _cause, tenant_id: _t, ...rest }) => rest)
    .sort(
      (a, b) =>
        a.effective_at - b.effective_at ||
        a.subscription_id.localeCompare(b.subscription_id) ||
        a.amount - b.amount,
    );
}

/** As before migration 0025: no states, no movements, no sums. */
async function forgetMrrHistory() {
  for (const table of ['mrr_states', 'mrr_movements', 'mrr_monthly', 'mrr_cohorts'] as const)
    await db().deleteFrom(table).where('tenant_id', '=', tenantId()).execute();
}

const countStates = async () =>
  Number(
    (
      await db()
        .selectFrom('mrr_states')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId())
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the MRR history backfill', () => {
  it('writes the movements the incremental path wrote for the same history, then nothing', async () => {
    await history();
    const written = await comparableMovements();
    expect(written.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['new', 'expansion', 'contraction', 'churn', 'reactivation']),
    );
    const statesBefore = await countStates();
    await forgetMrrHistory();

    const first = await backfill();
    expect(first).toMatchObject({ subscriptions: 5, states: statesBefore });
    expect(await comparableMovements()).toEqual(written);
    const causes = await db().selectFrom('mrr_movements').select('cause_type').distinct().execute();
    expect(causes).toEqual([{ cause_type: 'backfill' }]);

    expect(await backfill()).toEqual({ subscriptions: 0, states: 0, differences: 0 });
    expect(await countStates()).toBe(statesBefore);
    expect(await comparableMovements()).toEqual(written);
  });

  it('fits a subscription’s history among the states its customer’s others already have', async () => {
    await history();
    const written = await comparableMovements();
    const [oldest] = await db()
      .selectFrom('subscriptions')
      .select('id')
      .where('tenant_id', '=', tenantId())
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .execute();
    // Only this one predates the states; its customer's movements stay as they were derived.
    await db()
      .deleteFrom('mrr_states')
      .where('subscription_id', '=', oldest?.id ?? '')
      .execute();
    expect((await backfill()).subscriptions).toBe(1);
    expect(await comparableMovements()).toEqual(written);
    const sums = await monthlySums(world, tenantId());
    expect(sums.stored).toEqual(sums.summed);
  });

  it('keeps every month reconciled: the sums, and MRR from history against Σ movements', async () => {
    await history();
    await forgetMrrHistory();
    await backfill();
    const sums = await monthlySums(world, tenantId());
    expect(sums.stored.length).toBeGreaterThan(0);
    expect(sums.stored).toEqual(sums.summed);
    expect(await disagreements(db(), tenantId(), monthsFrom(START, END - 1))).toEqual([]);
  });

  it('values a subscription with no snapshot from its row: counting from its trial’s end', async () => {
    await history();
    const template = await db()
      .selectFrom('subscriptions')
      .selectAll()
      .where('tenant_id', '=', tenantId())
      .where('status', '=', 'active')
      .limit(1)
      .executeTakeFirstOrThrow();
    const loadedAt = START - 90 * DAY_MS;
    const trialEnd = loadedAt + 14 * DAY_MS;
    const customer = await world.customerOnClock('Bulk Loaded', GOOD_CARD);
    await db()
      .insertInto('subscriptions')
      .values({
        ...template,
        id: 'sub_bulkloaded',
        customer_id: customer.customerId,
        quantity: 2,
        trial_start: loadedAt,
        trial_end: trialEnd,
        created_at: loadedAt,
        updated_at: loadedAt,
      })
      .execute();
    await backfill();
    const movements = await db()
      .selectFrom('mrr_movements')
      .select(['kind', 'effective_at', 'subscription_mrr_after', 'cause_id'])
      .where('subscription_id', '=', 'sub_bulkloaded')
      .execute();
    const price = await db()
      .selectFrom('prices')
      .select(['amount', 'interval'])
      .where('id', '=', template.price_id)
      .executeTakeFirstOrThrow();
    const monthly = price.interval === 'year' ? Math.round((price.amount * 2) / 12) : price.amount * 2;
    expect(movements).toEqual([
      { kind: 'new', effective_at: trialEnd, subscription_mrr_after: monthly, cause_id: 'sub_bulkloaded' },
    ]);
  });

  it('is queued once per workspace that needs it when the authority starts, and runs as a job', async () => {
    await history();
    await forgetMrrHistory();
    expect(await scheduleMrrBackfills(db(), world.clock.now())).toBe(1);
    const ran = await runDueJobs({
      db: db(),
      clock: world.clock,
      logger: world.services.logger,
      handlers: backfillJobHandlers(world.services),
    });
    expect(ran).toBe(1);
    expect(await countStates()).toBeGreaterThan(0);
    expect(await world.as('owner', tenantId()).analyticsSettings.rebuildStatus()).toMatchObject({
      status: 'idle',
      error: null,
    });
    expect(await scheduleMrrBackfills(db(), world.clock.now())).toBe(0);
  });
});
