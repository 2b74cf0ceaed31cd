import { z } from 'zod';

/**
 * Inputs of the revenue reports (docs/analytics-revenue.md): a range of whole UTC months and
 * the Overview's segment filters. Shared by the server and the console, so a filter the
 * console builds is one the server accepts.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Ten years of months: more would be a report nobody reads, and a query nobody waits for. */
export const MAX_REVENUE_MONTHS = 120;

export const REVENUE_INTERVALS = ['month', 'year'] as const;
export const REVENUE_SOURCES = ['tollgate', 'stripe'] as const;

const month = (label: string) =>
  z
    .string({ error: `${label} must be a month like 2026-03` })
    .regex(MONTH, { error: `${label} must be a month like 2026-03` });

/** The Overview's segment: each filter narrows, none set means the whole workspace. */
export const revenueSegment = z.strictObject({
  planId: z.string({ error: 'Plan must be a plan id' }).min(1).max(64).optional(),
  interval: z.enum(REVENUE_INTERVALS, { error: 'Interval must be month or year' }).optional(),
  currency: z
    .string({ error: 'Currency must be a three-letter code' })
    .regex(/^[A-Z]{3}$/, { error: 'Currency must be a three-letter code like USD' })
    .optional(),
  country: z
    .string({ error: 'Country must be a two-letter code' })
    .regex(/^[A-Z]{2}$/, { error: 'Country must be a two-letter code like US' })
    .optional(),
  source: z.enum(REVENUE_SOURCES, { error: 'Source must be tollgate or stripe' }).optional(),
  // An unknown filter is refused by name ("tier is not a field this accepts"), never ignored.
});
export type RevenueSegment = z.infer<typeof revenueSegment>;

/** Months between two 'YYYY-MM' (0 for the same month, negative when `to` is before `from`). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** Every 'YYYY-MM' from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  return Array.from({ length: Math.max(0, monthsBetween(from, to) + 1) }, (_, i) =>
    new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7),
  );
}

/** The first moment (UTC ms) of a 'YYYY-MM' month, or of the month `offset` months later. */
export function monthStartMs(month: string, offset = 0): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1 + offset, 1);
}

/** A range of whole months, `from` before `to`, at most MAX_REVENUE_MONTHS long. */
function checkRange(input: { from: string; to: string }, ctx: z.RefinementCtx) {
  const span = monthsBetween(input.from, input.to);
  if (span < 0)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `To (${input.to}) is before From (${input.from})`,
    });
  else if (span >= MAX_REVENUE_MONTHS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The range may span at most ${MAX_REVENUE_MONTHS} months`,
    });
}

export const revenueRangeInput = z
  .strictObject({ from: month('From'), to: month('To'), segment: revenueSegment.optional() })
  .superRefine(checkRange);
export type RevenueRangeInput = z.infer<typeof revenueRangeInput>;

export const recoveryRateInput = z
  .strictObject({ from: month('From'), to: month('To') })
  .superRefine(checkRange);
export type RecoveryRateInput = z.infer<typeof recoveryRateInput>;
