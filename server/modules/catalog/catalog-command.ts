import type { Transaction } from 'kysely';
import type { Plan, Product } from '../../../shared/catalog/types';
import { runCommand, type CommandScope, type CommandWork } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { invalidateTenantEntitlements } from '../entitlements';
import { findPlan } from './plan-repo';
import { findProduct } from './product-repo';

/**
 * Runs a catalog command and, once it has committed, drops the tenant's cached
 * entitlements: plans feed every customer's, so any catalog change may alter them.
 */
export async function runCatalogCommand<T>(
  scope: CommandScope,
  action: string,
  work: CommandWork<T>,
): Promise<T> {
  const result = await runCommand(scope, action, work);
  invalidateTenantEntitlements(scope.tenantId);
  return result;
}

/** An entity as the audit trail and change log keep it. */
export const snapshot = <T extends object>(entity: T) => ({ ...entity }) as Record<string, unknown>;

export async function loadProduct(trx: Transaction<DB>, tenantId: string, id: string): Promise<Product> {
  const product = await findProduct(trx, tenantId, id);
  if (!product) throw notFound('Product');
  return product;
}

export async function loadPlan(trx: Transaction<DB>, tenantId: string, id: string): Promise<Plan> {
  const plan = await findPlan(trx, tenantId, id);
  if (!plan) throw notFound('Plan');
  return plan;
}

/** Refuses to build on an archived product or plan: archiving means nothing new starts from it. */
export function assertActive(
  entity: { status: string; name: string },
  what: 'product' | 'plan',
  doing: string,
) {
  if (entity.status !== 'active') {
    throw new DomainError('INVALID_STATE', `The ${what} ${entity.name} is archived, so you cannot ${doing}`);
  }
}
