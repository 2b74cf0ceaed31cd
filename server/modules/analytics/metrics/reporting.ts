import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { loadRateBook } from '../rates';
import { findSettings } from '../settings-repo';

/** Converts into the reporting currency at the latest rate of a day on or before the one asked. */
export interface ReportingRates {
  reporting: string;
  /** `amount` of `currency` at the rate of `day`, or null when no rate is that old. */
  convert(amount: number, currency: string, day: string): number | null;
}

/**
 * The workspace's reporting currency and its rates from `currencies`: the movement engine's
 * own rate book, so a month's start and end are converted by the rule its movements were.
 */
export async function reportingRates(
  db: Kysely<DB>,
  tenantId: string,
  currencies: readonly string[],
): Promise<ReportingRates> {
  const { reportingCurrency } = await findSettings(db, tenantId);
  return loadRateBook(db, tenantId, reportingCurrency, currencies);
}
