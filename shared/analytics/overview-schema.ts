import { z } from 'zod';
import { planId } from '../catalog/schema';
import { isPriceCurrency } from '../catalog/currencies';
import { PRICE_INTERVALS } from '../catalog/types';
import { isCountryCode } from '../countries';
import { pageInput } from '../page';
import { MOVEMENT_KINDS } from './formulas';
import { isMonth, monthCount } from './overview-months';

/**
 * The Overview's inputs — a range of months and a segment — shared by the server's
 * procedures, the console's URL and the exports, so a filter means the same everywhere.
 * Objects are strict, and every error names the filter it is about.
 */

export const REVENUE_SOURCES = ['tollgate', 'stripe'] as const;
export type RevenueSourceFilter = (typeof REVENUE_SOURCES)[number];

/** The longest range the Overview reports at once (five years of months). */
export const MAX_RANGE_MONTHS = 60;

export const SEGMENT_FILTERS = ['plan', 'interval', 'currency', 'country', 'source'] as const;
export type SegmentFilter = (typeof SEGMENT_FILTERS)[number];

/** Which slice of the business to look at; a missing filter means all of it. */
export const segmentInput = z.strictObject({
  plan: planId.nullish(),
  interval: z.enum(PRICE_INTERVALS, { error: 'Interval filter must be month or year' }).nullish(),
  /** Set: figures in this currency's own amounts. Unset: all currencies, in the reporting currency. */
  currency: z
    .string({ error: 'Currency filter must be text' })
    .refine((c) => isPriceCurrency(c), { error: 'Currency filter must be a currency code, like EUR' })
    .nullish(),
  country: z
    .string({ error: 'Country filter must be text' })
    .refine((c) => isCountryCode(c), { error: 'Country filter must be a country code, like FR' })
    .nullish(),
  source: z.enum(REVENUE_SOURCES, { error: 'Source filter must be tollgate or stripe' }).nullish(),
});
export type Segment = z.output<typeof segmentInput>;

const month = (label: string) =>
  z
    .string({ error: `${label} must be a month, like 2026-03` })
    .refine((m) => isMonth(m), { error: `${label} must be a month, like 2026-03` });

const rangeFields = {
  from: month('From'),
  to: month('To'),
  segment: segmentInput.default({}),
};

/** A reversed range or one past the limit is refused with a message that says which. */
function checkRange(input: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (!isMonth(input.from) || !isMonth(input.to)) return; // already named by the field's own check
  const count = monthCount(input.from, input.to);
  if (count < 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `To (${input.to}) is before From (${input.from})`,
    });
  } else if (count > MAX_RANGE_MONTHS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The range covers ${count} months; the Overview shows at most ${MAX_RANGE_MONTHS}`,
    });
  }
}

export const overviewInput = z.strictObject(rangeFields).superRefine(checkRange);
export type OverviewInput = z.output<typeof overviewInput>;

/** The movements behind a figure: a range, a segment, and optionally one kind or one cohort. */
const drillFields = {
  kind: z.enum(MOVEMENT_KINDS, { error: `Kind must be one of ${MOVEMENT_KINDS.join(', ')}` }).nullish(),
  /** Only the movements of the customers whose first paying month this is (a cohort cell's). */
  cohort: month('Cohort').nullish(),
};

export const movementsView = z.strictObject({ ...rangeFields, ...drillFields }).superRefine(checkRange);
export type MovementsView = z.output<typeof movementsView>;

export const movementsInput = z
  .strictObject({
    ...rangeFields,
    ...drillFields,
    ...pageInput({ max: 500, default: 100 }),
    /** Sent by TanStack Query's infinite queries through tRPC; the list only reads onwards. */
    direction: z.enum(['forward', 'backward']).optional(),
  })
  .superRefine(checkRange);
