import {
  sql,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type Transaction,
} from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { MrrState } from '../../../shared/analytics/mrr-rules';

type Db = Kysely<DB> | Transaction<DB>;
export type StateRow = Selectable<DB['mrr_states']>;
export type MovementRow = Selectable<DB['mrr_movements']>;

/**
 * Analytics reads what it needs of billing's tables with its own SQL (billing imports
 * analytics, so the reverse would be a circle): a subscription's price and its customer's
 * country — with the workspace's settings a derivation needs (null without a settings row: the
 * defaults), so a subscription write reads them in the same statement.
 */
export async function pricingOf(db: Db, tenantId: string, priceId: string, customerId: string) {
  const row = await db
    .selectFrom('prices')
    .innerJoin('customers', (join) =>
      join.on('customers.tenant_id', '=', tenantId).on('customers.id', '=', customerId),
    )
    .leftJoin('analytics_settings', (join) => join.on('analytics_settings.tenant_id', '=', tenantId))
    .select([
      'prices.amount',
      'prices.interval',
      'customers.country',
      'analytics_settings.reporting_currency',
      'analytics_settings.past_due_churn_days',
    ])
    .where('prices.tenant_id', '=', tenantId)
    .where('prices.id', '=', priceId)
    .executeTakeFirst();
  return row;
}

/** The subscription's latest state (by effective time, then record order). */
export async function latestStateOf(db: Db, tenantId: string, subscriptionId: string) {
  return db
    .selectFrom('mrr_states')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('effective_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function statesOfCustomer(db: Db, tenantId: string, customerId: string): Promise<StateRow[]> {
  return db
    .selectFrom('mrr_states')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .orderBy('effective_at')
    .orderBy('seq')
    .execute();
}

export async function movementsOfCustomer(
  db: Db,
  tenantId: string,
  customerId: string,
): Promise<MovementRow[]> {
  return db
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .execute();
}

export async function insertState(db: Db, row: Insertable<DB['mrr_states']>): Promise<void> {
  await db.insertInto('mrr_states').values(row).execute();
}

/** The columns a derivation reads (the rebuild selects only these). */
export const DERIVED_COLUMNS = [
  'id',
  'seq',
  'subscription_id',
  'customer_id',
  'effective_at',
  'status',
  'currency',
  'plan_id',
  'interval',
  'mrr',
  'past_due_since',
  'source',
  'country',
  'cause_type',
  'cause_id',
] as const;
export type DerivableState = Pick<StateRow, (typeof DERIVED_COLUMNS)[number]>;

export function toMrrState(row: DerivableState): MrrState {
  return {
    id: row.id,
    seq: row.seq,
    subscriptionId: row.subscription_id,
    customerId: row.customer_id,
    effectiveAt: row.effective_at,
    status: row.status,
    currency: row.currency,
    planId: row.plan_id,
    interval: row.interval,
    mrr: row.mrr,
    pastDueSince: row.past_due_since,
    source: row.source,
    country: row.country,
    causeType: row.cause_type,
    causeId: row.cause_id,
  };
}

/** ASCII's unit and record separators: no id, code or name the states hold contains them. */
const UNIT = '\u001f';
const NULL = '\u001e';

/**
 * A state's DERIVED_COLUMNS in one text, separated by UNIT (null as NULL): the full rebuild
 * reads every state of the workspace, and one text per row is read in about half the time of
 * fifteen values (the rows' objects are most of a read's cost). `unpackState` reads it back.
 */
export function packedState(db: Db): RawBuilder<string> {
  const char = dialectOf(db) === 'postgres' ? 'chr' : 'char';
  // One concat_ws: a chain of || copies the growing text at every step.
  return sql<string>`${sql.raw(
    `concat_ws(${char}(31), ${DERIVED_COLUMNS.map((c) => `coalesce(CAST("${c}" AS TEXT), ${char}(30))`).join(', ')})`,
  )}`;
}

const orNull = (text: string | undefined) => (text === NULL || text === undefined ? null : text);

export function unpackState(packed: string): MrrState {
  const [
    id,
    seq,
    subscriptionId,
    customerId,
    effectiveAt,
    status,
    currency,
    planId,
    interval,
    mrr,
    pastDueSince,
    source,
    country,
    causeType,
    causeId,
  ] = packed.split(UNIT);
  const since = orNull(pastDueSince);
  return {
    id: id as string,
    seq: Number(seq),
    subscriptionId: subscriptionId as string,
    customerId: customerId as string,
    effectiveAt: Number(effectiveAt),
    status: status as string,
    currency: currency as string,
    planId: planId as string,
    interval: interval as string,
    mrr: Number(mrr),
    pastDueSince: since === null ? null : Number(since),
    source: source as MrrState['source'],
    country: country as string,
    causeType: causeType as string,
    causeId: orNull(causeId),
  };
}

/** The moment each customer of the tenant lives at: their test clock's, else `wallNow`. */
export async function customerNows(
  db: Db,
  tenantId: string,
  wallNow: number,
): Promise<(customerId: string) => number> {
  const rows = await db
    .selectFrom('customers')
    .innerJoin('test_clocks', (join) =>
      join.onRef('test_clocks.id', '=', 'customers.test_clock_id').on('test_clocks.tenant_id', '=', tenantId),
    )
    .select(['customers.id', 'test_clocks.now'])
    .where('customers.tenant_id', '=', tenantId)
    .execute();
  const nows = new Map(rows.map((row) => [row.id, row.now]));
  return (customerId) => nows.get(customerId) ?? wallNow;
}

/**
 * The cause of a Tollgate write: the billing event recorded with it (same moment; the
 * subscription's own event first, else the customer's, e.g. the invoice whose failed payment
 * made it past due), or the subscription itself when the write recorded none.
 */
export async function billingEventAt(
  db: Db,
  tenantId: string,
  write: { id: string; customerId: string; updatedAt: number },
): Promise<{ type: string; id: string }> {
  const row = await db
    .selectFrom('billing_events')
    .select(['id', 'subject_id'])
    .where('tenant_id', '=', tenantId)
    .where('occurred_at', '=', write.updatedAt)
    .where((eb) => eb.or([eb('subject_id', '=', write.id), eb('customer_id', '=', write.customerId)]))
    .orderBy(sql`rowid`, 'desc')
    .limit(10)
    .execute();
  const event = row.find((r) => r.subject_id === write.id) ?? row[0];
  return event ? { type: 'billing_event', id: event.id } : { type: 'subscription', id: write.id };
}
