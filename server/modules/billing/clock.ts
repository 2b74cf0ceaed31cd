import type { Kysely } from 'kysely';
import type { Actor, CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { BillingCustomer } from './repo/customer-billing';
import { findTestClock } from './repo/test-clocks';

/** Who billing acts as when it acts by itself (renewals, trial ends, retries). */
export const BILLING_ACTOR: Actor = { userId: null, name: 'Billing', client: 'system:billing' };

/** A clock stopped at one moment: a job "happens" at its due time, whenever it runs. */
export const clockAt = (at: number): Clock => ({ now: () => at });

/**
 * The clock a customer lives on: their test clock's time when they are attached to one
 * (so staff actions on them happen in simulated time), else the backend's clock.
 */
export async function customerClock(
  db: Kysely<DB>,
  fallback: Clock,
  tenantId: string,
  customer: BillingCustomer,
): Promise<Clock> {
  if (!customer.testClockId) return fallback;
  const clock = await findTestClock(db, tenantId, customer.testClockId);
  return clock ? clockAt(clock.now) : fallback;
}

/** A command scope for billing itself, at a given time. */
export function systemScope(db: Kysely<DB>, tenantId: string, at: number): CommandScope {
  return { db, tenantId, clock: clockAt(at), actor: BILLING_ACTOR };
}
