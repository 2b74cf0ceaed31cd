import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { yieldToIo } from '../../lib/loop';
import { loadRateBook } from './rates';
import { countDifferences, differences, reconcileCustomers, type Derivation } from './reconcile';
import { findSettings } from './settings-repo';
import { customerNows, DERIVED_COLUMNS } from './states-repo';

/** Customers per batch: one read of their states, one of their movements. */
export const REBUILD_BATCH = 2000;

export interface RebuildOutcome {
  customers: number;
  /** Movement rows that differed from the derivation (and were rewritten); 0 when all was right. */
  differences: number;
}

async function countCustomers(db: Kysely<DB>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('mrr_states')
    .select((eb) => eb.fn.count<number>('customer_id').distinct().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next batch's customers after `after` (exclusive), in id order. */
async function nextCustomers(db: Kysely<DB>, tenantId: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mrr_states')
    .select('customer_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '>', after)
    .orderBy('customer_id')
    .limit(REBUILD_BATCH)
    .execute();
  return rows.map((row) => row.customer_id);
}

/** States and movements of the customers in (after, upTo] — upTo null: to the end (orphaned movements too). */
async function readRange(db: Kysely<DB>, tenantId: string, after: string, upTo: string | null) {
  let states = db
    .selectFrom('mrr_states')
    .select(DERIVED_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '>', after);
  let movements = db
    .selectFrom('mrr_movements')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '>', after);
  if (upTo !== null) {
    states = states.where('customer_id', '<=', upTo);
    movements = movements.where('customer_id', '<=', upTo);
  }
  return {
    states: await states.orderBy('customer_id').orderBy('effective_at').orderBy('seq').execute(),
    movements: await movements.execute(),
  };
}

/**
 * Derives every customer's movements again from the states and writes the difference. Reads
 * go by batches of customers, outside any transaction; only customers whose movements differ
 * are re-derived and written, each batch in one transaction, so a rebuild that finds nothing
 * to change writes nothing. `progress` hears after each batch.
 */
export async function rebuildMovements(
  db: Kysely<DB>,
  tenantId: string,
  wallNow: number,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<RebuildOutcome> {
  const settings = await findSettings(db, tenantId);
  const derivation: Derivation = {
    tenantId,
    settings,
    rates: await loadRateBook(db, tenantId, settings.reportingCurrency),
    nowOf: await customerNows(db, tenantId, wallNow),
  };
  const total = await countCustomers(db, tenantId);
  let after = '';
  let done = 0;
  let differed = 0;
  for (;;) {
    const customers = await nextCustomers(db, tenantId, after);
    const last = customers.length < REBUILD_BATCH ? null : (customers.at(-1) ?? null);
    const range = await readRange(db, tenantId, after, last);
    const changed = differences(derivation, range.states, range.movements);
    if (changed.size > 0) {
      differed += countDifferences(changed.values());
      await db.transaction().execute((trx) => reconcileCustomers(trx, derivation, [...changed.keys()]));
    }
    done += customers.length;
    await progress(Math.min(done, total), total);
    if (last === null) return { customers: done, differences: differed };
    after = last;
    await yieldToIo();
  }
}
