import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { chunks } from './bulk-sql';
import { deriveDigest, rememberingConverter, rowsOf, type Derivation } from './derive';
import { applyMovementDiff, diffMovements, type Converter } from './movements';
import type { MrrState } from '../../../shared/analytics/mrr-rules';
import { statesByCustomer, storedDigestsInScope } from './derivation-reads';
import type { MovementRow } from './states-repo';

export type { Derivation };

/** Rows grouped by customer, in the order customers first appear. */
function grouped<T>(rows: readonly T[], customerOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const customerId = customerOf(row);
    const group = groups.get(customerId);
    if (group) group.push(row);
    else groups.set(customerId, [row]);
  }
  return groups;
}

const byCustomer = <T extends { customer_id: string }>(rows: readonly T[]) =>
  grouped(rows, (row) => row.customer_id);

/**
 * Derives every customer of `states` and compares with what is stored (`digests` holds the same
 * customers' stored movements, derive.ts): the derived rows of each customer whose movements
 * differ, including a customer with movements and no state any more (derived: none).
 */
export function differingCustomers(
  derivation: Derivation,
  converter: Converter,
  states: ReadonlyMap<string, readonly MrrState[]>,
  digests: ReadonlyMap<string, string>,
): Map<string, MovementRow[]> {
  const differing = new Map<string, MovementRow[]>();
  const seen = new Set<string>();
  for (const [customerId, ofCustomer] of states) {
    const { movements, digest } = deriveDigest(derivation, converter, customerId, ofCustomer);
    if (digest !== (digests.get(customerId) ?? ''))
      differing.set(customerId, rowsOf(derivation, converter, movements));
    seen.add(customerId);
  }
  for (const customerId of digests.keys()) if (!seen.has(customerId)) differing.set(customerId, []);
  return differing;
}

/** The differing customers that have stored movements (whose rows must be read whole to replace them). */
export function withStored(
  differing: ReadonlyMap<string, unknown>,
  digests: ReadonlyMap<string, string>,
): string[] {
  return [...differing.keys()].filter((id) => digests.has(id));
}

/** Rows that differed: each id inserted, deleted or both (replaced) counts once. */
export function countDifferences(diffs: Iterable<ReturnType<typeof diffMovements>>): number {
  let count = 0;
  for (const diff of diffs) {
    count += new Set([...diff.inserted, ...diff.deleted].map((row) => row.id)).size;
  }
  return count;
}

/** Customers per `IN (…)` list. */
const IDS_CHUNK = 500;

/**
 * Writes the derived rows of `derivedOf`'s customers in place of their stored ones (read whole
 * here, only for the customers `withStored` names), in one write for all: the rows in chunks,
 * each sum bucket once however many customers share it. Returns the rows that differed.
 */
export async function writeDerived(
  trx: Kysely<DB>,
  tenantId: string,
  derivedOf: ReadonlyMap<string, readonly MovementRow[]>,
  withStored: readonly string[],
): Promise<number> {
  const stored: MovementRow[] = [];
  for (const ids of chunks(withStored, IDS_CHUNK)) {
    stored.push(
      ...(await trx
        .selectFrom('mrr_movements')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('customer_id', 'in', ids)
        .execute()),
    );
  }
  const storedOf = byCustomer(stored);
  const diffs = [...derivedOf].map(([customerId, derived]) =>
    diffMovements(storedOf.get(customerId) ?? [], derived),
  );
  await applyMovementDiff(trx, tenantId, {
    inserted: diffs.flatMap((diff) => diff.inserted),
    deleted: diffs.flatMap((diff) => diff.deleted),
  });
  return countDifferences(diffs);
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
  converter: Converter = rememberingConverter(derivation.rates),
): Promise<number> {
  if (customerIds.length === 0) return 0;
  const { tenantId } = derivation;
  if (dialectOf(trx) === 'postgres') {
    const keys = customerIds.map((id) => `mrr:${tenantId}:${id}`);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(${keys}::text[]) AS k`.execute(
      trx,
    );
  }
  const scope = { ids: customerIds };
  const digests = await storedDigestsInScope(trx, tenantId, scope);
  const states = await statesByCustomer(trx, tenantId, scope);
  const differing = differingCustomers(derivation, converter, states, digests);
  return writeDerived(trx, tenantId, differing, withStored(differing, digests));
}
