import { z } from 'zod';
import { currency, MAX_AMOUNT } from '../money';
import { isPriceCurrency } from './currencies';
import { FEATURE_KINDS, PRICE_INTERVALS } from './types';

/**
 * The catalog's input shapes, shared by the server's procedures and the console's forms so
 * a field is validated by the same rule on both sides. Objects are strict: an unknown field
 * is an error naming it, not something silently dropped.
 */

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` });

const requiredText = (label: string, max: number) =>
  text(label, max).min(1, { error: `${label} is required` });

const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((value) => (value ? value : null));

const prefixedId = (prefix: string, label: string) =>
  z
    .string({ error: `${label} id must be text` })
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: `${label} id must look like ${prefix}_…` });

export const productId = prefixedId('prd', 'Product');
export const planId = prefixedId('pln', 'Plan');
export const priceId = prefixedId('pri', 'Price');

export const FEATURE_KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const FEATURE_KEY_HINT = 'Feature key must be lowercase words joined by dots, like courses.max';

export const featureKey = z
  .string({ error: 'Feature key must be text' })
  .max(64, { error: 'Feature key must be at most 64 characters' })
  .regex(FEATURE_KEY_PATTERN, { error: FEATURE_KEY_HINT });

export const featureCreateInput = z.strictObject({
  key: featureKey,
  name: requiredText('Name', 100),
  kind: z.enum(FEATURE_KINDS, { error: 'Kind must be flag or limit' }),
  description: optionalText('Description', 500),
});
export type FeatureCreateInput = z.input<typeof featureCreateInput>;

const limitValue = z
  .number()
  .int()
  .min(0, { error: 'A limit cannot be negative: use 0 to include none, or null for unlimited' });

/** One feature's value in a plan; whether it suits the feature's kind is checked against the catalog. */
export const featureValue = z.union([z.boolean(), z.null(), limitValue], {
  error: (issue) =>
    typeof issue.input === 'number'
      ? 'A limit must be a whole number (or null for unlimited)'
      : 'Use true or false for a flag, or a whole number ≥ 0 (null for unlimited) for a limit',
});

export const MAX_FEATURES_PER_PLAN = 200;

export const planFeatureValues = z
  .record(featureKey, featureValue, {
    error: (issue) => (issue.code === 'invalid_key' ? FEATURE_KEY_HINT : 'Features must map keys to values'),
  })
  .refine((values) => Object.keys(values).length <= MAX_FEATURES_PER_PLAN, {
    error: `A plan can set at most ${MAX_FEATURES_PER_PLAN} features`,
  });

const sortOrder = z
  .number({ error: 'Sort order must be a number' })
  .int({ error: 'Sort order must be a whole number' })
  .min(0, { error: 'Sort order must be 0 or more' })
  .max(10_000, { error: 'Sort order must be at most 10000' });

const nonEmptyPatch = <T extends Record<string, unknown>>(patch: T) => Object.keys(patch).length > 0;

export const productCreateInput = z.strictObject({
  name: requiredText('Name', 100),
  description: optionalText('Description', 1000),
});
export type ProductCreateInput = z.input<typeof productCreateInput>;

export const productUpdateInput = z.strictObject({
  id: productId,
  patch: z
    .strictObject({
      name: requiredText('Name', 100).optional(),
      description: optionalText('Description', 1000).optional(),
    })
    .refine(nonEmptyPatch, { error: 'Nothing to change' }),
});
export type ProductUpdateInput = z.input<typeof productUpdateInput>;

export const planCreateInput = z.strictObject({
  productId,
  name: requiredText('Name', 100),
  description: optionalText('Description', 1000),
  sortOrder: sortOrder.default(0),
  /** Make this the workspace's default plan, replacing the current one. */
  isDefault: z.boolean({ error: 'isDefault must be true or false' }).default(false),
  features: planFeatureValues.default({}),
});
export type PlanCreateInput = z.input<typeof planCreateInput>;

export const planUpdateInput = z.strictObject({
  id: planId,
  /** The version the editor started from; a newer one on the server means someone else changed it. */
  expectedVersion: z.number().int().positive(),
  patch: z
    .strictObject({
      name: requiredText('Name', 100).optional(),
      description: optionalText('Description', 1000).optional(),
      sortOrder: sortOrder.optional(),
      /** Replaces the plan's feature values entirely: a feature left out is no longer included. */
      features: planFeatureValues.optional(),
    })
    .refine(nonEmptyPatch, { error: 'Nothing to change' }),
});
export type PlanUpdateInput = z.input<typeof planUpdateInput>;

/** Stripe's ceiling for one amount (8 digits of minor units), so every price can be charged there. */
export const MAX_PRICE_AMOUNT = MAX_AMOUNT;
export const MAX_TRIAL_DAYS = 730;

export const priceCurrency = z
  .string({ error: 'Currency must be text' })
  .trim()
  .toUpperCase()
  .refine(isPriceCurrency, { error: 'Currency must be an ISO 4217 currency code, like USD or EUR' })
  .transform((code) => currency(code));

export const priceCreateInput = z.strictObject({
  planId,
  /** Minor units of the currency: 999 is $9.99, 500 is ¥500. */
  amount: z
    .number({ error: 'Amount must be a number of minor units' })
    .int({ error: 'Amount must be a whole number of minor units, like 999 for $9.99' })
    .min(0, { error: 'Amount cannot be negative' })
    .max(MAX_PRICE_AMOUNT, { error: `Amount must be at most ${MAX_PRICE_AMOUNT} minor units` }),
  currency: priceCurrency,
  interval: z.enum(PRICE_INTERVALS, { error: 'Interval must be month or year' }),
  trialDays: z
    .number({ error: 'Trial days must be a number' })
    .int({ error: 'Trial days must be a whole number' })
    .min(0, { error: 'Trial days cannot be negative' })
    .max(MAX_TRIAL_DAYS, { error: `Trial days must be at most ${MAX_TRIAL_DAYS}` })
    .default(0),
});
export type PriceCreateInput = z.input<typeof priceCreateInput>;

export const productRef = z.strictObject({ id: productId });
export const planRef = z.strictObject({ id: planId });
export const priceRef = z.strictObject({ id: priceId });

export const catalogOverviewInput = z
  .strictObject({
    /** Archived products, plans and prices are left out unless asked for. */
    includeArchived: z.boolean({ error: 'includeArchived must be true or false' }).default(false),
  })
  .optional();
export type CatalogOverviewInput = z.input<typeof catalogOverviewInput>;
