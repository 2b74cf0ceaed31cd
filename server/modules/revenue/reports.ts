import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { summarizeRevenue, type RevenueSummary } from '../../../shared/analytics/revenue';
import { monthCount, monthsBetween } from '../../../shared/analytics/overview-months';
import {
  monthStartMs,
  type RecoveryRateInput,
  type RevenueRangeInput,
  type RevenueSegment,
} from '../../../shared/analytics/revenue-schema';
import { summarizeTrials } from '../../../shared/analytics/revenue-trials';
import { recoveryRate } from '../../../shared/billing/recovery-figures';
import { recoveryStats } from '../recovery';
import { findSettings } from '../analytics';
import { planExists, ratesInto, revenueParts } from './repo';
import { endedTrials } from './trials';

/** The reports behind `revenue.*` (docs/analytics.md, "Revenue reports"); each reads, none writes. */

interface Scope {
  db: Kysely<DB>;
  tenantId: string;
  now: number;
}

const rangeOf = (input: { from: string; to: string }) => ({
  fromMs: monthStartMs(input.from),
  toMs: monthStartMs(input.to, 1),
});

/**
 * A segment naming a plan the workspace does not have is a mistake worth saying, not an empty
 * report; NOT_FOUND, as for any id of another workspace.
 */
async function checkSegment(scope: Scope, segment: RevenueSegment) {
  if (segment.plan && !(await planExists(scope.db, scope.tenantId, segment.plan)))
    throw new DomainError('NOT_FOUND', `Unknown plan in the segment: ${segment.plan}`);
}

/** Collected, refunded, disputed and net per month, plan and country, native and in the reporting currency. */
export async function revenueByMonth(scope: Scope, input: RevenueRangeInput): Promise<RevenueSummary> {
  const segment = input.segment;
  await checkSegment(scope, segment);
  const range = rangeOf(input);
  const [collected, refunded, disputed, reporting] = await Promise.all([
    revenueParts(scope.db, scope.tenantId, 'collected', range, segment),
    revenueParts(scope.db, scope.tenantId, 'refunded', range, segment),
    revenueParts(scope.db, scope.tenantId, 'disputed', range, segment),
    findSettings(scope.db, scope.tenantId).then((settings) => settings.reportingCurrency),
  ]);
  const lastDay = new Date(range.toMs - 1).toISOString().slice(0, 10);
  const rates = await ratesInto(scope.db, scope.tenantId, reporting, lastDay);
  return summarizeRevenue([...collected, ...refunded, ...disputed], {
    months: monthsBetween(input.from, input.to),
    reportingCurrency: reporting,
    rates,
  });
}

/** Trials that ended in each month of the range, and how many converted. */
export async function trialConversion(scope: Scope, input: RevenueRangeInput) {
  const segment = input.segment;
  await checkSegment(scope, segment);
  const trials = await endedTrials(scope.db, scope.tenantId, rangeOf(input), segment);
  const months = monthsBetween(input.from, input.to);
  return {
    ...summarizeTrials(
      trials.map((t) => ({ month: new Date(t.endedAt).toISOString().slice(0, 7), outcome: t.outcome })),
      months,
    ),
    trials,
  };
}

/**
 * The Recovery page's figures for the months of the range, from the Recovery page's own
 * query (by the month each invoice first failed), per currency with the same rate rule.
 */
export async function recoveryRateOf(scope: Scope, input: RecoveryRateInput) {
  const nowMonth = new Date(scope.now).toISOString().slice(0, 7);
  const months = input.from <= nowMonth ? monthCount(input.from, nowMonth) : 0;
  const stats =
    months > 0 ? await recoveryStats(scope.db, scope.tenantId, { months, now: scope.now }) : undefined;
  const inRange = (stats?.byMonth ?? []).filter((m) => m.month >= input.from && m.month <= input.to);
  const currencies = [...new Set(inRange.map((m) => m.currency))].sort();
  return {
    from: input.from,
    to: input.to,
    currencies: currencies.map((currency) => {
      const rows = inRange.filter((m) => m.currency === currency);
      const sum = (pick: (m: (typeof rows)[number]) => number) => rows.reduce((s, m) => s + pick(m), 0);
      const recoveredAmount = sum((m) => m.recoveredAmount);
      const lostAmount = sum((m) => m.lostAmount);
      return {
        currency,
        failedCount: sum((m) => m.failedCount),
        failedAmount: sum((m) => m.failedAmount),
        recoveredCount: sum((m) => m.recoveredCount),
        recoveredAmount,
        lostCount: sum((m) => m.lostCount),
        lostAmount,
        rate: recoveryRate({ recoveredAmount, lostAmount }),
      };
    }),
    byMonth: inRange,
  };
}
