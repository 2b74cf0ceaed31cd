import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { serializeOn } from '../../db/locks';
import { yieldToIo } from '../../lib/loop';
import { readHistory, withoutStates, workspacePrices, type WorkspacePrices } from './backfill-history';
import { numberStates, statesOfSubscription } from './backfill-states';
import { rebuildMovements } from './rebuild';
import { insertState, type StateRow } from './states-repo';

/**
 * MRR history for subscriptions that predate it (migration 0025) or were bulk-loaded: each
 * subscription with no value state is given the states its history shows (backfill-history.ts,
 * backfill-states.ts), then the rebuild derives the movements of the customers that changed.
 * Running it again finds no subscription without states and a rebuild with nothing to change:
 * it writes nothing.
 */

/** Customers per transaction. */
export const BACKFILL_BATCH = 200;

export interface BackfillOutcome {
  subscriptions: number;
  states: number;
  /** Movement rows the rebuild wrote (or removed) after the states were inserted. */
  differences: number;
}

export type BackfillProgress = (phase: 'states' | 'movements', done: number, total: number) => Promise<void>;

/** How many of the tenant's customers have a subscription with no state. */
export async function countCustomersWithoutStates(db: Kysely<DB>, tenantId: string): Promise<number> {
  const row = await withoutStates(db, tenantId)
    .select((eb) => eb.fn.count<number>('s.customer_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The next customers (after `after`, in id order) with a subscription that has no state. */
async function nextCustomers(db: Kysely<DB>, tenantId: string, after: string): Promise<string[]> {
  const rows = await withoutStates(db, tenantId)
    .select('s.customer_id')
    .distinct()
    .where('s.customer_id', '>', after)
    .orderBy('s.customer_id')
    .limit(BACKFILL_BATCH)
    .execute();
  return rows.map((r) => r.customer_id);
}

async function maxSeqOf(trx: Kysely<DB>, tenantId: string, customerIds: readonly string[]) {
  const rows = await trx
    .selectFrom('mrr_states')
    .select(['customer_id', (eb) => eb.fn.max('seq').as('seq')])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'in', customerIds)
    .groupBy('customer_id')
    .execute();
  return new Map(rows.map((r) => [r.customer_id, Number(r.seq)]));
}

/**
 * One batch in one transaction: the customers are locked as the incremental path locks them
 * (a subscription written meanwhile either has its state already — and is skipped — or
 * finds the backfilled ones as its previous), then the history is read and the states inserted.
 */
async function backfillBatch(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: readonly string[],
  workspace: WorkspacePrices,
): Promise<{ subscriptions: number; states: number }> {
  return db.transaction().execute(async (trx) => {
    for (const id of customerIds) await serializeOn(trx, `mrr:${tenantId}:${id}`);
    const { subscriptions, pricing } = await readHistory(trx, tenantId, customerIds, workspace);
    const seqs = await maxSeqOf(trx, tenantId, customerIds);
    const perCustomer = new Map<string, Omit<StateRow, 'seq'>[]>();
    for (const subscription of subscriptions) {
      for (const state of statesOfSubscription(tenantId, subscription, pricing)) {
        perCustomer.set(state.customer_id, [...(perCustomer.get(state.customer_id) ?? []), state]);
      }
    }
    let states = 0;
    for (const [customerId, rows] of perCustomer) {
      for (const row of numberStates(rows, seqs.get(customerId) ?? 0)) {
        await insertState(trx, row);
        states++;
      }
    }
    return { subscriptions: subscriptions.length, states };
  });
}

/**
 * Backfills the tenant's subscriptions without states, then derives the movements with the
 * rebuild (which rewrites only the customers whose derivation changed). `progress` hears each
 * phase by customers: those given states, then the rebuild's.
 */
export async function backfillMrrHistory(
  db: Kysely<DB>,
  tenantId: string,
  wallNow: number,
  progress: BackfillProgress = async () => {},
): Promise<BackfillOutcome> {
  const total = await countCustomersWithoutStates(db, tenantId);
  const outcome: BackfillOutcome = { subscriptions: 0, states: 0, differences: 0 };
  if (total > 0) {
    const workspace = await workspacePrices(db, tenantId);
    let after = '';
    let done = 0;
    for (;;) {
      const customers = await nextCustomers(db, tenantId, after);
      if (customers.length === 0) break;
      const batch = await backfillBatch(db, tenantId, customers, workspace);
      outcome.subscriptions += batch.subscriptions;
      outcome.states += batch.states;
      done += customers.length;
      await progress('states', Math.min(done, total), total);
      after = customers.at(-1) as string;
      await yieldToIo();
    }
  }
  // Always: a run that stopped between its states and its movements finishes them here.
  const rebuilt = await rebuildMovements(db, tenantId, wallNow, (done, all) =>
    progress('movements', done, all),
  );
  outcome.differences = rebuilt.differences;
  return outcome;
}
