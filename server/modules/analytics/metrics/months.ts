import { fxImpact, netNewMrr, NO_MOVEMENTS, type KindAmounts } from '../../../../shared/analytics/formulas';
import type { OverviewMonth } from '../../../../shared/analytics/formulas-month';
import { addMonths, lastDayOf, monthsBetween } from '../../../../shared/analytics/overview-months';
import type { MonthlySum } from './repo';
import type { ReportingRates } from './reporting';

/**
 * Rows of months from `from` to `to` out of the segment's monthly sums (every month up to
 * `to`: what came before `from` is the MRR `from` starts with).
 *
 * In one currency (`rates` null) amounts are that currency's own. Otherwise each month's
 * start and end are every currency's MRR converted at the rate of the boundary's day — the
 * month's start is the end of the month before, converted at that month's last day, so the
 * months chain — the movements count at their own day's rate (amount_reporting), and the FX
 * impact is the balancing row. A month a rate is missing for says so and has no MRR figures
 * or FX impact: nothing is converted at an invented zero.
 */
export function overviewMonths(
  sums: readonly MonthlySum[],
  from: string,
  to: string,
  rates: ReportingRates | null,
): OverviewMonth[] {
  const balance = new Map<string, number>();
  let customers = 0;
  const inMonth = new Map<string, MonthlySum[]>();
  for (const s of sums) {
    if (s.month < from) {
      balance.set(s.currency, (balance.get(s.currency) ?? 0) + s.amount);
      customers += s.customers;
    } else inMonth.set(s.month, [...(inMonth.get(s.month) ?? []), s]);
  }
  return monthsBetween(from, to).map((month) => {
    const start = new Map(balance);
    const customersStart = customers;
    const movements: KindAmounts = { ...NO_MOVEMENTS };
    const counts = { ...NO_MOVEMENTS };
    let movementsReporting = 0;
    const moved = new Set<string>();
    for (const s of inMonth.get(month) ?? []) {
      balance.set(s.currency, (balance.get(s.currency) ?? 0) + s.amount);
      movements[s.kind] += rates ? s.amountReporting : s.amount;
      movementsReporting += s.amountReporting;
      counts[s.kind] += s.customers;
      customers += s.customers;
      moved.add(s.currency);
    }
    const row = {
      month,
      movements,
      netNewMrr: netNewMrr(movements),
      customersStart,
      customersEnd: customers,
      newCustomers: counts.new,
      churnedCustomers: -counts.churn,
      reactivatedCustomers: counts.reactivation,
    };
    if (!rates) {
      const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      return { ...row, mrrStart: total(start), mrrEnd: total(balance), fxImpact: null, missingRates: [] };
    }
    const missing = new Map<string, string>();
    const startReporting = convertAll(start, rates, lastDayOf(addMonths(month, -1)), missing);
    const endReporting = convertAll(balance, rates, lastDayOf(month), missing);
    // A rate of the 1st or earlier covers every movement of the month (latest on or before).
    for (const c of moved)
      if (rates.convert(0, c, `${month}-01`) === null) noteMissing(missing, c, `${month}-01`);
    const complete = missing.size === 0 && startReporting !== null && endReporting !== null;
    return {
      ...row,
      mrrStart: startReporting,
      mrrEnd: endReporting,
      fxImpact:
        complete && startReporting !== null && endReporting !== null
          ? fxImpact({ startReporting, endReporting, movementsReporting })
          : null,
      missingRates: [...missing]
        .map(([currency, day]) => ({ currency, day }))
        .sort((a, b) => (a.currency < b.currency ? -1 : 1)),
    };
  });
}

/** Keeps, per currency, the latest day found without a rate. */
function noteMissing(missing: Map<string, string>, currency: string, day: string) {
  const seen = missing.get(currency);
  if (seen === undefined || seen < day) missing.set(currency, day);
}

/** Σ of each currency's amount converted at `day`; null (and the currency noted) when one has no rate. */
function convertAll(
  amounts: Map<string, number>,
  rates: ReportingRates,
  day: string,
  missing: Map<string, string>,
): number | null {
  let total: number | null = 0;
  for (const [currency, amount] of amounts) {
    if (amount === 0) continue;
    const converted = rates.convert(amount, currency, day);
    if (converted === null) noteMissing(missing, currency, day);
    total = converted === null || total === null ? null : total + converted;
  }
  return total;
}
