import { z } from 'zod';
import { MAX_RANGE_MONTHS, overviewInput, type OverviewInput, type Segment } from './overview-schema';
import { isMonth, monthCount } from './overview-months';

/**
 * Inputs of the revenue reports (docs/analytics.md, "Revenue reports"): the Overview's own range of
 * whole UTC months and segment (shared/analytics/overview-schema.ts), so the cards on the
 * Overview take its filters as they are and refuse what it refuses.
 */

export const revenueRangeInput = overviewInput;
export type RevenueRangeInput = OverviewInput;
export type RevenueSegment = Segment;

/** The first moment (UTC ms) of a 'YYYY-MM' month, or of the month `offset` months later. */
export function monthStartMs(month: string, offset = 0): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Date.UTC(y, m - 1 + offset, 1);
}

const month = (label: string) =>
  z
    .string({ error: `${label} must be a month, like 2026-03` })
    .refine((m) => isMonth(m), { error: `${label} must be a month, like 2026-03` });

/** The recovery rate takes no segment: the Recovery page's figures have none. */
export const recoveryRateInput = z
  .strictObject({ from: month('From'), to: month('To') })
  .superRefine((input, ctx) => {
    if (!isMonth(input.from) || !isMonth(input.to)) return;
    const count = monthCount(input.from, input.to);
    if (count < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `To (${input.to}) is before From (${input.from})`,
      });
    else if (count > MAX_RANGE_MONTHS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The range covers ${count} months; at most ${MAX_RANGE_MONTHS}`,
      });
  });
export type RecoveryRateInput = z.infer<typeof recoveryRateInput>;
