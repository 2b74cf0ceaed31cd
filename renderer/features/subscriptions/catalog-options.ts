import type { PriceInterval } from '../../../shared/catalog/types';
import { recurringText } from './price-text';
import type { CatalogOverview } from './types';

export interface PlanOption {
  value: string;
  label: string;
}

export interface PriceChoice {
  id: string;
  planName: string;
  amount: number;
  currency: string;
  interval: PriceInterval;
}

/** Every plan for the list's plan filter, named with its product when there are several. */
export function planOptions(overview: CatalogOverview): PlanOption[] {
  const named = overview.products.length > 1;
  return overview.products.flatMap((product) =>
    product.plans.map((plan) => ({
      value: plan.id,
      label: named ? `${product.name} · ${plan.name}` : plan.name,
    })),
  );
}

/** The active prices a subscription in `currency` can move to, in catalog order. */
export function pricesIn(overview: CatalogOverview, currency: string): PriceChoice[] {
  return overview.products
    .filter((product) => product.status === 'active')
    .flatMap((product) => product.plans.filter((plan) => plan.status === 'active'))
    .flatMap((plan) =>
      plan.prices
        .filter((price) => price.status === 'active' && price.currency === currency)
        .map((price) => ({
          id: price.id,
          planName: plan.name,
          amount: price.amount,
          currency: price.currency,
          interval: price.interval,
        })),
    );
}

/** Those prices grouped by plan, as Mantine's Select takes them: "Pro · $9.99 / month". */
export function priceSelectData(prices: readonly PriceChoice[], currentPriceId: string) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const price of prices) {
    const current = price.id === currentPriceId ? ' (current)' : '';
    const item = {
      value: price.id,
      label: `${price.planName} · ${recurringText(price.amount, price.currency, price.interval)}${current}`,
    };
    groups.set(price.planName, [...(groups.get(price.planName) ?? []), item]);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}
