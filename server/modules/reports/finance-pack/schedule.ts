import { addMonths, monthOfTime } from '../../../../shared/analytics/overview-months';

/** Packs go out at 06:00 UTC on the 1st, once the month's last renewals have run. */
export const FINANCE_PACK_HOUR_UTC = 6;

/** The month a run at `runAt` closes: the one before runAt's month. */
export function closedMonth(runAt: number): string {
  return addMonths(monthOfTime(runAt), -1);
}

/** The next run after `now`: the coming 1st at 06:00 UTC (this month's, if it is still ahead). */
export function nextFinancePackAt(now: number): number {
  const date = new Date(now);
  const thisMonths = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1, FINANCE_PACK_HOUR_UTC);
  return thisMonths > now
    ? thisMonths
    : Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1, FINANCE_PACK_HOUR_UTC);
}
