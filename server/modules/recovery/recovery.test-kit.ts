import { sql } from 'kysely';
import { DAY_MS } from '../../../shared/billing/periods';
import type { RecoveryPolicy } from '../../../shared/billing/recovery-schema';
import type { BillingWorld } from '../../testing/billing.test-kit';
import { START } from '../../testing/world.test-kit';

/** Recovery's test kit: a subscriber whose trial ends in a failed charge, and what to read after. */

export const TRIAL_END = START + 14 * DAY_MS;
export const HOUR = 3_600_000;
/** Attaches, then every charge is declined as stolen: a hard decline. */
export const STOLEN_CARD = '4000 0000 0000 9979';

export const manager = (world: BillingWorld) => world.as('owner', world.tenants.A.id);

export async function setPolicy(world: BillingWorld, policy: RecoveryPolicy) {
  await manager(world).recovery.updatePolicy(policy);
}

/** A Pro subscriber on a test clock whose card fails when the 14-day trial ends at TRIAL_END. */
export async function failingSubscriber(world: BillingWorld, name: string, card: string) {
  const { customerId, clockId } = await world.customerOnClock(name, card);
  const { subscription } = await world.as('billingA').subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 14,
  });
  await world.advance(clockId, TRIAL_END + HOUR);
  const invoice = (await world.as('billingA').invoices.list({ subscriptionId: subscription.id })).items[0];
  if (!invoice) throw new Error('the trial end issued no invoice');
  return { customerId, clockId, subscriptionId: subscription.id, invoiceId: invoice.id };
}

type Row = Record<string, unknown>;

export async function recoveryRow(world: BillingWorld, invoiceId: string): Promise<Row | undefined> {
  return world.database.db
    .selectFrom('invoice_recoveries')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirst();
}

/** The invoice's charge attempts in order: when each happened, its number and outcome. */
export async function attemptsOf(world: BillingWorld, invoiceId: string) {
  return world.database.db
    .selectFrom('payments')
    .select(['created_at as at', 'attempt_number as attempt', 'status', 'failure_code as code'])
    .where('invoice_id', '=', invoiceId)
    .orderBy('attempt_number')
    .execute();
}

/** The invoice's retry jobs: when each was due and what became of it. */
export async function retryJobsOf(world: BillingWorld, invoiceId: string) {
  return world.database.db
    .selectFrom('jobs')
    .select(['run_at as runAt', 'status', 'test_clock_id as clock'])
    .where('kind', '=', 'recovery.retry')
    .where('dedupe_key', 'like', `recovery:${invoiceId}:%`)
    .orderBy('run_at')
    .execute();
}

/** The subject's billing events of one type, in the order they were recorded. */
export async function eventsOf(
  world: BillingWorld,
  subjectId: string,
  type: string,
): Promise<(Row & { at: number })[]> {
  const events = await world.database.db
    .selectFrom('billing_events')
    .select(['data', 'occurred_at as at'])
    .where('subject_id', '=', subjectId)
    .where('type', '=', type)
    // rowid: SQLite's own, and on PostgreSQL the identity column made for this order.
    .orderBy(sql`rowid`)
    .execute();
  return events.map((e) => ({ ...(JSON.parse(e.data) as Row), at: e.at }));
}

export async function subscriptionOf(world: BillingWorld, id: string) {
  return (await world.as('billingA').subscriptions.get({ id })).subscription;
}

export async function invoiceOf(world: BillingWorld, id: string) {
  return (await world.as('billingA').invoices.get({ id })).invoice;
}
