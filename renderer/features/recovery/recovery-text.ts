import { formatMoney, money } from '../../../shared/money';
import { countOf } from '../../lib/format';
import type { CurrencyTotals, RecoveryStats, RecoveryStatus } from './types';

/** How each recovery status looks in the console. */
export const RECOVERY_STATUS_LOOK: Record<RecoveryStatus, { label: string; color: string }> = {
  retrying: { label: 'Retrying', color: 'orange' },
  waiting_for_card: { label: 'Waiting for a card', color: 'grape' },
  paused: { label: 'Paused', color: 'yellow' },
  recovered: { label: 'Recovered', color: 'teal' },
  final_action_taken: { label: 'Given up', color: 'red' },
  closed_by_staff: { label: 'Closed by staff', color: 'gray' },
};

/** "75%", "33.3%"; a dash when nothing failed. */
export function rateText(rate: number | null, locale?: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "Attempt 2" (attempt 1 is the charge that failed); "Out of band" for what no charge paid. */
export const attemptLabel = (attempt: number | null): string =>
  attempt === null ? 'Out of band' : `Attempt ${attempt}`;

/** "Jan 2026" for "2026-01" (UTC, as the server groups). */
export function monthLabel(month: string, locale?: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year ?? 1970, (m ?? 1) - 1, 1),
  );
}

/** The chart's rows for one currency: every month of the window, failed and recovered (minor units). */
export function monthlySeries(stats: RecoveryStats, currency: string, locale?: string) {
  return stats.months.map((month) => {
    const row = stats.byMonth.find((m) => m.month === month && m.currency === currency);
    return {
      month: monthLabel(month, locale),
      Failed: row?.failedAmount ?? 0,
      Recovered: row?.recoveredAmount ?? 0,
    };
  });
}

/** Which attempt recovered how much, in one currency, in attempt order (out of band last). */
export function attemptRows(stats: RecoveryStats, currency: string) {
  return stats.byAttempt.filter((a) => a.currency === currency);
}

/** The currency to show first: the one with the most failed, or the first in recovery. */
export function mainCurrency(stats: RecoveryStats): string | null {
  const sorted = [...stats.totals].sort(
    (a, b) => b.failedAmount - a.failedAmount || b.inRecoveryAmount - a.inRecoveryAmount,
  );
  return sorted[0]?.currency ?? null;
}

export const moneyText = (amount: number, currency: string) => formatMoney(money(amount, currency));

/** "2 of 4": charge attempts made (the first, failed one and a recovering one included) of those the policy allows. */
export const attemptsText = (attempts: number, max: number) => `${attempts} of ${max}`;

const INVOICES = { one: 'invoice', other: 'invoices' };

/**
 * The headline figures of one currency, each with what it counts (the definitions are in
 * shared/billing/recovery-figures.ts): an attempt is a charge, and the rate is over finished
 * cases only, so invoices still being collected never drag it down or up.
 */
export function recoveryFigures(totals: CurrencyTotals, months: number, locale?: string) {
  const { currency } = totals;
  const count = (n: number) => countOf(n, INVOICES, locale);
  const unfinished = totals.failedCount - totals.recoveredCount - totals.lostCount;
  return [
    {
      label: 'Failed',
      value: moneyText(totals.failedAmount, currency),
      detail: `${count(totals.failedCount)} whose first charge failed in the last ${months} months`,
    },
    {
      label: 'Recovered',
      value: moneyText(totals.recoveredAmount, currency),
      detail: `${count(totals.recoveredCount)} of them paid after all: by a retry, a new card or out of band`,
    },
    {
      label: 'Lost',
      value: moneyText(totals.lostAmount, currency),
      detail: `${count(totals.lostCount)} of them given up after the last retry or grace period, or closed by staff`,
    },
    {
      label: 'Recovery rate',
      value: rateText(totals.rate, locale),
      detail:
        totals.rate === null
          ? 'Recovered of finished cases, by amount: none has finished yet'
          : `Recovered ÷ (recovered + lost), by amount; ${count(Math.max(unfinished, 0))} not finished yet ${unfinished === 1 ? 'is' : 'are'} left out`,
    },
    {
      label: 'In recovery',
      value: moneyText(totals.inRecoveryAmount, currency),
      detail: `${count(totals.inRecoveryCount)} being retried, waiting for a card or paused now, whenever they failed`,
    },
  ];
}
