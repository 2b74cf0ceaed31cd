import type { Kysely } from 'kysely';
import type { CatalogOverview, PlanWithPrices, Price } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';
import { selectFeatures } from './feature-repo';
import { selectPlans } from './plan-repo';
import { selectPrices } from './price-repo';
import { selectProducts } from './product-repo';

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * The whole catalog as the Plans & prices screen shows it: products by name, their plans in
 * display order with feature values, each plan's prices, and the feature list. A fixed
 * handful of queries (one per table), however large the catalog.
 */
export async function catalogOverview(
  db: Kysely<DB>,
  tenantId: string,
  options: { includeArchived: boolean },
): Promise<CatalogOverview> {
  const [features, products, plans, prices] = await Promise.all([
    selectFeatures(db, tenantId),
    selectProducts(db, tenantId, options.includeArchived),
    selectPlans(db, tenantId, options.includeArchived),
    selectPrices(db, tenantId, options.includeArchived),
  ]);
  const pricesByPlan = groupBy(prices, (price: Price) => price.planId);
  const plansByProduct = groupBy(
    plans.map((plan): PlanWithPrices => ({ ...plan, prices: pricesByPlan.get(plan.id) ?? [] })),
    (plan) => plan.productId,
  );
  return {
    features,
    products: products.map((product) => ({ ...product, plans: plansByProduct.get(product.id) ?? [] })),
  };
}
