import type { UsageLimit } from '../../../../shared/licensing/policy';
import { overageCharge, proratedLimit } from '../../../../shared/licensing/usage';

/**
 * Overage billing, pure (docs/licensing.md, "Overage on invoices"): the units a license used
 * over a BILL limit in a closed usage period, less those already billed, priced by the limit's
 * rule. A period the license covers only in part (issued mid-period) counts the limit for its
 * share of the period (`proratedLimit`). Billing a period again after late units bills only the
 * difference, so the lines of every invoice add up to the period's whole charge.
 */

export interface UsageTotal {
  licenseId: string;
  metric: string;
  /** 'YYYY-MM' (a calendar month) or the period's start as an ISO instant. */
  period: string;
  quantity: number;
  billedQuantity: number;
}

export interface Span {
  start: number;
  end: number;
}

export interface OverageLine {
  licenseId: string;
  metric: string;
  period: string;
  span: Span;
  /** The units over the limit once this line is billed (license_usage.billed_quantity). */
  billedQuantity: number;
  units: number;
  unitPrice: number;
  currency: string;
  amount: number;
}

export type OverageSkip = { licenseId: string; metric: string; period: string; reason: string };

const MONTH = /^(\d{4})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/;

/**
 * The time a usage period spans, or null when its key is of neither form. A period keyed by
 * its start ends where the invoice's closed period ends if it starts inside it, else where
 * that closed period starts (the period before it).
 */
export function usageSpan(period: string, closed: Span): Span | null {
  const month = MONTH.exec(period);
  if (month) {
    const [year, index] = [Number(month[1]), Number(month[2]) - 1];
    return { start: Date.UTC(year, index, 1), end: Date.UTC(year, index + 1, 1) };
  }
  if (!INSTANT.test(period)) return null;
  const start = Date.parse(period.endsWith('Z') ? period : `${period}Z`);
  if (Number.isNaN(start)) return null;
  return { start, end: start >= closed.start ? closed.end : closed.start };
}

/** The limit counted for a period the license covers from `coveredFrom` on (its issue). */
export function coveredLimit(span: Span, limit: number, coveredFrom: number): number {
  if (coveredFrom <= span.start) return limit;
  return proratedLimit(span, 0, limit, coveredFrom);
}

/**
 * The lines an invoice in `currency`, issued when `closed` ended, carries for these totals:
 * each closed period's units over its (covered) limit not billed yet. A limit billed in another
 * currency than the invoice's is skipped with its reason (recorded, never converted).
 */
export function overageLines(input: {
  totals: readonly UsageTotal[];
  limitsOf: (licenseId: string) => readonly UsageLimit[];
  issuedAtOf: (licenseId: string) => number;
  closed: Span;
  currency: string;
}): { lines: OverageLine[]; skipped: OverageSkip[] } {
  const lines: OverageLine[] = [];
  const skipped: OverageSkip[] = [];
  for (const total of input.totals) {
    const limit = input.limitsOf(total.licenseId).find((l) => l.metric === total.metric);
    if (!limit || limit.rule.kind !== 'BILL') continue;
    const span = usageSpan(total.period, input.closed);
    if (!span || span.end > input.closed.end) continue;
    const counted = coveredLimit(span, limit.limit, input.issuedAtOf(total.licenseId));
    const over = Math.max(0, total.quantity - counted);
    if (over <= total.billedQuantity) continue;
    const key = { licenseId: total.licenseId, metric: total.metric, period: total.period };
    if (limit.rule.currency !== input.currency) {
      skipped.push({
        ...key,
        reason: `billed in ${limit.rule.currency}, the invoice is in ${input.currency}`,
      });
      continue;
    }
    const charge = overageCharge({ ...limit, limit: 0 }, over - total.billedQuantity);
    if (!charge) continue;
    lines.push({ ...key, span, billedQuantity: over, ...charge });
  }
  return { lines, skipped };
}
