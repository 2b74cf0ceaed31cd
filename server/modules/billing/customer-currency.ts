import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { subscriptionsOfCustomer } from './repo/subscriptions';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The currency a customer is billed in (decision 22): that of their live subscriptions,
 * which share one; null when they have none, and any currency may be chosen.
 */
export async function liveCurrency(db: Db, tenantId: string, customerId: string): Promise<string | null> {
  const live = (await subscriptionsOfCustomer(db, tenantId, customerId)).filter(
    (s) => s.status !== 'canceled',
  );
  return live[0]?.currency ?? null;
}

/**
 * The currency to offer first when billing the customer: their live subscriptions', else
 * that of their latest invoice, else null (nothing billed yet).
 */
export async function usualCurrency(db: Db, tenantId: string, customerId: string): Promise<string | null> {
  const live = await liveCurrency(db, tenantId, customerId);
  if (live) return live;
  const latest = await db
    .selectFrom('invoices')
    .select('currency')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.currency ?? null;
}

/**
 * Refuses to bill a customer in a second currency while live subscriptions bill them in
 * another, naming the one in use against `field`, the input that chose the currency.
 */
export async function assertCustomerCurrency(
  db: Db,
  tenantId: string,
  customerId: string,
  currency: string,
  field: string,
  fix: (inUse: string) => string,
): Promise<void> {
  const inUse = await liveCurrency(db, tenantId, customerId);
  if (inUse && inUse !== currency) {
    throw new DomainError(
      'INVALID_INPUT',
      `This customer already pays in ${inUse}; a customer is billed in one currency`,
      { [field]: [fix(inUse)] },
    );
  }
}
