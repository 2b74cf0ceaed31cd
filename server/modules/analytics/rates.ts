import type { Kysely, Transaction } from 'kysely';
import { convertMinor } from '../../../shared/analytics/fx';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The rates that turn movements into the reporting currency: for each currency, its rates to
 * the reporting one by day. A movement converts at the latest rate of a day on or before its
 * own (docs/analytics.md, "Several currencies"); with none it has no reporting amount.
 */
export class RateBook {
  constructor(
    readonly reporting: string,
    private readonly byCurrency: Map<string, { days: string[]; rates: string[] }>,
  ) {}

  /** `amount` of `currency` in the reporting currency at the rate of `day`, or null without one. */
  convert(amount: number, currency: string, day: string): number | null {
    if (currency === this.reporting) return amount;
    const series = this.byCurrency.get(currency);
    if (!series) return null;
    let low = 0;
    let high = series.days.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if ((series.days[mid] as string) <= day) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found < 0 ? null : convertMinor(amount, currency, this.reporting, series.rates[found] as string);
  }
}

/** The tenant's rates into `reporting`, of `currencies` only when given (one customer's). */
export async function loadRateBook(
  db: Db,
  tenantId: string,
  reporting: string,
  currencies?: readonly string[],
): Promise<RateBook> {
  const others = currencies?.filter((c) => c !== reporting);
  if (others && others.length === 0) return new RateBook(reporting, new Map());
  let query = db
    .selectFrom('fx_rates')
    .select(['base_currency', 'day', 'rate'])
    .where('tenant_id', '=', tenantId)
    .where('quote_currency', '=', reporting);
  if (others) query = query.where('base_currency', 'in', others);
  const rows = await query.orderBy('base_currency').orderBy('day').execute();
  const byCurrency = new Map<string, { days: string[]; rates: string[] }>();
  for (const row of rows) {
    const series = byCurrency.get(row.base_currency) ?? { days: [], rates: [] };
    series.days.push(row.day);
    series.rates.push(row.rate);
    byCurrency.set(row.base_currency, series);
  }
  return new RateBook(reporting, byCurrency);
}
