import {
  arpa,
  arr,
  customerChurnRate,
  grossMrrChurn,
  lifetimeValue,
  netMrrChurn,
  netNewMrr,
  quickRatio,
  type KindAmounts,
  type Ratio,
} from './formulas';

/**
 * One month of the Overview: MRR at its start and end, its movements by kind, the FX impact
 * (reporting currency only) and the customer counts — the row every headline figure is
 * computed from, so the console and the finance pack agree to the cent.
 */
export interface OverviewMonth {
  month: string;
  /** Null when a currency in it has no exchange rate for the boundary day (see missingRates). */
  mrrStart: number | null;
  mrrEnd: number | null;
  movements: KindAmounts;
  netNewMrr: number;
  /** Reporting currency only: end − start − Σ movements; null in a currency's own amounts or without rates. */
  fxImpact: number | null;
  customersStart: number;
  customersEnd: number;
  newCustomers: number;
  churnedCustomers: number;
  reactivatedCustomers: number;
  /** Currencies with no rate into the reporting currency for a day this month needs (the latest such day). */
  missingRates: { currency: string; day: string }[];
}

export interface MonthFigures {
  month: string;
  mrr: number | null;
  arr: number | null;
  arpa: number | null;
  payingCustomers: number;
  netNewMrr: number;
  customerChurnRate: Ratio | null;
  grossMrrChurn: Ratio | null;
  netMrrChurn: Ratio | null;
  quickRatio: Ratio | null;
  ltv: number | null;
}

/** The headline figures of a month (docs/analytics.md, "The Overview's metrics" gives each definition). */
export function monthFigures(row: OverviewMonth): MonthFigures {
  const mrr = row.mrrEnd;
  return {
    month: row.month,
    mrr,
    arr: mrr === null ? null : arr(mrr),
    arpa: mrr === null ? null : arpa(mrr, row.customersEnd),
    payingCustomers: row.customersEnd,
    netNewMrr: netNewMrr(row.movements),
    customerChurnRate: customerChurnRate(row.churnedCustomers, row.customersStart),
    grossMrrChurn: row.mrrStart === null ? null : grossMrrChurn(row.movements, row.mrrStart),
    netMrrChurn: row.mrrStart === null ? null : netMrrChurn(row.movements, row.mrrStart),
    quickRatio: quickRatio(row.movements),
    ltv:
      mrr === null
        ? null
        : lifetimeValue({
            mrr,
            payingCustomers: row.customersEnd,
            churnedCustomers: row.churnedCustomers,
            customersAtStart: row.customersStart,
          }),
  };
}
