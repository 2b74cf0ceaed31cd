import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { BillablePrice } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A price as billing needs it, archived or not: existing subscribers keep an archived
 * price (only new subscriptions are refused it, by the catalog).
 */
export async function billablePrice(
  db: Db,
  tenantId: string,
  priceId: string,
): Promise<BillablePrice | undefined> {
  const row = await db
    .selectFrom('prices')
    .innerJoin('plans', 'plans.id', 'prices.plan_id')
    .select([
      'prices.id',
      'prices.plan_id',
      'plans.name as plan_name',
      'prices.amount',
      'prices.currency',
      'prices.interval',
      'prices.trial_days',
    ])
    .where('prices.tenant_id', '=', tenantId)
    .where('prices.id', '=', priceId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      planId: row.plan_id,
      planName: row.plan_name,
      amount: row.amount,
      currency: row.currency,
      interval: row.interval,
      trialDays: row.trial_days,
    }
  );
}
