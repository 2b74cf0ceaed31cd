import { formatMoney, money } from '../money';
import { basisPointsOf, type MovementKind, type Ratio } from './formulas';
import type { MonthFigures } from './formulas-month';

/**
 * The Overview's figures in words — amounts, rates, changes against last month, the headline
 * cards — shared by the console and the reports (the PDF and XLSX exports, the monthly finance
 * pack), so a figure reads the same on screen and on paper.
 */

function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "$1,234.56"; a dash where there is no figure (no rate, no customers). */
export function moneyText(amount: number | null, currency: string): string {
  return amount === null ? '—' : formatMoney(money(amount, currency));
}

/** "12.5%" of an exact ratio; a dash where there is nothing to divide by. */
export function percentText(ratio: Ratio | null, locale?: string): string {
  const bp = basisPointsOf(ratio);
  if (bp === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(bp / 10_000);
}

/** A quick ratio as "2.35"; a dash for a month that lost nothing. */
export function timesText(ratio: Ratio | null, locale?: string): string {
  const bp = basisPointsOf(ratio);
  if (bp === null) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(
    bp / 10_000,
  );
}

/** "Jan 2026" for "2026-01" (UTC, as the server groups). */
export function monthLabel(month: string, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year ?? 1970, (m ?? 1) - 1, 1),
  );
}

const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);

/** The change of a money figure against last month: "+$12.00", "−$3.00", "no change". */
export function moneyChange(
  current: number | null,
  previous: number | null,
  currency: string,
): string | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  return delta === 0 ? 'no change' : signed(formatMoney(money(delta, currency)), delta);
}

/** The change of a rate in percentage points: "+1.5 pts". */
export function pointsChange(current: Ratio | null, previous: Ratio | null, locale?: string): string | null {
  const now = basisPointsOf(current);
  const before = basisPointsOf(previous);
  if (now === null || before === null) return null;
  const delta = now - before;
  if (delta === 0) return 'no change';
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(delta / 100);
  return `${signed(text, delta)} pts`;
}

/** The change of a count: "+3", "−1". */
export function countChange(current: number, previous: number, locale?: string): string {
  const delta = current - previous;
  return delta === 0 ? 'no change' : signed(formatCount(delta, locale), delta);
}

export interface Card {
  key: string;
  label: string;
  value: string;
  /** Against last month; null when either month has no figure. */
  change: string | null;
  /** The movements behind the figure: all of the month's, or one kind. */
  kind: MovementKind | null;
  /** What the figure means, for its tooltip and screen readers. */
  hint: string;
}

/** The headline cards of the last month against the month before. */
export function headlineCards(
  current: MonthFigures,
  previous: MonthFigures | null,
  currency: string,
  locale?: string,
): Card[] {
  const m = (pick: (f: MonthFigures) => number | null) =>
    moneyChange(pick(current), previous ? pick(previous) : null, currency);
  const p = (pick: (f: MonthFigures) => Ratio | null) =>
    pointsChange(pick(current), previous ? pick(previous) : null);
  return [
    {
      key: 'mrr',
      label: 'MRR',
      value: moneyText(current.mrr, currency),
      change: m((f) => f.mrr),
      kind: null,
      hint: 'Monthly recurring revenue at the end of the month',
    },
    {
      key: 'arr',
      label: 'ARR',
      value: moneyText(current.arr, currency),
      change: m((f) => f.arr),
      kind: null,
      hint: '12 × MRR',
    },
    {
      key: 'arpa',
      label: 'ARPA',
      value: moneyText(current.arpa, currency),
      change: m((f) => f.arpa),
      kind: null,
      hint: 'MRR ÷ paying customers',
    },
    {
      key: 'customers',
      label: 'Paying customers',
      value: formatCount(current.payingCustomers, locale),
      change: previous ? countChange(current.payingCustomers, previous.payingCustomers) : null,
      kind: null,
      hint: 'Customers with MRR at the end of the month',
    },
    {
      key: 'net-new',
      label: 'Net new MRR',
      value: moneyText(current.netNewMrr, currency),
      change: m((f) => f.netNewMrr),
      kind: null,
      hint: 'New + expansion + reactivation − contraction − churn',
    },
    {
      key: 'customer-churn',
      label: 'Customer churn',
      value: percentText(current.customerChurnRate),
      change: p((f) => f.customerChurnRate),
      kind: 'churn',
      hint: 'Customers churned ÷ paying customers at the start of the month',
    },
    {
      key: 'gross-churn',
      label: 'Gross MRR churn',
      value: percentText(current.grossMrrChurn),
      change: p((f) => f.grossMrrChurn),
      kind: null,
      hint: '(Churn + contraction) ÷ MRR at the start of the month',
    },
    {
      key: 'net-churn',
      label: 'Net MRR churn',
      value: percentText(current.netMrrChurn),
      change: p((f) => f.netMrrChurn),
      kind: null,
      hint: '(Churn + contraction − expansion − reactivation) ÷ MRR at the start',
    },
    {
      key: 'quick-ratio',
      label: 'Quick ratio',
      value: timesText(current.quickRatio),
      change: null,
      kind: null,
      hint: '(New + expansion + reactivation) ÷ (churn + contraction); — when nothing was lost',
    },
    {
      key: 'ltv',
      label: 'LTV',
      value: moneyText(current.ltv, currency),
      change: m((f) => f.ltv),
      kind: null,
      hint: 'ARPA ÷ customer churn rate; — when no customer churned',
    },
  ];
}
