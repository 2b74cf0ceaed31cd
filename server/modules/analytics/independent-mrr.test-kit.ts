import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { independentMonthEndMrr, stateOfSnapshot, type MonthEndMrr } from './independent-mrr';

/**
 * The independent check's comparison: each customer's MRR per currency at each month end,
 * from subscription history (independent-mrr.ts) and from Σ mrr_movements.amount up to that
 * month end. Disagreements are listed one per customer, currency and month, with both
 * figures, so a failure says whose number to look at.
 */

export interface Disagreement {
  month: string;
  customerId: string;
  currency: string;
  fromHistory: number;
  fromMovements: number;
}

/** Σ movements per customer and currency up to the end of each month ('YYYY-MM', ascending). */
export async function movementMonthEndMrr(
  db: Kysely<DB>,
  tenantId: string,
  months: readonly string[],
): Promise<MonthEndMrr[]> {
  const rows = await db
    .selectFrom('mrr_movements')
    .select(['month', 'customer_id', 'currency', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['month', 'customer_id', 'currency'])
    .orderBy('month')
    .execute();
  const running = new Map<string, MonthEndMrr>();
  const result: MonthEndMrr[] = [];
  let next = 0;
  for (const month of months) {
    for (; next < rows.length && (rows[next] as (typeof rows)[number]).month <= month; next++) {
      const row = rows[next] as (typeof rows)[number];
      const key = `${row.customer_id} ${row.currency}`;
      const total = running.get(key) ?? {
        month,
        customerId: row.customer_id,
        currency: row.currency,
        mrr: 0,
      };
      total.mrr += Number(row.amount);
      running.set(key, total);
    }
    for (const total of running.values()) if (total.mrr !== 0) result.push({ ...total, month });
  }
  return result;
}

/** Every month from `first` to `last` ('YYYY-MM'), both included. */
export function monthsFrom(first: number, last: number): string[] {
  const months: string[] = [];
  const d = new Date(first);
  for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); Date.UTC(y, m, 1) <= last; m++)
    months.push(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7));
  return months;
}

/** Where the two computations of month-end MRR differ (empty when they agree everywhere). */
export async function disagreements(
  db: Kysely<DB>,
  tenantId: string,
  months: readonly string[],
): Promise<Disagreement[]> {
  const [history, movements] = await Promise.all([
    independentMonthEndMrr(db, tenantId, months),
    movementMonthEndMrr(db, tenantId, months),
  ]);
  const key = (r: MonthEndMrr) => `${r.month} ${r.customerId} ${r.currency}`;
  const fromHistory = new Map(history.map((r) => [key(r), r]));
  const fromMovements = new Map(movements.map((r) => [key(r), r]));
  const found: Disagreement[] = [];
  for (const k of new Set([...fromHistory.keys(), ...fromMovements.keys()])) {
    const h = fromHistory.get(k);
    const m = fromMovements.get(k);
    const any = (h ?? m) as MonthEndMrr;
    if ((h?.mrr ?? 0) !== (m?.mrr ?? 0))
      found.push({
        month: any.month,
        customerId: any.customerId,
        currency: any.currency,
        fromHistory: h?.mrr ?? 0,
        fromMovements: m?.mrr ?? 0,
      });
  }
  return found.sort((a, b) => a.month.localeCompare(b.month) || a.customerId.localeCompare(b.customerId));
}

/**
 * Subscriptions whose last audited snapshot is not their row as it stands (status, price,
 * seats): the independent check is only as good as its history, so this proves the history
 * missed no change.
 */
export async function historyAstray(db: Kysely<DB>, tenantId: string) {
  const [rows, entries] = await Promise.all([
    db
      .selectFrom('subscriptions')
      .select(['id', 'status', 'price_id', 'quantity'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    db
      .selectFrom('audit_log')
      .select(['entity_id', 'after'])
      .where('tenant_id', '=', tenantId)
      .where('entity_type', '=', 'subscription')
      .where('after', 'is not', null)
      .orderBy('at')
      .orderBy('seq')
      .execute(),
  ]);
  const last = new Map(
    entries.map((e) => [
      e.entity_id,
      stateOfSnapshot(JSON.parse(e.after ?? 'null') as Record<string, unknown>),
    ]),
  );
  return rows.filter((r) => {
    const state = last.get(r.id);
    return (
      !state || state.status !== r.status || state.priceId !== r.price_id || state.quantity !== r.quantity
    );
  });
}
