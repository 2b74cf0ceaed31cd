import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * MRR at each month end computed straight from subscription history — the audit trail's
 * snapshots of every subscription and the prices they point at — without reading mrr_states
 * or mrr_movements, and without the engine's rules (shared/analytics/mrr-rules): the same
 * definitions (docs/analytics.md) implemented a second time, so that a test comparing the two
 * catches a mistake in either. The workspace's past-due churn setting is not applied: this
 * is MRR under the base rules.
 */

/** Statuses that count: past due keeps counting until access ends. */
const PAYING: ReadonlySet<string> = new Set(['active', 'past_due']);

export interface MonthEndMrr {
  month: string;
  customerId: string;
  currency: string;
  mrr: number;
}

interface PriceTerms {
  amount: number;
  interval: string;
  currency: string;
}

interface SubscriptionState {
  customerId: string;
  priceId: string;
  quantity: number;
  status: string;
}

/** n ÷ 12 rounded half to even (n ≥ 0 whole minor units). */
export function twelfthHalfEven(n: number): number {
  const quotient = Math.floor(n / 12);
  const twiceRest = 2 * (n - quotient * 12);
  if (twiceRest > 12 || (twiceRest === 12 && quotient % 2 === 1)) return quotient + 1;
  return quotient;
}

/** A subscription's value per month in minor units of its price's currency. */
export function monthlyValue(state: SubscriptionState, price: PriceTerms): number {
  if (!PAYING.has(state.status)) return 0;
  const whole = price.amount * state.quantity;
  return price.interval === 'year' ? twelfthHalfEven(whole) : whole;
}

/**
 * A subscription snapshot as the audit trail keeps it: Tollgate's own subscriptions are
 * saved as the domain object (camelCase), Stripe's mirror as the table row (snake_case).
 */
export function stateOfSnapshot(snapshot: Record<string, unknown>): SubscriptionState | null {
  const customerId = snapshot.customerId ?? snapshot.customer_id;
  const priceId = snapshot.priceId ?? snapshot.price_id;
  const { quantity, status } = snapshot;
  if (typeof customerId !== 'string' || typeof priceId !== 'string') return null;
  if (typeof quantity !== 'number' || typeof status !== 'string') return null;
  return { customerId, priceId, quantity, status };
}

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m, 1);
};

/**
 * Each customer's MRR per currency at the end of each month given ('YYYY-MM', ascending):
 * every subscription's last audited state before the month's end, valued at its price.
 * Customers with nothing are left out.
 */
export async function independentMonthEndMrr(
  db: Kysely<DB>,
  tenantId: string,
  months: readonly string[],
): Promise<MonthEndMrr[]> {
  const [entries, prices] = await Promise.all([
    db
      .selectFrom('audit_log')
      .select(['entity_id', 'after', 'at'])
      .where('tenant_id', '=', tenantId)
      .where('entity_type', '=', 'subscription')
      .where('after', 'is not', null)
      .orderBy('at')
      .orderBy(sql`seq`)
      .execute(),
    db
      .selectFrom('prices')
      .select(['id', 'amount', 'interval', 'currency'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  const priceById = new Map(prices.map((p) => [p.id, p]));
  const current = new Map<string, SubscriptionState>();
  const result: MonthEndMrr[] = [];
  let next = 0;
  for (const month of months) {
    const end = monthEnd(month);
    for (; next < entries.length && Number((entries[next] as (typeof entries)[number]).at) < end; next++) {
      const entry = entries[next] as (typeof entries)[number];
      const state = stateOfSnapshot(JSON.parse(entry.after ?? 'null') as Record<string, unknown>);
      if (state) current.set(entry.entity_id, state);
    }
    const totals = new Map<string, MonthEndMrr>();
    for (const state of current.values()) {
      const price = priceById.get(state.priceId);
      if (!price) throw new Error(`subscription history names a price the workspace lacks: ${state.priceId}`);
      const mrr = monthlyValue(state, price);
      if (mrr === 0) continue;
      const key = `${state.customerId} ${price.currency}`;
      const total = totals.get(key) ?? {
        month,
        customerId: state.customerId,
        currency: price.currency,
        mrr: 0,
      };
      total.mrr += mrr;
      totals.set(key, total);
    }
    result.push(...totals.values());
  }
  return result;
}

/** Sums per month and currency: the workspace's MRR at each month end. */
export function mrrByCurrency(rows: readonly MonthEndMrr[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows)
    sums.set(`${r.month} ${r.currency}`, (sums.get(`${r.month} ${r.currency}`) ?? 0) + r.mrr);
  return sums;
}
