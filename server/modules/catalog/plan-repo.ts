import type { Kysely, Transaction } from 'kysely';
import { foldCase } from '../../../shared/case-fold';
import type { FeatureKind, Plan, PlanFeatureValues } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';
import { decodeFeatureValue, encodeFeatureValue } from './feature-values';

type Db = Kysely<DB> | Transaction<DB>;
type PlanRow = Omit<Plan, 'features'>;

const COLUMNS = [
  'id',
  'product_id',
  'name',
  'description',
  'status',
  'sort_order',
  'is_default',
  'version',
  'created_at',
  'updated_at',
] as const;

function toPlanRow(row: Pick<DB['plans'], (typeof COLUMNS)[number]>): PlanRow {
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    description: row.description,
    status: row.status,
    sortOrder: row.sort_order,
    isDefault: row.is_default === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function planColumns(plan: Plan) {
  return {
    product_id: plan.productId,
    name: plan.name,
    description: plan.description,
    status: plan.status,
    sort_order: plan.sortOrder,
    is_default: plan.isDefault ? 1 : 0,
    version: plan.version,
    updated_at: plan.updatedAt,
  };
}

export async function insertPlan(db: Db, tenantId: string, plan: Plan): Promise<void> {
  await db
    .insertInto('plans')
    .values({ id: plan.id, tenant_id: tenantId, created_at: plan.createdAt, ...planColumns(plan) })
    .execute();
}

/** Writes the new state only if the row is still at `expectedVersion`; returns whether it was. */
export async function updatePlanIfVersion(
  db: Db,
  tenantId: string,
  plan: Plan,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db
    .updateTable('plans')
    .set(planColumns(plan))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', plan.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Replaces the plan's feature values with `values`. */
export async function replacePlanFeatures(
  db: Db,
  tenantId: string,
  planId: string,
  values: PlanFeatureValues,
  kinds: ReadonlyMap<string, FeatureKind>,
): Promise<void> {
  await db
    .deleteFrom('plan_features')
    .where('tenant_id', '=', tenantId)
    .where('plan_id', '=', planId)
    .execute();
  const rows = Object.entries(values).flatMap(([key, value]) => {
    const kind = kinds.get(key);
    return kind
      ? [{ tenant_id: tenantId, plan_id: planId, feature_key: key, value: encodeFeatureValue(kind, value) }]
      : [];
  });
  if (rows.length > 0) await db.insertInto('plan_features').values(rows).execute();
}

/** Feature values of the tenant's plans (all of them, or those listed), by plan id. */
export async function selectPlanFeatureValues(
  db: Db,
  tenantId: string,
  planIds?: readonly string[],
): Promise<Map<string, PlanFeatureValues>> {
  let query = db
    .selectFrom('plan_features')
    .innerJoin('features', (join) =>
      join
        .onRef('features.tenant_id', '=', 'plan_features.tenant_id')
        .onRef('features.key', '=', 'plan_features.feature_key'),
    )
    .select(['plan_features.plan_id', 'plan_features.feature_key', 'plan_features.value', 'features.kind'])
    .where('plan_features.tenant_id', '=', tenantId);
  if (planIds) {
    if (planIds.length === 0) return new Map();
    query = query.where('plan_features.plan_id', 'in', planIds);
  }
  const byPlan = new Map<string, PlanFeatureValues>();
  for (const row of await query.orderBy('plan_features.feature_key').execute()) {
    let values = byPlan.get(row.plan_id);
    if (!values) byPlan.set(row.plan_id, (values = {}));
    values[row.feature_key] = decodeFeatureValue(row.kind, row.value);
  }
  return byPlan;
}

export async function findPlan(db: Db, tenantId: string, id: string): Promise<Plan | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const features = (await selectPlanFeatureValues(db, tenantId, [id])).get(id) ?? {};
  return { ...toPlanRow(row), features };
}

/**
 * The id of the tenant's plan with this name, ignoring case by the shared rule (foldCase),
 * archived plans included. Compared here, not by SQLite's ASCII-only lower(): "ÉCOLE Plan"
 * and "école plan" are one name. The rule is looser than the exact unique index, so a name
 * it finds free can always be stored.
 */
export async function findPlanIdByName(db: Db, tenantId: string, name: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const key = foldCase(name);
  return rows.find((row) => foldCase(row.name) === key)?.id;
}

export async function findDefaultPlanId(db: Db, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('plans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('is_default', '=', 1)
    .executeTakeFirst();
  return row?.id;
}

/** The tenant's default plan, if it belongs to `productId`. */
export async function findDefaultPlanOfProduct(
  db: Db,
  tenantId: string,
  productId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('plans')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('product_id', '=', productId)
    .where('is_default', '=', 1)
    .executeTakeFirst();
}

/** The tenant's plans in display order, with their feature values; archived ones only when asked. */
export async function selectPlans(db: Db, tenantId: string, includeArchived: boolean): Promise<Plan[]> {
  let query = db.selectFrom('plans').select(COLUMNS).where('tenant_id', '=', tenantId);
  if (!includeArchived) query = query.where('status', '=', 'active');
  const rows = await query.orderBy('sort_order').orderBy('name').execute();
  const values = await selectPlanFeatureValues(db, tenantId);
  return rows.map((row) => ({ ...toPlanRow(row), features: values.get(row.id) ?? {} }));
}
