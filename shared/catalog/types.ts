/**
 * The catalog as procedures return it, shared with the console. Times are UTC epoch
 * milliseconds; amounts are integer minor units of the price's currency.
 */

export const FEATURE_KINDS = ['flag', 'limit'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** A flag's value is true or false; a limit's is a whole number ≥ 0, or null for unlimited. */
export type FeatureValue = boolean | number | null;

/** A plan's feature values by feature key; a feature left out is not included in the plan. */
export type PlanFeatureValues = Record<string, FeatureValue>;

export const CATALOG_STATUSES = ['active', 'archived'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export const PRICE_INTERVALS = ['month', 'year'] as const;
export type PriceInterval = (typeof PRICE_INTERVALS)[number];

export interface Feature {
  key: string;
  name: string;
  kind: FeatureKind;
  description: string | null;
  createdAt: number;
}

export interface Product {
  id: string;
  name: string;
  description: string | null;
  status: CatalogStatus;
  createdAt: number;
  updatedAt: number;
}

export interface Plan {
  id: string;
  productId: string;
  name: string;
  description: string | null;
  status: CatalogStatus;
  sortOrder: number;
  /** Whose features apply to a customer without a subscription that grants access. */
  isDefault: boolean;
  version: number;
  features: PlanFeatureValues;
  createdAt: number;
  updatedAt: number;
}

export interface Price {
  id: string;
  planId: string;
  amount: number;
  currency: string;
  interval: PriceInterval;
  trialDays: number;
  status: CatalogStatus;
  createdAt: number;
  updatedAt: number;
}

export interface PlanWithPrices extends Plan {
  prices: Price[];
}

export interface ProductWithPlans extends Product {
  plans: PlanWithPrices[];
}

/** Everything the Plans & prices screen shows, in one answer. */
export interface CatalogOverview {
  features: Feature[];
  products: ProductWithPlans[];
}
