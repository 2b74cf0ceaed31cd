import { formatMoney, money } from '../../../shared/money';
import type { RevenueFigures } from '../../../shared/analytics/revenue';
import type { RevenueByMonth } from './types';

/** Which figures a chart or table shows: the reporting currency's, or one currency's own. */
export type RevenueView = { kind: 'reporting' } | { kind: 'native'; currency: string };

export const moneyText = (amount: number, currency: string) => formatMoney(money(amount, currency));

/** "75%", "33.3%"; a dash when there is nothing to divide. */
export function rateText(rate: number | null, locale?: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "Jan 2026" for "2026-01" (UTC, as the server groups). */
export function monthLabel(month: string, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year ?? 1970, (m ?? 1) - 1, 1),
  );
}

const ZERO: RevenueFigures = { collected: 0, refunded: 0, disputed: 0, net: 0 };

/** Each month's figures in the view's currency (zeros for a month without money). */
export function monthFigures(report: RevenueByMonth, view: RevenueView) {
  return report.byMonth.map(({ month, native, reporting }) => {
    if (view.kind === 'reporting') return { month, figures: reporting, complete: reporting.complete };
    const row = native.find((n) => n.currency === view.currency);
    return { month, figures: row ?? ZERO, complete: true };
  });
}

/** The currency amounts of the view are in. */
export const viewCurrency = (report: RevenueByMonth, view: RevenueView) =>
  view.kind === 'reporting' ? report.reportingCurrency : view.currency;

/** The chart's rows: the three flows of each month side by side (net is in the table). */
export function chartRows(report: RevenueByMonth, view: RevenueView, locale?: string) {
  return monthFigures(report, view).map(({ month, figures }) => ({
    month: monthLabel(month, locale),
    Collected: figures.collected,
    Refunded: figures.refunded,
    Disputed: figures.disputed,
  }));
}

/** "Rates missing for EUR on 3 days (first 2026-02-27)": why some reporting figures are incomplete. */
export function missingRatesText(report: RevenueByMonth): string | null {
  if (report.missingRates.length === 0) return null;
  const byCurrency = new Map<string, string[]>();
  for (const { currency, day } of report.missingRates)
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), day]);
  const parts = [...byCurrency].map(
    ([currency, days]) =>
      `${currency} on ${days.length} ${days.length === 1 ? 'day' : 'days'} (first ${days[0]})`,
  );
  return `No exchange rate into ${report.reportingCurrency} for ${parts.join(', ')}: those amounts are left out of the ${report.reportingCurrency} figures. Add the rates in the analytics settings.`;
}

/** The view's choices: the reporting currency first, then each currency with money in the range. */
export function viewChoices(report: RevenueByMonth) {
  return [
    { value: 'reporting', label: `All in ${report.reportingCurrency}` },
    ...report.currencies.map((currency) => ({ value: currency, label: currency })),
  ];
}

export const viewOf = (value: string): RevenueView =>
  value === 'reporting' ? { kind: 'reporting' } : { kind: 'native', currency: value };
