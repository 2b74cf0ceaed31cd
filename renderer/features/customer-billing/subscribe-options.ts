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

/**
 * The start in one sentence, so staff see what the customer will be charged, with which card
 * and when, before they confirm. `card` is the chosen card ("Visa •••• 4242"), null for none.
 */
export function startSummary(
  price: Pick<Price, 'amount' | 'currency' | 'interval'>,
  quantity: number,
  start: { trialDays: number; card: string | null; trialEndBehavior: 'cancel' | 'incomplete' },
  now: number,
): string {
  const each = priceLabel({ ...price, amount: price.amount * quantity });
  const { trialDays, card } = start;
  if (price.amount === 0) return `Starts at once; nothing to pay (${each}).`;
  if (trialDays > 0) {
    const end = formatDate(now + trialDays * DAY);
    if (card) return `The trial ends on ${end}; then ${card} is charged ${each}.`;
    return start.trialEndBehavior === 'cancel'
      ? `Free until ${end}, then ${each}. Without a card by then, the subscription is canceled.`
      : `Free until ${end}, then ${each}. Without a card by then, it stays incomplete until one is added.`;
  }
  if (card) return `${card} is charged at once, then ${each}.`;
  return `Invoiced at once, then ${each}; with no card the invoice stays open until one pays it.`;
}

/** What a trial of 0 days means for the chosen card. */
export function trialDaysHint(card: string | null): string {
  return card ? `0 charges ${card} at once` : '0 invoices at once, to pay with a card later';
}
