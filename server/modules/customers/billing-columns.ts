import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The columns billing keeps on a customer (the gateway's customer, the default card, the
 * test clock), written here because this module owns the table; billing decides when.
 */

type Db = Kysely<DB> | Transaction<DB>;

/** Links the customer to the gateway's; `updatedAt` when the link is news to staff (an existing customer linked). */
export async function setGatewayCustomerRef(
  db: Db,
  tenantId: string,
  id: string,
  ref: string,
  updatedAt?: number,
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ gateway_customer_ref: ref, ...(updatedAt === undefined ? {} : { updated_at: updatedAt }) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setDefaultPaymentMethod(
  db: Db,
  tenantId: string,
  id: string,
  paymentMethodId: string | null,
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ default_payment_method_id: paymentMethodId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function setTestClock(
  db: Db,
  tenantId: string,
  id: string,
  clockId: string | null,
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ test_clock_id: clockId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
