import type { Kysely } from 'kysely';
import { dayOf, type DerivedMovement } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';
import { RateBook } from './rates';

/**
 * The rates one customer's movements convert at, and only those: for each (currency, day) of a
 * movement in another currency than the reporting one, the latest rate on or before that day —
 * one statement of index seeks, where reading the whole series (a workspace with daily rates
 * has hundreds per currency) cost more than the rest of the incremental path. A RateBook of
 * just these rows converts those days exactly as the whole book would: the latest kept rate on
 * or before a day is the latest of all.
 */
export async function ratesForMovements(
  db: Kysely<DB>,
  tenantId: string,
  reporting: string,
  movements: readonly DerivedMovement[],
): Promise<RateBook> {
  const needs = new Map<string, { currency: string; day: string }>();
  for (const m of movements) {
    if (m.currency === reporting) continue;
    const day = dayOf(m.effectiveAt);
    needs.set(`${m.currency}|${day}`, { currency: m.currency, day });
  }
  if (needs.size === 0) return new RateBook(reporting, new Map());
  const rows = await db
    .selectFrom('fx_rates')
    .select(['base_currency', 'day', 'rate'])
    .where('tenant_id', '=', tenantId)
    .where('quote_currency', '=', reporting)
    .where((eb) =>
      eb.or(
        [...needs.values()].map(({ currency, day }) =>
          eb.and([
            eb('base_currency', '=', currency),
            eb(
              'day',
              '=',
              eb
                .selectFrom('fx_rates as latest')
                .select((sub) => sub.fn.max('latest.day').as('day'))
                .where('latest.tenant_id', '=', tenantId)
                .where('latest.base_currency', '=', currency)
                .where('latest.quote_currency', '=', reporting)
                .where('latest.day', '<=', day),
            ),
          ]),
        ),
      ),
    )
    .orderBy('base_currency')
    .orderBy('day')
    .execute();
  const byCurrency = new Map<string, { days: string[]; rates: string[] }>();
  for (const row of rows) {
    const series = byCurrency.get(row.base_currency) ?? { days: [], rates: [] };
    series.days.push(row.day);
    series.rates.push(row.rate);
    byCurrency.set(row.base_currency, series);
  }
  return new RateBook(reporting, byCurrency);
}
