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

export function recoveryRow(world: BillingWorld, invoiceId: string) {
  return world.database.sqlite
    .prepare('SELECT * FROM invoice_recoveries WHERE invoice_id = ?')
    .get(invoiceId) as Row | undefined;
}

/** The invoice's charge attempts in order: when each happened, its number and outcome. */
export function attemptsOf(world: BillingWorld, invoiceId: string) {
  return world.database.sqlite
    .prepare(
      'SELECT created_at AS at, attempt_number AS attempt, status, failure_code AS code FROM payments WHERE invoice_id = ? ORDER BY attempt_number',
    )
    .all(invoiceId) as { at: number; attempt: number; status: string; code: string | null }[];
}

/** The invoice's retry jobs: when each was due and what became of it. */
export function retryJobsOf(world: BillingWorld, invoiceId: string) {
  return world.database.sqlite
    .prepare(
      "SELECT run_at AS runAt, status, test_clock_id AS clock FROM jobs WHERE kind = 'recovery.retry' AND dedupe_key LIKE ? ORDER BY run_at",
    )
    .all(`recovery:${invoiceId}:%`) as { runAt: number; status: string; clock: string | null }[];
}

export function eventsOf(world: BillingWorld, subjectId: string, type: string): (Row & { at: number })[] {
  return (
    world.database.sqlite
      .prepare(
        'SELECT data, occurred_at AS at FROM billing_events WHERE subject_id = ? AND type = ? ORDER BY rowid',
      )
      .all(subjectId, type) as { data: string; at: number }[]
  ).map((e) => ({ ...(JSON.parse(e.data) as Row), at: e.at }));
}

export async function subscriptionOf(world: BillingWorld, id: string) {
  return (await world.as('billingA').subscriptions.get({ id })).subscription;
}

export async function invoiceOf(world: BillingWorld, id: string) {
  return (await world.as('billingA').invoices.get({ id })).invoice;
}
