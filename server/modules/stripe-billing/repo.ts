import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Lookups of mirrored rows by the Stripe id they carry. */

export async function customerIdByRef(db: Db, tenantId: string, ref: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('customers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('gateway_customer_ref', '=', ref)
    .executeTakeFirst();
  return row?.id;
}

export async function priceByRef(
  db: Db,
  tenantId: string,
  ref: string,
): Promise<{ id: string; planId: string } | undefined> {
  const row = await db
    .selectFrom('prices')
    .select(['id', 'plan_id'])
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', ref)
    .executeTakeFirst();
  return row && { id: row.id, planId: row.plan_id };
}

export async function subscriptionByRef(db: Db, tenantId: string, ref: string) {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', ref)
    .executeTakeFirst();
}

export async function invoiceByRef(db: Db, tenantId: string, ref: string) {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', ref)
    .executeTakeFirst();
}

export async function paymentMethodIdByRef(db: Db, tenantId: string, ref: string): Promise<string | null> {
  const row = await db
    .selectFrom('payment_methods')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('gateway', '=', 'stripe')
    .where('gateway_ref', '=', ref)
    .executeTakeFirst();
  return row?.id ?? null;
}
