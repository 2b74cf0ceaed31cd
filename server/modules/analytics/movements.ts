import type { Kysely } from 'kysely';
import { diffById, sameFields, type RowDiff } from '../../../shared/analytics/mrr-diff';
import { dayOf, type DerivedMovement } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import { BulkSql, chunks } from './bulk-sql';
import type { MovementRow } from './states-repo';
import { adjustSums } from './sums';

/** Converts an amount into the reporting currency at a day's rate (a RateBook, or one remembering its answers). */
export interface Converter {
  convert(amount: number, currency: string, day: string): number | null;
}

/** A derived movement as its row, converted at the rate of its UTC day. */
export function toMovementRow(tenantId: string, m: DerivedMovement, rates: Converter): MovementRow {
  return {
    id: m.id,
    tenant_id: tenantId,
    customer_id: m.customerId,
    subscription_id: m.subscriptionId,
    state_id: m.stateId,
    kind: m.kind,
    currency: m.currency,
    amount: m.amount,
    amount_reporting: rates.convert(m.amount, m.currency, dayOf(m.effectiveAt)),
    subscription_mrr_before: m.subscriptionMrrBefore,
    subscription_mrr_after: m.subscriptionMrrAfter,
    customer_mrr_before: m.customerMrrBefore,
    customer_mrr_after: m.customerMrrAfter,
    customer_delta: m.customerDelta,
    effective_at: m.effectiveAt,
    month: m.month,
    cohort: m.cohort,
    plan_id: m.planId,
    interval: m.interval,
    source: m.source,
    country: m.country,
    cause_type: m.causeType,
    cause_id: m.causeId,
  };
}

/** What must change in the stored movements to make them the derived ones. */
export function diffMovements(stored: readonly MovementRow[], derived: readonly MovementRow[]) {
  return diffById(stored, derived, sameFields);
}

/** mrr_movements' columns, in the order the bulk insert writes them. */
export const MOVEMENT_COLUMNS = [
  'id',
  'tenant_id',
  'customer_id',
  'subscription_id',
  'state_id',
  'kind',
  'currency',
  'amount',
  'amount_reporting',
  'subscription_mrr_before',
  'subscription_mrr_after',
  'customer_mrr_before',
  'customer_mrr_after',
  'customer_delta',
  'effective_at',
  'month',
  'cohort',
  'plan_id',
  'interval',
  'source',
  'country',
  'cause_type',
  'cause_id',
] as const satisfies readonly (keyof MovementRow)[];

/**
 * A replaced row (same id, other fields) is updated in place by the insert's conflict clause:
 * one row-log entry and only the changed index entries, where a delete and an insert wrote two
 * and every index twice.
 */
const INSERT_HEAD = `INSERT INTO mrr_movements (${MOVEMENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES `;
const ON_REPLACED = ` ON CONFLICT ("id") DO UPDATE SET ${MOVEMENT_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(', ')}`;
const DELETE_CHUNK = 500;
/** Rows per insert: 23 values each, under both databases' limits on parameters. */
const INSERT_CHUNK = 200;

/** Writes a difference: the rows and, by the same amounts, the monthly and cohort sums. */
export async function applyMovementDiff(
  db: Kysely<DB>,
  tenantId: string,
  diff: RowDiff<MovementRow>,
): Promise<void> {
  if (diff.inserted.length === 0 && diff.deleted.length === 0) return;
  const bulk = new BulkSql(db);
  const replaced = new Set(diff.inserted.map((row) => row.id));
  const gone = diff.deleted.filter((row) => !replaced.has(row.id)).map((row) => row.id);
  for (const ids of chunks(gone, DELETE_CHUNK)) {
    await bulk.run(
      `DELETE FROM mrr_movements WHERE tenant_id = ${bulk.mark(1)} AND id IN ${bulk.tuples(1, ids.length, 1)}`,
      [tenantId, ...ids],
    );
  }
  for (const rows of chunks(diff.inserted, INSERT_CHUNK)) {
    const values: unknown[] = [];
    for (const row of rows) for (const column of MOVEMENT_COLUMNS) values.push(row[column]);
    await bulk.run(INSERT_HEAD + bulk.tuples(rows.length, MOVEMENT_COLUMNS.length) + ON_REPLACED, values);
  }
  await adjustSums(bulk, tenantId, diff);
}
