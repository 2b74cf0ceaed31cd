import { formatMoney, money } from '../../../../shared/money';

/**
 * How emails write dates and amounts. Dates are in UTC, spelled out ("March 3, 2026"), so a
 * reader in any time zone sees the same day the console shows.
 */
const DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function emailDate(ms: number): string {
  return DATE.format(new Date(ms));
}

export function emailMoney(amount: number, currency: string): string {
  return formatMoney(money(amount, currency));
}
