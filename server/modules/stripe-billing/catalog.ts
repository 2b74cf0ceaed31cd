import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import { runCommand, type EntityChange } from '../../commands/run-command';
import { serializeOn } from '../../db/locks';
import type { DB } from '../../db/schema';
import { createGatewayPrice, createGatewayProductAndPlan, findPlanIdByGatewayRef } from '../catalog';
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
  const known = await findPlanIdByGatewayRef(trx, tenantId, product.id);
  if (known) return known;
  const created = await createGatewayProductAndPlan(
    trx,
    tenantId,
    {
      ref: product.id,
      name: product.name,
      description: product.description ?? 'From Stripe',
      planDescription: `Mirrored from Stripe product ${product.id}`,
    },
    now,
  );
  changes.push(
    { entityType: 'product', entityId: created.product.id, before: null, after: created.product },
    { entityType: 'plan', entityId: created.plan.id, before: null, after: created.plan },
  );
  return created.plan.id;
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
    // Two instances may mirror the same product at once (two subscriptions on its prices): on
    // PostgreSQL the second waits here, then finds what the first made instead of inserting it again.
    await serializeOn(trx, `stripe-product:${context.tenantId}:${product.id}`);
    const again = await priceByRef(trx, context.tenantId, ref);
    if (again) return { result: again, changes: [] };
    const changes: EntityChange[] = [];
    const planId = await ensureProductAndPlan(trx, context.tenantId, product, now, changes);
    const row = await createGatewayPrice(
      trx,
      context.tenantId,
      {
        ref,
        plan_id: planId,
        amount: unitAmount,
        currency: fields.currency.toUpperCase(),
        interval,
        status: fields.active ? 'active' : 'archived',
      },
      now,
    );
    changes.push({ entityType: 'price', entityId: row.id, before: null, after: row });
    return { result: { id: row.id, planId }, changes };
  });
  invalidateTenantEntitlements(context.tenantId);
  return created;
}
