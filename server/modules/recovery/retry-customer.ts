import { isRecoveryPaused, openRecoveriesOfCustomer } from './repo';
import {
  BILLING_ACTOR,
  collectInvoice,
  customerClock,
  findBillingCustomer,
  subscriptionsChanged,
  type BillingDeps,
  type CollectionResult,
} from '../billing';

/**
 * Charges at once every invoice of the customer that recovery is still trying to collect:
 * what a new card on file should do. Does nothing while staff have paused recovery for the
 * customer. Each charge is its own two-phase collection, outside any transaction; call it
 * after the card is saved, never inside a transaction. `paymentMethodId` names the new card,
 * which is charged even when it is not the customer's default.
 */
export async function retryRecoveriesOfCustomer(
  deps: BillingDeps,
  tenantId: string,
  customerId: string,
  options: { paymentMethodId?: string } = {},
): Promise<CollectionResult[]> {
  const customer = await findBillingCustomer(deps.db, tenantId, customerId);
  if (!customer || (await isRecoveryPaused(deps.db, tenantId, customerId))) return [];
  const recoveries = (await openRecoveriesOfCustomer(deps.db, tenantId, customerId)).filter(
    (r) => r.status === 'retrying' || r.status === 'waiting_for_card',
  );
  if (recoveries.length === 0) return [];
  const clock = await customerClock(deps.db, deps.wallClock, tenantId, customer);
  const scope = { db: deps.db, tenantId, clock, actor: BILLING_ACTOR };
  const results: CollectionResult[] = [];
  for (const recovery of recoveries)
    results.push(await collectInvoice(deps, scope, recovery.invoiceId, options));
  subscriptionsChanged(tenantId, customerId);
  return results;
}
