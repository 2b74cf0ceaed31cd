import type { Kysely } from 'kysely';
import { cohortRetention } from '../../../../shared/analytics/formulas-cohorts';
import { monthFigures, type OverviewMonth } from '../../../../shared/analytics/formulas-month';
import { addMonths } from '../../../../shared/analytics/overview-months';
import type { OverviewInput } from '../../../../shared/analytics/overview-schema';
import type { DB } from '../../../db/schema';
import { overviewMonths } from './months';
import { cohortSums, monthlySums } from './repo';
import { reportingRates } from './reporting';
import { checkSegment } from './segments';

/**
 * The Overview of months `from`…`to` for a segment: a row per month (MRR at start and end,
 * each kind of movement, FX impact, customers), the headline figures of the last month against
 * the month before, and cohort retention. In the segment's currency when it names one,
 * otherwise in the workspace's reporting currency (docs/analytics.md, "The Overview's metrics").
 */
export async function analyticsOverview(db: Kysely<DB>, tenantId: string, input: OverviewInput) {
  await checkSegment(db, tenantId, input.segment);
  const own = input.segment.currency ?? null;
  const [sums, cohorts] = await Promise.all([
    monthlySums(db, tenantId, input.segment, input.to),
    cohortSums(db, tenantId, { from: input.from, to: input.to, currency: own }),
  ]);
  const currencies = [...new Set(sums.map((s) => s.currency))].sort();
  const rates = own ? null : await reportingRates(db, tenantId, currencies);
  // One month more than shown: the first month's figures are compared with the one before.
  const rows = overviewMonths(sums, addMonths(input.from, -1), input.to, rates);
  const shown = rows.slice(1);
  const current = rows.at(-1);
  const previous = rows.at(-2);
  return {
    currency: own ?? rates?.reporting ?? 'USD',
    /** 'own': the currency filter's own amounts; 'reporting': every currency converted. */
    basis: own ? ('own' as const) : ('reporting' as const),
    currencies,
    months: shown,
    headline: {
      current: current ? monthFigures(current) : null,
      previous: previous ? monthFigures(previous) : null,
    },
    missingRates: missingRates(shown, rates?.reporting ?? null),
    cohorts: cohortRetention(
      cohorts.map((c) => ({
        cohort: c.cohort,
        month: c.month,
        amount: own ? c.amount : c.amountReporting,
        customers: c.customers,
      })),
      input.from,
      input.to,
    ),
    /** Cohorts are kept per currency only: plan, interval, country and source filters do not apply. */
    cohortsSegmented: !(
      input.segment.plan ||
      input.segment.interval ||
      input.segment.country ||
      input.segment.source
    ),
    hasMovements: sums.length > 0,
  };
}

/** Each currency lacking a rate, with the latest day that has none and the months it leaves without MRR. */
function missingRates(months: OverviewMonth[], reporting: string | null) {
  const byCurrency = new Map<string, { day: string; months: string[] }>();
  for (const m of months) {
    for (const { currency, day } of m.missingRates) {
      const seen = byCurrency.get(currency) ?? { day, months: [] };
      byCurrency.set(currency, { day: seen.day < day ? day : seen.day, months: [...seen.months, m.month] });
    }
  }
  return [...byCurrency].map(([currency, seen]) => ({ currency, reporting, ...seen }));
}
