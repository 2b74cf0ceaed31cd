import { basisPointsOf, type MovementKind, type Ratio } from '../../../shared/analytics/formulas';
import { formatMoney, money } from '../../../shared/money';
import { formatCount } from '../../lib/format';
import type { Figures, OverviewMonthRow } from './types';

/** How each kind of movement is named and coloured, in the order charts stack them. */
export const KIND_LOOK: Record<MovementKind, { label: string; color: string }> = {
  new: { label: 'New', color: 'teal.6' },
  expansion: { label: 'Expansion', color: 'blue.6' },
  reactivation: { label: 'Reactivation', color: 'cyan.5' },
  contraction: { label: 'Contraction', color: 'orange.5' },
  churn: { label: 'Churn', color: 'red.6' },
};

export const FX_LOOK = { label: 'FX impact', color: 'gray.5' };

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
export function headlineCards(current: Figures, previous: Figures | null, currency: string): Card[] {
  const m = (pick: (f: Figures) => number | null) =>
    moneyChange(pick(current), previous ? pick(previous) : null, currency);
  const p = (pick: (f: Figures) => Ratio | null) =>
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
      value: formatCount(current.payingCustomers),
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

/** The movements chart's rows: each kind per month (minor units), FX impact beside them. */
export function movementSeries(months: readonly OverviewMonthRow[], locale?: string) {
  return months.map((m) => ({
    month: monthLabel(m.month, locale),
    key: m.month,
    [KIND_LOOK.new.label]: m.movements.new,
    [KIND_LOOK.expansion.label]: m.movements.expansion,
    [KIND_LOOK.reactivation.label]: m.movements.reactivation,
    [KIND_LOOK.contraction.label]: m.movements.contraction,
    [KIND_LOOK.churn.label]: m.movements.churn,
    [FX_LOOK.label]: m.fxImpact ?? 0,
  }));
}

/** MRR at each month's end and net new MRR (minor units; a missing rate leaves a gap). */
export function mrrSeries(months: readonly OverviewMonthRow[], locale?: string) {
  return months.map((m) => ({
    month: monthLabel(m.month, locale),
    key: m.month,
    MRR: m.mrrEnd,
    'Net new MRR': m.netNewMrr,
  }));
}

/** Churn rates per month in percent (a gap where the month started empty). */
export function churnSeries(rows: readonly Figures[], locale?: string) {
  const pct = (r: Ratio | null) => {
    const bp = basisPointsOf(r);
    return bp === null ? null : bp / 100;
  };
  return rows.map((f) => ({
    month: monthLabel(f.month, locale),
    key: f.month,
    'Customer churn': pct(f.customerChurnRate),
    'Gross MRR churn': pct(f.grossMrrChurn),
    'Net MRR churn': pct(f.netMrrChurn),
  }));
}
