import type { Insertable, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import type { DB } from '../../db/schema';
import { findPlanIdByName } from './plan-repo';

/**
 * Catalog rows that a payment gateway's catalog brings in (the Stripe Billing mirror): a
 * gateway product becomes a product with one plan, a gateway price a price of that plan, each
 * carrying the gateway's id. The caller runs the command and records the returned rows as
 * the changes.
 */

type Trx = Transaction<DB>;

export type ProductRow = Insertable<DB['products']> & { id: string };
export type PlanRow = Insertable<DB['plans']> & { id: string };
export type PriceRow = Insertable<DB['prices']> & { id: string };

/** The plan already made for a gateway product, if any. */
export async function findPlanIdByGatewayRef(
  trx: Trx,
  tenantId: string,
  ref: string,
): Promise<string | undefined> {
  const plan = await trx
    .selectFrom('plans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', ref)
    .executeTakeFirst();
  return plan?.id;
}

/** Creates a product and its one plan for a gateway product. */
export async function createGatewayProductAndPlan(
  trx: Trx,
  tenantId: string,
  product: { ref: string; name: string; description: string; planDescription: string },
  now: number,
): Promise<{ product: ProductRow; plan: PlanRow }> {
  const productRow = {
    id: newId('prd', now),
    tenant_id: tenantId,
    name: product.name,
    description: product.description,
    status: 'active' as const,
    created_at: now,
    updated_at: now,
    gateway_ref: product.ref,
  };
  await trx.insertInto('products').values(productRow).execute();
  // Plan names are unique per tenant, ignoring case as the catalog does: a gateway product
  // named like a Tollgate plan ("ÉCOLE" beside "école") is told apart.
  const taken = await findPlanIdByName(trx, tenantId, product.name);
  const planRow = {
    id: newId('pln', now),
    tenant_id: tenantId,
    product_id: productRow.id,
    name: taken ? `${product.name} (Stripe ${product.ref})` : product.name,
    description: product.planDescription,
    status: 'active' as const,
    sort_order: 0,
    is_default: 0,
    version: 1,
    created_at: now,
    updated_at: now,
    gateway_ref: product.ref,
  };
  await trx.insertInto('plans').values(planRow).execute();
  return { product: productRow, plan: planRow };
}

/** Creates a plan's price for a gateway price. */
export async function createGatewayPrice(
  trx: Trx,
  tenantId: string,
  price: Pick<PriceRow, 'plan_id' | 'amount' | 'currency' | 'interval' | 'status'> & { ref: string },
  now: number,
): Promise<PriceRow> {
  const row = {
    id: newId('pri', now),
    tenant_id: tenantId,
    plan_id: price.plan_id,
    amount: price.amount,
    currency: price.currency,
    interval: price.interval,
    trial_days: 0,
    status: price.status,
    created_at: now,
    updated_at: now,
    gateway_ref: price.ref,
  };
  await trx.insertInto('prices').values(row).execute();
  return row;
}
