import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import { loadCustomer, scopeFor, type StaffRequest } from '../deps';
import { findSubscription } from '../repo/subscriptions';

/** The subscription a staff action names, its customer, and a scope on the customer's clock. */
export async function loadForAction(request: StaffRequest, subscriptionId: string) {
  const subscription = await findSubscription(request.deps.db, request.tenantId, subscriptionId);
  if (!subscription) throw notFound('Subscription');
  const customer = await loadCustomer(request.deps, request.tenantId, subscription.customerId, false);
  const scope = await scopeFor(request, customer);
  return {
    subscription,
    customer,
    scope,
    where: { tenantId: request.tenantId, testClockId: customer.testClockId },
  };
}

/** Re-reads the subscription inside the command's transaction, where the change is decided. */
export async function reload(trx: Transaction<DB>, tenantId: string, id: string) {
  const subscription = await findSubscription(trx, tenantId, id);
  if (!subscription) throw notFound('Subscription');
  if (subscription.managedBy === 'stripe') {
    throw new DomainError('INVALID_STATE', 'This subscription is managed in Stripe Billing; change it there');
  }
  return subscription;
}
