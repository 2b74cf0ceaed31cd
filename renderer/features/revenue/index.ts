/** Revenue cards for the Overview: cash by month, trial conversion and the recovery rate, each taking the Overview's filters. */
export { RevenueByMonthCard } from './RevenueByMonthCard';
export { TrialConversionCard } from './TrialConversionCard';
export { RecoveryRateFigure } from './RecoveryRateFigure';
export type { RevenueFilters } from './types';
