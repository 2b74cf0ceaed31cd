import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { yieldToIo } from '../../lib/loop';
import { rememberingConverter, type Derivation } from './derive';
import type { Converter } from './movements';
import { loadRateBook } from './rates';
import { statesByCustomer, storedDigestsInScope } from './derivation-reads';
import { differingCustomers, reconcileCustomers, withStored, writeDerived } from './reconcile';
import { findSettings } from './settings-repo';
import { customerNows } from './states-repo';

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

/**
 * One batch: derive, compare, write the customers that differ. SQLite runs it whole in one
 * transaction (its one connection is the writers' lock, so nothing can change between the read
 * and the write, and nothing is read twice). PostgreSQL reads outside, then re-derives the
 * differing customers in a transaction that locks them as the incremental path does.
 */
async function rebuildRange(
  db: Kysely<DB>,
  derivation: Derivation,
  converter: Converter,
  range: { after: string; upTo: string | null },
): Promise<number> {
  const check = async (trx: Kysely<DB>) => {
    const digests = await storedDigestsInScope(trx, derivation.tenantId, range);
    const states = await statesByCustomer(trx, derivation.tenantId, range);
    return { differing: differingCustomers(derivation, converter, states, digests), digests };
  };
  if (dialectOf(db) === 'sqlite') {
    return db.transaction().execute(async (trx) => {
      const { differing, digests } = await check(trx);
      if (differing.size === 0) return 0;
      return writeDerived(trx, derivation.tenantId, differing, withStored(differing, digests));
    });
  }
  const { differing } = await check(db);
  if (differing.size === 0) return 0;
  return db
    .transaction()
    .execute((trx) => reconcileCustomers(trx, derivation, [...differing.keys()], converter));
}

async function derivationOf(db: Kysely<DB>, tenantId: string, wallNow: number): Promise<Derivation> {
  const settings = await findSettings(db, tenantId);
  return {
    tenantId,
    settings,
    rates: await loadRateBook(db, tenantId, settings.reportingCurrency),
    nowOf: await customerNows(db, tenantId, wallNow),
  };
}

/**
 * Derives every customer's movements again from the states and writes the difference — a
 * genuine check: every customer is derived and compared with every stored row. Batches of
 * customers, each read in two queries (states; movements as one text per row); only customers
 * whose movements differ are written, so a rebuild that finds nothing to change writes
 * nothing. `progress` hears after each batch.
 */
export async function rebuildMovements(
  db: Kysely<DB>,
  tenantId: string,
  wallNow: number,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<RebuildOutcome> {
  const derivation = await derivationOf(db, tenantId, wallNow);
  const converter = rememberingConverter(derivation.rates);
  const total = await countCustomers(db, tenantId);
  let after = '';
  let done = 0;
  let differed = 0;
  for (;;) {
    const customers = await nextCustomers(db, tenantId, after);
    const last = customers.length < REBUILD_BATCH ? null : (customers.at(-1) ?? null);
    differed += await rebuildRange(db, derivation, converter, { after, upTo: last });
    done += customers.length;
    await progress(Math.min(done, total), total);
    if (last === null) return { customers: done, differences: differed };
    after = last;
    await yieldToIo();
  }
}

/** Customers with a past-due state: the only ones whose movements the past-due setting, or time reaching its deadlines, can change. */
async function pastDueCustomers(db: Kysely<DB>, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mrr_states')
    .select('customer_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'past_due')
    .orderBy('customer_id')
    .execute();
  return rows.map((row) => row.customer_id);
}

/**
 * The rebuild a changed past-due setting, or its daily run, needs: only the customers with a
 * past-due state are derived again (and written where they differ). Every other customer's
 * derivation reads neither the setting nor the moment, so theirs could not change: this is the
 * full rebuild's result, without deriving what cannot differ. Not a check of the rest.
 */
export async function rederivePastDueCustomers(
  db: Kysely<DB>,
  tenantId: string,
  wallNow: number,
  progress: (done: number, total: number) => Promise<void> = async () => {},
): Promise<RebuildOutcome> {
  const derivation = await derivationOf(db, tenantId, wallNow);
  const converter = rememberingConverter(derivation.rates);
  const customers = await pastDueCustomers(db, tenantId);
  let differed = 0;
  for (let i = 0; i < customers.length; i += REBUILD_BATCH) {
    const batch = customers.slice(i, i + REBUILD_BATCH);
    differed += await db
      .transaction()
      .execute((trx) => reconcileCustomers(trx, derivation, batch, converter));
    await progress(i + batch.length, customers.length);
    await yieldToIo();
  }
  return { customers: customers.length, differences: differed };
}
