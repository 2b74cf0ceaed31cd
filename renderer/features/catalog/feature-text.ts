import type { FeatureKind, FeatureValue, Price, PriceInterval } from '../../../shared/catalog/types';
import { formatMoney, money } from '../../../shared/money';
import { formatCount } from '../../lib/format';

/**
 * How a plan's value for a feature reads on the Plans & prices screen. A feature the plan
 * leaves out is off (flag) or not included (limit), which is what customers on it get.
 */
export function featureValueText(
  kind: FeatureKind,
  value: FeatureValue | undefined,
  locale?: string,
): string {
  if (kind === 'flag') return value === true ? 'On' : 'Off';
  if (value === null) return 'Unlimited';
  return typeof value === 'number' ? formatCount(value, locale) : 'Not included';
}

/** Whether the value gives customers anything, so the screen can dim what it does not. */
export function isIncluded(kind: FeatureKind, value: FeatureValue | undefined): boolean {
  if (kind === 'flag') return value === true;
  return value === null || (typeof value === 'number' && value > 0);
}

const INTERVAL_WORD: Record<PriceInterval, string> = { month: 'month', year: 'year' };

/** "$9.99 / month": the name a price goes by in lists, menus and confirmations. */
export function priceLabel(price: Pick<Price, 'amount' | 'currency' | 'interval'>): string {
  return `${formatMoney(money(price.amount, price.currency))} / ${INTERVAL_WORD[price.interval]}`;
}

/** "14-day trial", or null when the price starts charging at once. */
export function trialText(trialDays: number): string | null {
  return trialDays > 0 ? `${trialDays}-day trial` : null;
}

const INTERVAL_ORDER: Record<PriceInterval, number> = { month: 0, year: 1 };

/** Active before archived, then by currency, monthly before yearly, cheapest first. */
export function sortPrices<T extends Pick<Price, 'status' | 'currency' | 'interval' | 'amount'>>(
  prices: readonly T[],
): T[] {
  return [...prices].sort(
    (a, b) =>
      Number(a.status === 'archived') - Number(b.status === 'archived') ||
      a.currency.localeCompare(b.currency) ||
      INTERVAL_ORDER[a.interval] - INTERVAL_ORDER[b.interval] ||
      a.amount - b.amount,
  );
}
