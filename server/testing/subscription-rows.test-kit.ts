import type { Insertable } from 'kysely';
import type { DB } from '../db/schema';
import { newId } from '../../shared/ids';
import { START } from './world.test-kit';

/**
 * A subscription row as the subscription service writes one, for tests that put it straight
 * into the table (under another instance, or beside a read held open): one USD seat of a
 * price, its period from START, nothing pending.
 */
export function subscriptionRow(given: {
  tenantId: string;
  customerId: string;
  planId: string;
  priceId: string;
  status: 'active' | 'trialing';
  periodEnd: number;
}): Insertable<DB['subscriptions']> {
  return {
    id: newId('sub', START),
    tenant_id: given.tenantId,
    customer_id: given.customerId,
    plan_id: given.planId,
    price_id: given.priceId,
    quantity: 1,
    currency: 'USD',
    status: given.status,
    billing_anchor: START,
    current_period_start: START,
    current_period_end: given.periodEnd,
    trial_start: null,
    trial_end: null,
    trial_end_behavior: 'cancel',
    canceled_at: null,
    ended_at: null,
    paused_at: null,
    resume_at: null,
    pending_price_id: null,
    pending_quantity: null,
    payment_method_id: null,
    gateway_ref: null,
    version: 1,
    created_at: START,
    updated_at: START,
  };
}
