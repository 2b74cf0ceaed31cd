import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { PaymentMethod } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

export function toPaymentMethod(
  row: Selectable<DB['payment_methods']>,
  defaultId: string | null,
): PaymentMethod {
  return {
    id: row.id,
    customerId: row.customer_id,
    gateway: row.gateway,
    gatewayRef: row.gateway_ref,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    status: row.status,
    isDefault: row.id === defaultId,
    createdAt: row.created_at,
  };
}

export async function insertPaymentMethod(
  db: Db,
  tenantId: string,
  pm: Omit<PaymentMethod, 'isDefault'>,
): Promise<void> {
  await db
    .insertInto('payment_methods')
    .values({
      id: pm.id,
      tenant_id: tenantId,
      customer_id: pm.customerId,
      gateway: pm.gateway,
      gateway_ref: pm.gatewayRef,
      brand: pm.brand,
      last4: pm.last4,
      exp_month: pm.expMonth,
      exp_year: pm.expYear,
      status: pm.status,
      created_at: pm.createdAt,
      detached_at: null,
    })
    .execute();
}

export async function findPaymentMethod(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('payment_methods')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function paymentMethodsOfCustomer(db: Db, tenantId: string, customerId: string) {
  return db
    .selectFrom('payment_methods')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .execute();
}

export async function markDetached(db: Db, tenantId: string, id: string, now: number): Promise<void> {
  await db
    .updateTable('payment_methods')
    .set({ status: 'detached', detached_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}
