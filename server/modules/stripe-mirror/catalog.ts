import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { newId } from '../../../shared/ids';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { findPlanIdByName } from '../catalog';
import { invalidateTenantEntitlements } from '../entitlements';
import { mirrorScope, stripeOf, type MirrorContext } from './context';
import { mirroredInterval, PRICE_FIELDS, PRODUCT_FIELDS } from './mapping';
import { requiredFields } from './stripe-fields';
import { priceByRef } from './repo';

type Trx = Transaction<DB>;

/** A Stripe product becomes a product with one plan, both carrying the prod_ id. */
async function ensureProductAndPlan(
  trx: Trx,
  tenantId: string,
  product: Stripe.Product,
  now: number,
  changes: EntityChange[],
): Promise<string> {
  const plan = await trx
    .selectFrom('plans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', product.id)
    .executeTakeFirst();
  if (plan) return plan.id;
  const productRow = {
    id: newId('prd', now),
    tenant_id: tenantId,
    name: product.name,
    description: product.description ?? 'From Stripe',
    status: 'active' as const,
    created_at: now,
    updated_at: now,
    gateway_ref: product.id,
  };
  await trx.insertInto('products').values(productRow).execute();
  // Plan names are unique per tenant, ignoring case as the catalog does: a Stripe product
  // named like a Tollgate plan ("ÉCOLE" beside "école") is told apart.
  const taken = await findPlanIdByName(trx, tenantId, product.name);
  const planRow = {
    id: newId('pln', now),
    tenant_id: tenantId,
    product_id: productRow.id,
    name: taken ? `${product.name} (Stripe ${product.id})` : product.name,
    description: `Mirrored from Stripe product ${product.id}`,
    status: 'active' as const,
    sort_order: 0,
    is_default: 0,
    version: 1,
    created_at: now,
    updated_at: now,
    gateway_ref: product.id,
  };
  await trx.insertInto('plans').values(planRow).execute();
  changes.push(
    { entityType: 'product', entityId: productRow.id, before: null, after: productRow },
    { entityType: 'plan', entityId: planRow.id, before: null, after: planRow },
  );
  return planRow.id;
}

async function productOf(context: MirrorContext, price: Stripe.Price, ref: string): Promise<Stripe.Product> {
  const product =
    typeof price.product !== 'string' && !price.product.deleted
      ? price.product
      : await stripeOf(context).products.retrieve(ref);
  requiredFields('product', product, PRODUCT_FIELDS);
  return product;
}

/**
 * The local price a Stripe price stands for; an unknown one is created (with its product
 * and plan, fetched when the snapshot names only their ids) and marked as from Stripe.
 */
export async function ensurePrice(
  context: MirrorContext,
  price: Stripe.Price | string,
): Promise<{ id: string; planId: string }> {
  const ref = typeof price === 'string' ? price : price.id;
  const known = await priceByRef(context.db, context.tenantId, ref);
  if (known) return known;
  const full = typeof price === 'string' ? await stripeOf(context).prices.retrieve(ref) : price;
  const fields = requiredFields('price', full, PRICE_FIELDS);
  const interval = mirroredInterval(full);
  if (full.unit_amount === null)
    throw new Error(`Stripe price ${ref} has no unit amount; only per-unit prices are mirrored`);
  const unitAmount = full.unit_amount;
  const product = await productOf(context, full, fields.productRef);
  const created = await runCommand(mirrorScope(context), 'catalog.mirrored_from_stripe', async (trx, now) => {
    const again = await priceByRef(trx, context.tenantId, ref);
    if (again) return { result: again, changes: [] };
    const changes: EntityChange[] = [];
    const planId = await ensureProductAndPlan(trx, context.tenantId, product, now, changes);
    const row = {
      id: newId('pri', now),
      tenant_id: context.tenantId,
      plan_id: planId,
      amount: unitAmount,
      currency: fields.currency.toUpperCase(),
      interval,
      trial_days: 0,
      status: fields.active ? ('active' as const) : ('archived' as const),
      created_at: now,
      updated_at: now,
      gateway_ref: ref,
    };
    await trx.insertInto('prices').values(row).execute();
    changes.push({ entityType: 'price', entityId: row.id, before: null, after: row });
    return { result: { id: row.id, planId }, changes };
  });
  invalidateTenantEntitlements(context.tenantId);
  return created;
}
