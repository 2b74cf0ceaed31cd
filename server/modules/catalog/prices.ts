import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { priceCreateInput } from '../../../shared/catalog/schema';
import type { Plan, Price } from '../../../shared/catalog/types';
import { newId } from '../../../shared/ids';
import type { CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { assertActive, loadPlan, loadProduct, runCatalogCommand, snapshot } from './catalog-command';
import { findPlan } from './plan-repo';
import { findProduct } from './product-repo';
import { findPrice, insertPrice, updatePriceStatus } from './price-repo';

type CreateInput = z.output<typeof priceCreateInput>;

const ENTITY = 'price';

/** Adds a price to a plan. Prices never change afterwards, as in Stripe: to change one, archive it and add another. */
export function createPrice(scope: CommandScope, input: CreateInput): Promise<Price> {
  return runCatalogCommand(scope, 'price.created', async (trx, now) => {
    const plan = await loadPlan(trx, scope.tenantId, input.planId);
    assertActive(plan, 'plan', 'add prices to it');
    assertActive(
      await loadProduct(trx, scope.tenantId, plan.productId),
      'product',
      'add prices to its plans',
    );
    const price: Price = {
      id: newId('pri', now),
      ...input,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await insertPrice(trx, scope.tenantId, price);
    return {
      result: price,
      changes: [{ entityType: ENTITY, entityId: price.id, before: null, after: snapshot(price) }],
    };
  });
}

/** Archives a price: its subscribers keep it, but no new subscription can choose it. */
export function archivePrice(scope: CommandScope, id: string): Promise<Price> {
  return runCatalogCommand(scope, 'price.archived', async (trx, now) => {
    const current = await findPrice(trx, scope.tenantId, id);
    if (!current) throw notFound('Price');
    if (current.status === 'archived')
      throw new DomainError('INVALID_STATE', 'This price is already archived');
    const next: Price = { ...current, status: 'archived', updatedAt: now };
    await updatePriceStatus(trx, scope.tenantId, next);
    return {
      result: next,
      changes: [{ entityType: ENTITY, entityId: next.id, before: snapshot(current), after: snapshot(next) }],
    };
  });
}

/**
 * The price a new subscription (or a change to another price) may use, with its plan:
 * NOT_FOUND when the tenant has no such price, INVALID_STATE when the price, its plan or
 * its product is archived. Existing subscribers of archived prices are not affected;
 * only choosing one anew is refused. Pass the command's transaction when inside one.
 */
export async function findPriceForSubscription(
  db: Kysely<DB>,
  tenantId: string,
  priceId: string,
): Promise<{ price: Price; plan: Plan }> {
  const price = await findPrice(db, tenantId, priceId);
  if (!price) throw notFound('Price');
  if (price.status !== 'active') {
    throw new DomainError(
      'INVALID_STATE',
      'This price is archived: its subscribers keep it, but new subscriptions must choose an active price',
    );
  }
  const plan = await findPlan(db, tenantId, price.planId);
  if (!plan) throw notFound('Plan');
  assertActive(plan, 'plan', 'start new subscriptions on it');
  const product = await findProduct(db, tenantId, plan.productId);
  if (!product) throw notFound('Product');
  assertActive(product, 'product', 'start new subscriptions on its plans');
  return { price, plan };
}
