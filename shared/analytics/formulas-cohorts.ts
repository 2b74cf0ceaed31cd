import { ratio, type Ratio } from './formulas';
import { monthCount, monthsBetween } from './overview-months';

/**
 * Cohort retention by first payment month (docs/analytics.md, "The Overview's metrics", "Cohorts"). A cohort is
 * the customers whose first paying month it is; mrr_cohorts keeps, per cohort and month, the
 * sum of those customers' movements (MRR) and of their customer count changes (+1 new and
 * reactivation, −1 churn). Retention in a later month is what remains of the cohort's size at
 * the end of its first month: customers and net MRR (which can pass 100 % with expansion).
 */

/** One cohort's movements in one month: signed sums, as mrr_cohorts holds them. */
export interface CohortCell {
  cohort: string;
  month: string;
  amount: number;
  customers: number;
}

export interface CohortMonth {
  month: string;
  /** Months since the cohort's first month (0 for that month). */
  offset: number;
  customers: number;
  mrr: number;
  customerRetention: Ratio | null;
  mrrRetention: Ratio | null;
}

export interface CohortRow {
  cohort: string;
  /** Customers and MRR at the end of the cohort's first month: what retention is measured against. */
  startCustomers: number;
  startMrr: number;
  months: CohortMonth[];
}

/**
 * Each cohort from `from` to `to` (oldest first) with its running customers and MRR for every
 * month from its own until `to`. Cells before the cohort's month or after `to` are ignored.
 */
export function cohortRetention(cells: readonly CohortCell[], from: string, to: string): CohortRow[] {
  const byKey = new Map<string, CohortCell>();
  for (const cell of cells) {
    const key = `${cell.cohort}/${cell.month}`;
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen
        ? { ...seen, amount: seen.amount + cell.amount, customers: seen.customers + cell.customers }
        : cell,
    );
  }
  return monthsBetween(from, to).map((cohort) => {
    let customers = 0;
    let mrr = 0;
    const months = monthsBetween(cohort, to).map((month) => {
      const cell = byKey.get(`${cohort}/${month}`);
      customers += cell?.customers ?? 0;
      mrr += cell?.amount ?? 0;
      return { month, offset: monthCount(cohort, month) - 1, customers, mrr };
    });
    const first = months[0] ?? { customers: 0, mrr: 0 };
    return {
      cohort,
      startCustomers: first.customers,
      startMrr: first.mrr,
      months: months.map((m) => ({
        ...m,
        customerRetention: ratio(m.customers, first.customers),
        mrrRetention: ratio(m.mrr, first.mrr),
      })),
    };
  });
}
