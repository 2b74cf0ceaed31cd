import type { Kysely } from 'kysely';
import { convertMinor } from '../../../../shared/analytics/fx';
import type { DB } from '../../../db/schema';

/** Until a workspace chooses, figures are reported in US dollars (as the movement engine does). */
const DEFAULT_REPORTING_CURRENCY = 'USD';

/** Converts into the reporting currency at the latest rate of a day on or before the one asked. */
export interface ReportingRates {
  reporting: string;
  /** `amount` of `currency` at the rate of `day`, or null when no rate is that old. */
  convert(amount: number, currency: string, day: string): number | null;
}

/**
 * The workspace's reporting currency and its rates from `currencies`, read as the movement
 * engine reads them (docs/analytics.md, "Several currencies"), so a month's start and end are
 * converted by the rule its movements were.
 */
export async function reportingRates(
  db: Kysely<DB>,
  tenantId: string,
  currencies: readonly string[],
): Promise<ReportingRates> {
  const settings = await db
    .selectFrom('analytics_settings')
    .select('reporting_currency')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  const reporting = settings?.reporting_currency ?? DEFAULT_REPORTING_CURRENCY;
  const others = currencies.filter((c) => c !== reporting);
  const rows = others.length
    ? await db
        .selectFrom('fx_rates')
        .select(['base_currency', 'day', 'rate'])
        .where('tenant_id', '=', tenantId)
        .where('quote_currency', '=', reporting)
        .where('base_currency', 'in', others)
        .orderBy('base_currency')
        .orderBy('day')
        .execute()
    : [];
  const series = new Map<string, { day: string; rate: string }[]>();
  for (const row of rows) series.set(row.base_currency, [...(series.get(row.base_currency) ?? []), row]);
  return {
    reporting,
    convert(amount, currency, day) {
      if (currency === reporting) return amount;
      const found = (series.get(currency) ?? []).findLast((r) => r.day <= day);
      return found ? convertMinor(amount, currency, reporting, found.rate) : null;
    },
  };
}
