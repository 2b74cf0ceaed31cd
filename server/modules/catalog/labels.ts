import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** A price as people name it: its plan, amount and interval ("Pro, $99.00 a month"). */
export interface PriceLabel {
  planId: string;
  planName: string;
  amount: number;
  currency: string;
  interval: string;
}

/** Names for a page of prices in one query (archived ones too: history names what was sold). */
export async function priceLabels(
  db: Kysely<DB>,
  tenantId: string,
  priceIds: readonly string[],
): Promise<Map<string, PriceLabel>> {
  if (priceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('prices')
    .innerJoin('plans', (join) =>
      join.onRef('plans.id', '=', 'prices.plan_id').onRef('plans.tenant_id', '=', 'prices.tenant_id'),
    )
    .select([
      'prices.id',
      'prices.plan_id',
      'plans.name',
      'prices.amount',
      'prices.currency',
      'prices.interval',
    ])
    .where('prices.tenant_id', '=', tenantId)
    .where('prices.id', 'in', [...new Set(priceIds)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { planId: r.plan_id, planName: r.name, amount: r.amount, currency: r.currency, interval: r.interval },
    ]),
  );
}

/** Names for a page of plans, products or features in one query each. */
export async function catalogNames(
  db: Kysely<DB>,
  tenantId: string,
  ids: { plan?: readonly string[]; product?: readonly string[] },
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.plan?.length) {
    const rows = await db
      .selectFrom('plans')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...new Set(ids.plan)])
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  if (ids.product?.length) {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', [...new Set(ids.product)])
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}
