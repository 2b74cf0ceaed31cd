import { deriveMovements } from '../../../shared/analytics/mrr-rules';
import type { TestWorld } from '../../testing/world.test-kit';
import { toMovementRow } from './movements';
import { loadRateBook } from './rates';
import { findSettings } from './settings-repo';
import { customerNows, movementsOfCustomer, statesOfCustomer, toMrrState } from './states-repo';

/** Analytics' test kit: the movements as rows, and their sums recomputed from scratch. */

type World = Pick<TestWorld, 'database'>;

/** A customer's movements in order, in the few words the tests compare. */
export async function movementsOf(world: World, tenantId: string, customerId: string) {
  const rows = await movementsOfCustomer(world.database.db, tenantId, customerId);
  return rows
    .sort((a, b) => a.effective_at - b.effective_at || a.id.localeCompare(b.id))
    .map((m) => ({
      kind: m.kind,
      amount: m.amount,
      plan: m.plan_id,
      at: m.effective_at,
      delta: m.customer_delta,
      cause: m.cause_type,
      source: m.source,
    }));
}

/** mrr_monthly as stored, and as the movements add up (they must be equal). */
export async function monthlySums(world: World, tenantId: string) {
  const db = world.database.db;
  const stored = await db
    .selectFrom('mrr_monthly')
    .select([
      'currency',
      'month',
      'kind',
      'plan_id',
      'interval',
      'source',
      'country',
      'amount',
      'movements',
      'customers',
    ])
    .where('tenant_id', '=', tenantId)
    .execute();
  const summed = await db
    .selectFrom('mrr_movements')
    .select(['currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'])
    .select((eb) => [
      eb.fn.sum<number>('amount').as('amount'),
      eb.fn.countAll<number>().as('movements'),
      eb.fn.sum<number>('customer_delta').as('customers'),
    ])
    .where('tenant_id', '=', tenantId)
    .groupBy(['currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'])
    .execute();
  const key = (r: (typeof stored)[number]) =>
    [r.currency, r.month, r.kind, r.plan_id, r.interval, r.source, r.country].join('|');
  const numbers = (rows: typeof stored) =>
    [...rows]
      .sort((a, b) => key(a).localeCompare(key(b)))
      .map((r) => ({
        ...r,
        amount: Number(r.amount),
        movements: Number(r.movements),
        customers: Number(r.customers),
      }));
  return { stored: numbers(stored), summed: numbers(summed) };
}

/** The customer's movements derived again from its states, independently of what the incremental path wrote. */
export async function rederived(world: World, tenantId: string, customerId: string, wallNow: number) {
  const db = world.database.db;
  const settings = await findSettings(db, tenantId);
  const rates = await loadRateBook(db, tenantId, settings.reportingCurrency);
  const now = (await customerNows(db, tenantId, wallNow))(customerId);
  const states = (await statesOfCustomer(db, tenantId, customerId)).map(toMrrState);
  const derived = deriveMovements(states, settings, now).map((m) => toMovementRow(tenantId, m, rates));
  const stored = await movementsOfCustomer(db, tenantId, customerId);
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return { derived: derived.sort(byId), stored: stored.sort(byId) };
}
