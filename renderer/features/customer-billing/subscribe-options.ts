import type { CatalogOverview, Plan, Price } from '../../../shared/catalog/types';
import { priceLabel, trialText } from '../catalog';
import { formatDate } from '../../lib/format';
import type { BillingSubscription } from './types';

const DAY = 24 * 60 * 60 * 1000;

export interface SubscribablePlan {
  plan: Plan;
  prices: Price[];
}

/**
 * The currency a customer is billed in: that of their subscriptions that have not ended.
 * Null when they have none, so any currency may start.
 */
export function billingCurrency(subscriptions: readonly Pick<BillingSubscription, 'status' | 'currency'>[]) {
  return subscriptions.find((s) => s.status !== 'canceled')?.currency ?? null;
}

/**
 * Plans a new subscription may choose, each with its active prices in the customer's
 * currency; plans left with no such price are left out. Archived products, plans and
 * prices never appear (the catalog is read without them).
 */
export function subscribablePlans(catalog: CatalogOverview, currency: string | null): SubscribablePlan[] {
  return catalog.products
    .filter((product) => product.status === 'active')
    .flatMap((product) => product.plans)
    .filter((plan) => plan.status === 'active')
    .map(({ prices, ...plan }) => ({
      plan,
      prices: prices.filter((p) => p.status === 'active' && (currency === null || p.currency === currency)),
    }))
    .filter((option) => option.prices.length > 0);
}

/** "$9.99 / month · USD · 14-day trial". */
export function priceOptionLabel(price: Price): string {
  return [priceLabel(price), price.currency, trialText(price.trialDays)].filter(Boolean).join(' · ');
}

/** The start in one sentence, so staff see what the customer will be charged before they confirm. */
export function startSummary(
  price: Pick<Price, 'amount' | 'currency' | 'interval'>,
  quantity: number,
  trialDays: number,
  now: number,
): string {
  const each = priceLabel({ ...price, amount: price.amount * quantity });
  if (trialDays > 0) return `Free until ${formatDate(now + trialDays * DAY)}, then ${each}.`;
  if (price.amount === 0) return `Starts at once; nothing to pay (${each}).`;
  return `Charged at once, then ${each}.`;
}
