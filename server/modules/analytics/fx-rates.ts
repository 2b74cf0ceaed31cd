import type { Kysely } from 'kysely';
import { parseFxCsv } from '../../../shared/analytics/fx-csv';
import { normalizeRate } from '../../../shared/analytics/fx';
import type { FxRateInput } from '../../../shared/analytics/settings-schema';
import { runCommand, type CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { queueRebuildForRates, type AnalyticsRequest } from './commands';

/** The workspace's exchange rates (entered one by one or imported from CSV); any change queues a rebuild. */

export interface FxRate {
  day: string;
  base: string;
  quote: string;
  rate: string;
  source: 'entered' | 'imported';
  updatedAt: number;
}

const scopeOf = (request: AnalyticsRequest): CommandScope => ({ ...request });

export async function listFxRates(
  db: Kysely<DB>,
  tenantId: string,
  input: { base?: string | null; limit: number },
): Promise<FxRate[]> {
  let query = db
    .selectFrom('fx_rates')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('day', 'desc')
    .orderBy('base_currency')
    .orderBy('quote_currency')
    .limit(input.limit);
  if (input.base) query = query.where('base_currency', '=', input.base);
  const rows = await query.execute();
  return rows.map((row) => ({
    day: row.day,
    base: row.base_currency,
    quote: row.quote_currency,
    rate: row.rate,
    source: row.source,
    updatedAt: row.updated_at,
  }));
}

async function upsertRate(
  trx: Kysely<DB>,
  tenantId: string,
  rate: FxRateInput,
  source: FxRate['source'],
  now: number,
) {
  const text = normalizeRate(rate.rate);
  if (text === null) throw new DomainError('INVALID_INPUT', `"${rate.rate}" is not an exchange rate`);
  await trx
    .insertInto('fx_rates')
    .values({
      tenant_id: tenantId,
      base_currency: rate.base,
      quote_currency: rate.quote,
      day: rate.day,
      rate: text,
      source,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'base_currency', 'quote_currency', 'day'])
        .doUpdateSet({ rate: text, source, updated_at: now }),
    )
    .execute();
}

/** Sets one rate (replacing the day's rate of the pair, if any). */
export async function setFxRate(request: AnalyticsRequest, rate: FxRateInput): Promise<FxRate> {
  return runCommand(scopeOf(request), 'analytics.fx_rate_set', async (trx, now) => {
    await upsertRate(trx, request.tenantId, rate, 'entered', now);
    await queueRebuildForRates(trx, request.tenantId, now);
    const stored = {
      ...rate,
      rate: normalizeRate(rate.rate) ?? rate.rate,
      source: 'entered' as const,
      updatedAt: now,
    };
    return {
      result: stored,
      changes: [
        {
          entityType: 'fx_rate',
          entityId: `${rate.base}/${rate.quote}@${rate.day}`,
          before: null,
          after: { ...stored },
        },
      ],
    };
  });
}

/**
 * Imports a CSV of rates in one transaction: a malformed line fails the whole file with an
 * error naming it, and nothing is stored.
 */
export async function importFxRates(request: AnalyticsRequest, csv: string): Promise<{ imported: number }> {
  const parsed = parseFxCsv(csv);
  if (!parsed.ok) {
    throw new DomainError('INVALID_INPUT', `Line ${parsed.line}: ${parsed.message}. Nothing was imported.`, {
      csv: [`Line ${parsed.line}: ${parsed.message}`],
    });
  }
  return runCommand(scopeOf(request), 'analytics.fx_rates_imported', async (trx, now) => {
    for (const rate of parsed.rates) await upsertRate(trx, request.tenantId, rate, 'imported', now);
    await queueRebuildForRates(trx, request.tenantId, now);
    return {
      result: { imported: parsed.rates.length },
      changes: [
        {
          entityType: 'fx_rates',
          entityId: request.tenantId,
          before: null,
          after: { imported: parsed.rates.length },
        },
      ],
    };
  });
}
