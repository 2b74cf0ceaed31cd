import type { z } from 'zod';
import type { productCreateInput, productUpdateInput } from '../../../shared/catalog/schema';
import type { Product } from '../../../shared/catalog/types';
import { newId } from '../../../shared/ids';
import type { CommandScope } from '../../commands/run-command';
import { DomainError } from '../../lib/errors';
import { assertActive, loadProduct, runCatalogCommand, snapshot } from './catalog-command';
import { findDefaultPlanOfProduct } from './plan-repo';
import { insertProduct, updateProduct as writeProduct } from './product-repo';

type CreateInput = z.output<typeof productCreateInput>;
type UpdateInput = z.output<typeof productUpdateInput>;

const ENTITY = 'product';

export function createProduct(scope: CommandScope, input: CreateInput): Promise<Product> {
  return runCatalogCommand(scope, 'product.created', async (trx, now) => {
    const product: Product = {
      id: newId('prd', now),
      ...input,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await insertProduct(trx, scope.tenantId, product);
    return {
      result: product,
      changes: [{ entityType: ENTITY, entityId: product.id, before: null, after: snapshot(product) }],
    };
  });
}

export function updateProduct(scope: CommandScope, input: UpdateInput): Promise<Product> {
  return runCatalogCommand(scope, 'product.updated', async (trx, now) => {
    const current = await loadProduct(trx, scope.tenantId, input.id);
    assertActive(current, 'product', 'edit it');
    const next: Product = { ...current, ...input.patch, updatedAt: now };
    await writeProduct(trx, scope.tenantId, next);
    return {
      result: next,
      changes: [{ entityType: ENTITY, entityId: next.id, before: snapshot(current), after: snapshot(next) }],
    };
  });
}

/**
 * Archives a product: no new plans start under it and its prices take no new subscribers;
 * existing subscriptions keep what they have.
 */
export function archiveProduct(scope: CommandScope, id: string): Promise<Product> {
  return runCatalogCommand(scope, 'product.archived', async (trx, now) => {
    const current = await loadProduct(trx, scope.tenantId, id);
    if (current.status === 'archived') {
      throw new DomainError('INVALID_STATE', `The product ${current.name} is already archived`);
    }
    const defaultPlan = await findDefaultPlanOfProduct(trx, scope.tenantId, id);
    if (defaultPlan) {
      throw new DomainError(
        'INVALID_STATE',
        `${current.name} holds the workspace's default plan (${defaultPlan.name}); make another product's plan the default first`,
      );
    }
    const next: Product = { ...current, status: 'archived', updatedAt: now };
    await writeProduct(trx, scope.tenantId, next);
    return {
      result: next,
      changes: [{ entityType: ENTITY, entityId: next.id, before: snapshot(current), after: snapshot(next) }],
    };
  });
}
