import { sql, type Kysely, type Selectable } from 'kysely';
import type { MrrInterval } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import { stateOfSnapshot } from './independent-mrr';
import type { BackfillPricing, BackfillSubscription, HistoryStep } from './backfill-states';

/**
 * What history holds of subscriptions that have no value state: the audit trail's snapshots
 * of them (read as the independent MRR check reads them), and their rows — the fallback when
 * no snapshot exists, and the last word when the row moved without one (a bulk load).
 */

type Db = Kysely<DB>;
type SubscriptionRow = Pick<
  Selectable<DB['subscriptions']>,
  | 'id'
  | 'customer_id'
  | 'plan_id'
  | 'price_id'
  | 'quantity'
  | 'currency'
  | 'status'
  | 'trial_start'
  | 'trial_end'
  | 'ended_at'
  | 'managed_by'
  | 'created_at'
  | 'updated_at'
>;

export interface WorkspacePrices {
  prices: Map<string, { amount: number; interval: MrrInterval; planId: string; currency: string }>;
}

export async function workspacePrices(db: Db, tenantId: string): Promise<WorkspacePrices> {
  const rows = await db
    .selectFrom('prices')
    .select(['id', 'amount', 'interval', 'plan_id', 'currency'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return {
    prices: new Map(
      rows.map((r) => [
        r.id,
        { amount: r.amount, interval: r.interval, planId: r.plan_id, currency: r.currency },
      ]),
    ),
  };
}

/** Subscriptions of the tenant with no value state (the anti-join the states' subscription index serves). */
export function withoutStates(db: Db, tenantId: string) {
  return db
    .selectFrom('subscriptions as s')
    .where('s.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('mrr_states as m')
            .select(sql`1`.as('one'))
            .where('m.tenant_id', '=', tenantId)
            .whereRef('m.subscription_id', '=', 's.id'),
        ),
      ),
    );
}

/** The row as the incremental path would have been told it at `at`. */
function rowStep(row: SubscriptionRow, at: number, status = row.status): HistoryStep {
  return {
    customerId: row.customer_id,
    planId: row.plan_id,
    priceId: row.price_id,
    quantity: row.quantity,
    currency: row.currency,
    status,
    endedAt: status === row.status ? row.ended_at : null,
    at,
    sourceId: row.id,
  };
}

/**
 * With no snapshot: the row at its created time, with the trial the row still records in
 * front of it (Stripe's and Tollgate's rows both keep `trial_start`/`trial_end`), so a
 * converted trial counts from its end as it did when it converted.
 */
function stepsOfRowAlone(row: SubscriptionRow): HistoryStep[] {
  const trialed =
    row.status !== 'trialing' &&
    row.trial_start !== null &&
    row.trial_end !== null &&
    row.trial_end > row.created_at;
  if (!trialed) return [rowStep(row, row.created_at)];
  return [rowStep(row, row.created_at, 'trialing'), rowStep(row, row.trial_end as number)];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const moment = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** A snapshot (camelCase for Tollgate's domain object, snake_case for Stripe's mirrored row) as a step. */
function stepOfSnapshot(
  entry: { id: string; after: string | null; at: number },
  prices: WorkspacePrices['prices'],
): HistoryStep | null {
  const snapshot = JSON.parse(entry.after ?? 'null') as Record<string, unknown> | null;
  const state = snapshot && stateOfSnapshot(snapshot);
  if (!snapshot || !state) return null;
  const price = prices.get(state.priceId);
  return {
    ...state,
    planId: text(snapshot.planId ?? snapshot.plan_id) ?? price?.planId ?? '',
    currency: text(snapshot.currency) ?? price?.currency ?? '',
    endedAt: moment(snapshot.endedAt ?? snapshot.ended_at),
    at: moment(snapshot.updatedAt ?? snapshot.updated_at) ?? Number(entry.at),
    sourceId: entry.id,
  };
}

/** The history of the given customers' subscriptions that have no state, and what values them. */
export async function readHistory(
  db: Db,
  tenantId: string,
  customerIds: readonly string[],
  workspace: WorkspacePrices,
): Promise<{ subscriptions: BackfillSubscription[]; pricing: BackfillPricing }> {
  const rows = await withoutStates(db, tenantId)
    .select([
      's.id',
      's.customer_id',
      's.plan_id',
      's.price_id',
      's.quantity',
      's.currency',
      's.status',
      's.trial_start',
      's.trial_end',
      's.ended_at',
      's.managed_by',
      's.created_at',
      's.updated_at',
    ])
    .where('s.customer_id', 'in', customerIds)
    .orderBy('s.id')
    .execute();
  if (rows.length === 0)
    return { subscriptions: [], pricing: { prices: workspace.prices, countries: new Map() } };
  const [entries, customers] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select(['id', 'entity_id', 'after', 'at'])
      .where('tenant_id', '=', tenantId)
      .where('entity_type', '=', 'subscription')
      .where(
        'entity_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('after', 'is not', null)
      .orderBy('at')
      .orderBy(sql`seq`)
      .execute(),
    db
      .selectFrom('customers')
      .select(['id', 'country'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', customerIds)
      .execute(),
  ]);
  const snapshots = new Map<string, HistoryStep[]>();
  for (const entry of entries) {
    const step = stepOfSnapshot(entry, workspace.prices);
    if (step) snapshots.set(entry.entity_id, [...(snapshots.get(entry.entity_id) ?? []), step]);
  }
  const subscriptions = rows.map((row) => {
    const audited = snapshots.get(row.id);
    // The row has the last word: a change made without a snapshot is taken at the row's update.
    const steps = audited ? [...audited, rowStep(row, row.updated_at)] : stepsOfRowAlone(row);
    return { id: row.id, source: row.managed_by, steps };
  });
  return {
    subscriptions,
    pricing: { prices: workspace.prices, countries: new Map(customers.map((c) => [c.id, c.country])) },
  };
}
