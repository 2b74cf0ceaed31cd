import type { Kysely } from 'kysely';
import { convertMinor } from '../../../../shared/analytics/fx';
import type { MovementKind } from '../../../../shared/analytics/formulas';
import { monthOfTime } from '../../../../shared/analytics/overview-months';
import type { DB } from '../../../db/schema';

/**
 * Movements written straight into the analytics tables, with the monthly and cohort sums kept
 * as the movement engine keeps them, so the Overview's queries are tested on histories chosen
 * for the figures they must give (the engine's own tests prove the rows it writes).
 */

export interface MovementSeed {
  customerId: string;
  subscriptionId?: string;
  kind: MovementKind;
  amount: number;
  effectiveAt: number;
  planId: string;
  currency?: string;
  interval?: 'month' | 'year';
  source?: 'tollgate' | 'stripe';
  country?: string;
  /** The customer's first paying month in this currency (default: the movement's month). */
  cohort?: string;
  causeType?: string;
  causeId?: string | null;
}

export interface Rate {
  base: string;
  day: string;
  rate: string;
}

let sequence = 0;

/** Sets the reporting currency and the rates into it (units of `reporting` per unit of `base`). */
export async function setRates(db: Kysely<DB>, tenantId: string, reporting: string, rates: Rate[]) {
  await db
    .insertInto('analytics_settings')
    .values({
      tenant_id: tenantId,
      reporting_currency: reporting,
      past_due_churn_days: null,
      finance_pack_recipients: '[]',
      rebuild_status: 'idle',
      rebuild_done: 0,
      rebuild_total: 0,
      version: 1,
      updated_at: 0,
    })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ reporting_currency: reporting }))
    .execute();
  for (const r of rates) {
    await db
      .insertInto('fx_rates')
      .values({
        tenant_id: tenantId,
        base_currency: r.base,
        quote_currency: reporting,
        day: r.day,
        rate: r.rate,
        source: 'entered',
        updated_at: 0,
      })
      .execute();
  }
}

/** `amount` at the latest of `rates` on or before the movement's day; null without one. */
function reportingAmount(seed: MovementSeed, reporting: string, rates: Rate[]): number | null {
  const currency = seed.currency ?? 'USD';
  if (currency === reporting) return seed.amount;
  const day = new Date(seed.effectiveAt).toISOString().slice(0, 10);
  const rate = rates
    .filter((r) => r.base === currency && r.day <= day)
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .at(-1);
  return rate ? convertMinor(seed.amount, currency, reporting, rate.rate) : null;
}

const customerDelta = (kind: MovementKind) =>
  kind === 'new' || kind === 'reactivation' ? 1 : kind === 'churn' ? -1 : 0;

/** Writes the movements and adds each to its monthly and cohort sums. */
export async function recordMovements(
  db: Kysely<DB>,
  tenantId: string,
  seeds: MovementSeed[],
  fx: { reporting: string; rates: Rate[] } = { reporting: 'USD', rates: [] },
) {
  for (const seed of seeds) {
    const month = monthOfTime(seed.effectiveAt);
    const amountReporting = reportingAmount(seed, fx.reporting, fx.rates);
    const row = {
      tenant_id: tenantId,
      currency: seed.currency ?? 'USD',
      month,
      kind: seed.kind,
      plan_id: seed.planId,
      interval: seed.interval ?? 'month',
      source: seed.source ?? 'tollgate',
      country: seed.country ?? 'US',
    };
    sequence += 1;
    await db
      .insertInto('mrr_movements')
      .values({
        ...row,
        id: `mrm_test${String(sequence).padStart(6, '0')}`,
        customer_id: seed.customerId,
        subscription_id: seed.subscriptionId ?? `sub_of_${seed.customerId}`,
        state_id: `mrs_test${sequence}`,
        amount: seed.amount,
        amount_reporting: amountReporting,
        subscription_mrr_before: seed.amount < 0 ? -seed.amount : 0,
        subscription_mrr_after: seed.amount > 0 ? seed.amount : 0,
        customer_mrr_before: seed.amount < 0 ? -seed.amount : 0,
        customer_mrr_after: seed.amount > 0 ? seed.amount : 0,
        customer_delta: customerDelta(seed.kind),
        effective_at: seed.effectiveAt,
        cohort: seed.cohort ?? month,
        cause_type: seed.causeType ?? 'invoice',
        cause_id: seed.causeId === undefined ? `inv_for_${sequence}` : seed.causeId,
      })
      .execute();
    const sums = {
      amount: seed.amount,
      amount_reporting: amountReporting ?? 0,
      customers: customerDelta(seed.kind),
    };
    await db
      .insertInto('mrr_monthly')
      .values({ ...row, ...sums, movements: 1 })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'])
          .doUpdateSet((eb) => ({
            amount: eb('mrr_monthly.amount', '+', seed.amount),
            amount_reporting: eb('mrr_monthly.amount_reporting', '+', sums.amount_reporting),
            customers: eb('mrr_monthly.customers', '+', sums.customers),
            movements: eb('mrr_monthly.movements', '+', 1),
          })),
      )
      .execute();
    await db
      .insertInto('mrr_cohorts')
      .values({
        tenant_id: tenantId,
        currency: row.currency,
        cohort: seed.cohort ?? month,
        month,
        ...sums,
        movements: 1,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'currency', 'cohort', 'month']).doUpdateSet((eb) => ({
          amount: eb('mrr_cohorts.amount', '+', seed.amount),
          amount_reporting: eb('mrr_cohorts.amount_reporting', '+', sums.amount_reporting),
          customers: eb('mrr_cohorts.customers', '+', sums.customers),
          movements: eb('mrr_cohorts.movements', '+', 1),
        })),
      )
      .execute();
  }
}
