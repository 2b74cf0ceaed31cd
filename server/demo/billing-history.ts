import type { Kysely } from 'kysely';
import { DAY_MS } from '../../shared/billing/periods';
import { createContext, type Principal, type Services } from '../trpc/context';
import { appRouter } from '../app/router';
import { createCallerFactory } from '../trpc/base';
import type { DB } from '../db/schema';
import { sandboxGateways } from '../gateways/provider';
import { runDueJobs } from '../jobs/runner';
import { nextDueTime } from '../jobs/store';
import { ManualClock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { appJobHandlers } from '../app/job-handlers';
import type { DemoCatalog } from '../modules/catalog';
import { planDemoHistory, type DemoAction } from './billing-plan';
import { SeededRandom } from './random';
import { demoFxCsv } from './fx-rates';
import { appProcedures } from '../app/procedures';

/**
 * A year of billing for the demo workspace, made by the real engine: staff actions go
 * through the same procedures the console calls, and renewals, trial ends and failed
 * payments happen as the clock is stepped through the year, so every invoice, payment
 * and status on screen is something the engine actually did.
 */
export async function seedDemoBillingHistory(options: {
  db: Kysely<DB>;
  logger: Logger;
  tenantId: string;
  principal: Principal;
  catalog: DemoCatalog;
  now: number;
  seed: number;
  /** More of the year, done at their moments among billing's own (licensing, say). */
  milestones?: readonly DemoMilestone[];
}): Promise<{ actions: number; jobs: number }> {
  const start = options.now - 365 * DAY_MS;
  const clock = new ManualClock(start);
  const services: Services = {
    db: options.db,
    clock,
    logger: options.logger,
    mode: 'standalone',
    procedures: appProcedures,
    gateways: sandboxGateways(options.db, clock),
  };
  const caller = callerFor(
    createContext({
      services,
      principal: options.principal,
      requestedTenantId: options.tenantId,
      client: { kind: 'system', id: 'demo' },
    }),
  );
  // Rates first, so every movement and payment in euros converts as it happens.
  await caller.analyticsSettings.importFxRates({
    csv: demoFxCsv(new SeededRandom(options.seed + 2), start, options.now),
  });
  const customers = await options.db
    .selectFrom('customers')
    .select(['id', 'created_at', 'country'])
    .where('tenant_id', '=', options.tenantId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const plan = planDemoHistory(
    new SeededRandom(options.seed),
    customers.map((c) => ({ id: c.id, createdAt: c.created_at, country: c.country })),
    options.catalog,
    start,
    options.now,
    new SeededRandom(options.seed + 1),
  );
  const jobs = {
    db: options.db,
    clock,
    logger: options.logger,
    handlers: appJobHandlers(services),
  };
  let jobsRun = 0;
  // Each renewal and trial end happens at its own moment, as the live job loop would run it.
  const runJobsUntil = async (until: number) => {
    for (
      let due = await nextDueTime(options.db, null, until);
      due !== undefined;
      due = await nextDueTime(options.db, null, until)
    ) {
      clock.set(Math.max(clock.now(), due));
      const ran = await runDueJobs(jobs, 100_000);
      jobsRun += ran;
      if (ran === 0) break;
    }
    clock.set(Math.max(clock.now(), until));
  };
  const milestones = [...(options.milestones ?? [])].sort((a, b) => a.at - b.at);
  const runMilestonesUntil = async (until: number) => {
    for (let next = milestones[0]; next && next.at <= until; next = milestones[0]) {
      milestones.shift();
      await runJobsUntil(next.at);
      await next.run({ caller, services, clock });
    }
  };
  for (const action of plan) {
    await runMilestonesUntil(action.at);
    await runJobsUntil(action.at);
    await perform(caller, action).catch((error: unknown) => {
      // A planned action the engine refuses (the subscription already lapsed, say) is simply skipped.
      options.logger.debug({ err: error, action: action.kind }, 'demo action skipped');
    });
  }
  await runMilestonesUntil(options.now);
  await runJobsUntil(options.now);
  return { actions: plan.length, jobs: jobsRun };
}

const callerFor = createCallerFactory(appRouter);
type Caller = ReturnType<typeof callerFor>;

/** Something the demo does at a moment of its year, as the owner, through the console's procedures. */
export interface DemoMilestone {
  at: number;
  run: (on: { caller: Caller; services: Services; clock: ManualClock }) => Promise<void>;
}

async function perform(caller: Caller, action: DemoAction): Promise<void> {
  switch (action.kind) {
    case 'subscribe': {
      // A returning customer's new card replaces the one that lapsed.
      await caller.paymentMethods.add({
        customerId: action.customerId,
        source: action.card,
        makeDefault: action.returning === true,
      });
      const started = await caller.subscriptions.create({
        customerId: action.customerId,
        priceId: action.priceId,
        trialDays: action.trialDays,
        quantity: action.quantity,
      });
      action.onStarted?.(started.subscription.id);
      return;
    }
    case 'change': {
      const id = action.subscription();
      if (!id) return;
      const { subscription } = await caller.subscriptions.get({ id });
      await caller.subscriptions.changePlan({
        id,
        priceId: action.priceId,
        quantity: subscription.quantity,
        expectedVersion: subscription.version,
      });
      return;
    }
    case 'seats': {
      const id = action.subscription();
      if (!id) return;
      const { subscription } = await caller.subscriptions.get({ id });
      await caller.subscriptions.changePlan({
        id,
        priceId: subscription.priceId,
        quantity: Math.max(1, subscription.quantity + action.delta),
        expectedVersion: subscription.version,
      });
      return;
    }
    case 'cancel': {
      const id = action.subscription();
      if (id) await caller.subscriptions.cancel({ id, when: action.when, prorate: action.when === 'now' });
      return;
    }
    case 'card_fails': {
      const { paymentMethods } = await caller.billing.customer({ customerId: action.customerId });
      await caller.paymentMethods.add({
        customerId: action.customerId,
        source: action.card,
        makeDefault: true,
      });
      for (const method of paymentMethods.filter((m) => m.status === 'active'))
        await caller.paymentMethods.remove({ id: method.id });
      return;
    }
    case 'card_fixed':
      await caller.paymentMethods.add({
        customerId: action.customerId,
        source: action.card,
        makeDefault: true,
      });
      return;
    case 'refund': {
      const id = action.subscription();
      if (!id) return;
      const { invoices } = await caller.subscriptions.get({ id });
      const paid = invoices.find((i) => i.status === 'paid' && i.total > 0);
      if (!paid) return;
      const { payments } = await caller.invoices.get({ id: paid.id });
      const payment = payments.find((p) => p.refundable > 0);
      if (payment)
        await caller.payments.refund({
          paymentId: payment.id,
          amount: action.full ? undefined : Math.max(1, Math.floor(payment.refundable / 2)),
          reason: action.reason,
        });
      return;
    }
  }
}
