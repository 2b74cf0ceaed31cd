import type { Kysely, Transaction } from 'kysely';
import type { Price } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'id',
  'plan_id',
  'amount',
  'currency',
  'interval',
  'trial_days',
  'status',
  'created_at',
  'updated_at',
] as const;

function toPrice(row: Pick<DB['prices'], (typeof COLUMNS)[number]>): Price {
  return {
    id: row.id,
    planId: row.plan_id,
    amount: row.amount,
    currency: row.currency,
    interval: row.interval,
    trialDays: row.trial_days,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertPrice(db: Db, tenantId: string, price: Price): Promise<void> {
  await db
    .insertInto('prices')
    .values({
      id: price.id,
      tenant_id: tenantId,
      plan_id: price.planId,
      amount: price.amount,
      currency: price.currency,
      interval: price.interval,
      trial_days: price.trialDays,
      status: price.status,
      created_at: price.createdAt,
      updated_at: price.updatedAt,
    })
    .execute();
}

export async function findPrice(db: Db, tenantId: string, id: string): Promise<Price | undefined> {
  const row = await db
    .selectFrom('prices')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toPrice(row);
}

/** Prices never change after creation except to be archived, so status is all there is to write. */
export async function updatePriceStatus(db: Db, tenantId: string, price: Price): Promise<void> {
  await db
    .updateTable('prices')
    .set({ status: price.status, updated_at: price.updatedAt })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', price.id)
    .execute();
}

/** The tenant's prices, cheapest first within a plan; archived ones only when asked. */
export async function selectPrices(db: Db, tenantId: string, includeArchived: boolean): Promise<Price[]> {
  let query = db.selectFrom('prices').select(COLUMNS).where('tenant_id', '=', tenantId);
  if (!includeArchived) query = query.where('status', '=', 'active');
  const rows = await query
    .orderBy('plan_id')
    .orderBy('interval')
    .orderBy('currency')
    .orderBy('amount')
    .orderBy('id')
    .execute();
  return rows.map(toPrice);
}
