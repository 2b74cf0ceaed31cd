import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** What billing needs of a customer: who they are, and the billing columns billing owns. */
export interface BillingCustomer {
  id: string;
  name: string;
  email: string;
  company: string | null;
  country: string;
  status: 'active' | 'archived';
  testClockId: string | null;
  gatewayCustomerRef: string | null;
  defaultPaymentMethodId: string | null;
}

export async function findBillingCustomer(
  db: Db,
  tenantId: string,
  id: string,
): Promise<BillingCustomer | undefined> {
  const row = await db
    .selectFrom('customers')
    .select([
      'id',
      'name',
      'email',
      'company',
      'country',
      'status',
      'test_clock_id',
      'gateway_customer_ref',
      'default_payment_method_id',
    ])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      name: row.name,
      email: row.email,
      company: row.company,
      country: row.country,
      status: row.status,
      testClockId: row.test_clock_id,
      gatewayCustomerRef: row.gateway_customer_ref,
      defaultPaymentMethodId: row.default_payment_method_id,
    }
  );
}

// The billing columns are set through the customers module, which owns the table.
export { setDefaultPaymentMethod, setGatewayCustomerRef, setTestClock } from '../../customers';
