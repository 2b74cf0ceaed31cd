import { sql, type Kysely } from 'kysely';
import { deriveMovements, type MrrSettings } from '../../../shared/analytics/mrr-rules';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { applyMovementDiff, diffMovements, toMovementRow } from './movements';
import type { RateBook } from './rates';
import { DERIVED_COLUMNS, toMrrState, type DerivableState, type MovementRow } from './states-repo';

/** What a derivation needs besides the states: the setting, the rates and each customer's now. */
export interface Derivation {
  tenantId: string;
  settings: MrrSettings;
  rates: RateBook;
  nowOf: (customerId: string) => number;
}

/** Rows grouped by customer (they arrive ordered by customer, or not). */
function byCustomer<T extends { customer_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.customer_id);
    if (group) group.push(row);
    else groups.set(row.customer_id, [row]);
  }
  return groups;
}

/** The difference between stored and derived movements, per customer whose movements differ. */
export function differences(
  derivation: Derivation,
  states: readonly DerivableState[],
  stored: readonly MovementRow[],
) {
  const statesOf = byCustomer(states);
  const storedOf = byCustomer(stored);
  const result = new Map<string, ReturnType<typeof diffMovements>>();
  for (const customerId of new Set([...statesOf.keys(), ...storedOf.keys()])) {
    const derived = deriveMovements(
      (statesOf.get(customerId) ?? []).map(toMrrState),
      derivation.settings,
      derivation.nowOf(customerId),
    ).map((m) => toMovementRow(derivation.tenantId, m, derivation.rates));
    const diff = diffMovements(storedOf.get(customerId) ?? [], derived);
    if (diff.inserted.length > 0 || diff.deleted.length > 0) result.set(customerId, diff);
  }
  return result;
}

/** Rows that differed: each id inserted, deleted or both (replaced) counts once. */
export function countDifferences(diffs: Iterable<ReturnType<typeof diffMovements>>): number {
  let count = 0;
  for (const diff of diffs) {
    count += new Set([...diff.inserted, ...diff.deleted].map((row) => row.id)).size;
  }
  return count;
}

/**
 * Re-derives `customerIds` inside a transaction and writes their difference. On PostgreSQL the
 * customers are locked as the incremental path locks them (one statement for all), so a
 * subscription written meanwhile is derived after, never overwritten.
 */
export async function reconcileCustomers(
  trx: Kysely<DB>,
  derivation: Derivation,
  customerIds: readonly string[],
): Promise<number> {
  if (customerIds.length === 0) return 0;
  const { tenantId } = derivation;
  if (dialectOf(trx) === 'postgres') {
    const keys = customerIds.map((id) => `mrr:${tenantId}:${id}`);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) AS k`.execute(
      trx,
    );
  }
  const states = await trx
    .selectFrom('mrr_states')
    .select(DERIVED_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'in', customerIds)
    .execute();
  const stored = await trx
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'in', customerIds)
    .execute();
  const diffs = differences(derivation, states, stored);
  // One write for the batch: its rows in chunks, and each sum bucket once however many customers share it.
  const all = [...diffs.values()];
  await applyMovementDiff(trx, tenantId, {
    inserted: all.flatMap((diff) => diff.inserted),
    deleted: all.flatMap((diff) => diff.deleted),
  });
  return countDifferences(all);
}
