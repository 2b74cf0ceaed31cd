import type { Kysely, Transaction } from 'kysely';
import { diffById, sameFields, type RowDiff } from '../../../shared/analytics/mrr-diff';
import { dayOf, type DerivedMovement } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import type { RateBook } from './rates';
import type { MovementRow } from './states-repo';
import { adjustSums } from './sums';

type Db = Kysely<DB> | Transaction<DB>;

/** A derived movement as its row, converted at the rate of its UTC day. */
export function toMovementRow(tenantId: string, m: DerivedMovement, rates: RateBook): MovementRow {
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

const DELETE_CHUNK = 500;

/** Writes a difference: the rows and, by the same amounts, the monthly and cohort sums. */
export async function applyMovementDiff(db: Db, tenantId: string, diff: RowDiff<MovementRow>): Promise<void> {
  if (diff.inserted.length === 0 && diff.deleted.length === 0) return;
  for (let i = 0; i < diff.deleted.length; i += DELETE_CHUNK) {
    const ids = diff.deleted.slice(i, i + DELETE_CHUNK).map((row) => row.id);
    await db.deleteFrom('mrr_movements').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }
  for (let i = 0; i < diff.inserted.length; i += DELETE_CHUNK / 5) {
    await db
      .insertInto('mrr_movements')
      .values(diff.inserted.slice(i, i + DELETE_CHUNK / 5))
      .execute();
  }
  await adjustSums(db, tenantId, diff);
}
