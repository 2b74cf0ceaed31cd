import { basisPointsOf, type MovementKind, type Ratio } from '../../../shared/analytics/formulas';
import { monthLabel } from '../../../shared/analytics/overview-text';
import type { Figures, OverviewMonthRow } from './types';

// The figures in words are shared with the reports (PDF, XLSX, the finance pack): one wording.
export {
  countChange,
  headlineCards,
  moneyChange,
  moneyText,
  monthLabel,
  percentText,
  pointsChange,
  timesText,
  type Card,
} from '../../../shared/analytics/overview-text';

/** How each kind of movement is named and coloured, in the order charts stack them. */
export const KIND_LOOK: Record<MovementKind, { label: string; color: string }> = {
  new: { label: 'New', color: 'teal.6' },
  expansion: { label: 'Expansion', color: 'blue.6' },
  reactivation: { label: 'Reactivation', color: 'cyan.5' },
  contraction: { label: 'Contraction', color: 'orange.5' },
  churn: { label: 'Churn', color: 'red.6' },
};

export const FX_LOOK = { label: 'FX impact', color: 'gray.5' };

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
