import { convertMinor, type ExactRate } from './fx';

/**
 * Revenue by month — cash, not MRR (docs/analytics.md, "Revenue reports"): what was collected, refunded
 * and lost to disputes, per month and currency, and in the workspace's reporting currency.
 * The server sums rows per day; everything from there to the report is here, pure.
 */

export type RevenueKind = 'collected' | 'refunded' | 'disputed';

/** Money of one kind, one currency and one UTC day, for one plan and country. */
export interface RevenuePart {
  kind: RevenueKind;
  /** 'YYYY-MM-DD' (UTC). */
  day: string;
  currency: string;
  amount: number;
  count: number;
  /** null: not a subscription's (a one-off invoice). */
  planId: string | null;
  country: string;
}

/** A rate into the reporting currency, known from `day` on: units of it per unit of `currency`. */
export interface ReportingRate {
  currency: string;
  day: string;
  rate: ExactRate;
}

export interface RevenueFigures {
  collected: number;
  refunded: number;
  disputed: number;
  net: number;
}

export interface NativeRevenueRow extends RevenueFigures {
  currency: string;
  payments: number;
  refunds: number;
  disputes: number;
}

export interface ReportingRevenueRow extends RevenueFigures {
  /** False when some part of the month had no rate: its figures leave that part out. */
  complete: boolean;
}

export interface RevenueSummary {
  months: string[];
  currencies: string[];
  reportingCurrency: string;
  byMonth: { month: string; native: NativeRevenueRow[]; reporting: ReportingRevenueRow }[];
  byPlan: { planId: string | null; native: NativeRevenueRow[]; reporting: ReportingRevenueRow }[];
  byCountry: { country: string; native: NativeRevenueRow[]; reporting: ReportingRevenueRow }[];
  /** Currency and day of every part that could not be converted (no rate on or before that day). */
  missingRates: { currency: string; day: string }[];
}

const emptyNative = (currency: string): NativeRevenueRow => ({
  currency,
  collected: 0,
  refunded: 0,
  disputed: 0,
  net: 0,
  payments: 0,
  refunds: 0,
  disputes: 0,
});
const emptyReporting = (): ReportingRevenueRow => ({
  collected: 0,
  refunded: 0,
  disputed: 0,
  net: 0,
  complete: true,
});
const COUNT_OF: Record<RevenueKind, 'payments' | 'refunds' | 'disputes'> = {
  collected: 'payments',
  refunded: 'refunds',
  disputed: 'disputes',
};

/** Net is what stayed: collected less refunded less disputed. */
export const netOf = (f: Omit<RevenueFigures, 'net'>): number => f.collected - f.refunded - f.disputed;

/**
 * The rate into the reporting currency on `day`: the latest one entered on or before it,
 * 1 for the reporting currency itself, null when there is none (never a silent 0).
 */
export function rateOn(
  rates: ReadonlyMap<string, readonly ReportingRate[]>,
  reportingCurrency: string,
  currency: string,
  day: string,
): ExactRate | null {
  if (currency === reportingCurrency) return { numerator: 1n, denominator: 1n };
  const known = rates.get(currency) ?? [];
  let low = 0;
  let high = known.length - 1;
  let found: ReportingRate | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = known[mid] as ReportingRate;
    if (candidate.day <= day) {
      found = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found?.rate ?? null;
}

/** Rates grouped per currency and sorted by day, as rateOn reads them. */
export function indexRates(rates: readonly ReportingRate[]): Map<string, ReportingRate[]> {
  const index = new Map<string, ReportingRate[]>();
  for (const rate of rates) index.set(rate.currency, [...(index.get(rate.currency) ?? []), rate]);
  for (const list of index.values()) list.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return index;
}

/** A part in the reporting currency at its day's rate, or null when that day has none. */
export function convertPart(
  part: RevenuePart,
  rates: ReadonlyMap<string, readonly ReportingRate[]>,
  reportingCurrency: string,
): number | null {
  const rate = rateOn(rates, reportingCurrency, part.currency, part.day);
  return rate ? convertMinor(part.amount, part.currency, reportingCurrency, rate) : null;
}

/** Accumulates parts into native rows per currency and one reporting-currency row. */
class Bucket {
  readonly native = new Map<string, NativeRevenueRow>();
  readonly reporting = emptyReporting();

  add(part: RevenuePart, converted: number | null) {
    const row = this.native.get(part.currency) ?? emptyNative(part.currency);
    row[part.kind] += part.amount;
    row[COUNT_OF[part.kind]] += part.count;
    row.net = netOf(row);
    this.native.set(part.currency, row);
    if (converted === null) this.reporting.complete = false;
    else {
      this.reporting[part.kind] += converted;
      this.reporting.net = netOf(this.reporting);
    }
  }

  nativeRows(currencies: readonly string[]): NativeRevenueRow[] {
    return currencies.map((c) => this.native.get(c)).filter((r): r is NativeRevenueRow => r !== undefined);
  }
}

function bucketsBy<K>(
  parts: readonly { part: RevenuePart; converted: number | null }[],
  key: (p: RevenuePart) => K,
) {
  const buckets = new Map<K, Bucket>();
  for (const { part, converted } of parts) {
    const k = key(part);
    const bucket = buckets.get(k) ?? new Bucket();
    bucket.add(part, converted);
    buckets.set(k, bucket);
  }
  return buckets;
}

/**
 * The report: per month (every month of the range, empty ones included), per plan and per
 * country, each native per currency and in the reporting currency, each part converted at
 * its own day's rate and the converted parts summed (so the totals add up exactly).
 */
export function summarizeRevenue(
  parts: readonly RevenuePart[],
  options: { months: readonly string[]; reportingCurrency: string; rates: readonly ReportingRate[] },
): RevenueSummary {
  const rates = indexRates(options.rates);
  const converted = parts.map((part) => ({
    part,
    converted: convertPart(part, rates, options.reportingCurrency),
  }));
  const currencies = [...new Set(parts.map((p) => p.currency))].sort();
  const months = bucketsBy(converted, (p) => p.day.slice(0, 7));
  const plans = bucketsBy(converted, (p) => p.planId);
  const countries = bucketsBy(converted, (p) => p.country);
  const missing = new Map<string, { currency: string; day: string }>();
  for (const { part } of converted.filter((c) => c.converted === null))
    missing.set(`${part.currency} ${part.day}`, { currency: part.currency, day: part.day });
  const row = (bucket: Bucket | undefined) => ({
    native: bucket?.nativeRows(currencies) ?? [],
    reporting: bucket ? { ...bucket.reporting } : emptyReporting(),
  });
  return {
    months: [...options.months],
    currencies,
    reportingCurrency: options.reportingCurrency,
    byMonth: options.months.map((month) => ({ month, ...row(months.get(month)) })),
    byPlan: [...plans.keys()]
      .sort((a, b) => (a ?? '').localeCompare(b ?? ''))
      .map((planId) => ({ planId, ...row(plans.get(planId)) })),
    byCountry: [...countries.keys()].sort().map((country) => ({ country, ...row(countries.get(country)) })),
    missingRates: [...missing.values()].sort((a, b) =>
      a.currency === b.currency ? a.day.localeCompare(b.day) : a.currency.localeCompare(b.currency),
    ),
  };
}
