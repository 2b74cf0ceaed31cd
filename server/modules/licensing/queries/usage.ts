import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { UsageRule } from '../../../../shared/licensing/policy';
import type { licenseUsageInput } from '../../../../shared/licensing/queries-schema';
import type { DB } from '../../../db/schema';
import { notFound } from '../../../lib/errors';
import { policyFromRow } from '../rows';

type Input = z.output<typeof licenseUsageInput>;

export interface UsagePeriod {
  period: string;
  quantity: number;
  /** The highest alert (80, 100 %) already sent for the period; null: none. */
  alertedPercent: number | null;
  /** Units over the limit already added to an invoice. */
  billedQuantity: number;
}

export interface MetricUsage {
  metric: string;
  /** The policy's limit per period and its rule; null when the policy does not limit the metric. */
  limit: number | null;
  rule: UsageRule | null;
  /** The latest `periods` periods with usage, oldest first (a chart's order). */
  periods: UsagePeriod[];
}

/**
 * A license's usage per metric and period, beside the policy's limit and rule: every metric the
 * policy limits (in the policy's order, even unused) then any other metric the license reported.
 */
export async function licenseUsage(db: Kysely<DB>, tenantId: string, input: Input): Promise<MetricUsage[]> {
  const license = await db
    .selectFrom('licenses')
    .innerJoin('license_policies', 'license_policies.id', 'licenses.policy_id')
    .selectAll('license_policies')
    .where('licenses.tenant_id', '=', tenantId)
    .where('licenses.id', '=', input.id)
    .executeTakeFirst();
  if (!license) throw notFound('License');
  let q = db
    .selectFrom('license_usage')
    .select(['metric', 'period', 'quantity', 'alerted_percent', 'billed_quantity'])
    .where('tenant_id', '=', tenantId)
    .where('license_id', '=', input.id);
  if (input.metric) q = q.where('metric', '=', input.metric);
  // Newest first per metric; periods are 'YYYY-MM' or a period start, both sorting as text.
  const rows = await q.orderBy('metric').orderBy('period', 'desc').execute();

  const limits = policyFromRow(license).usageLimits.filter((l) => !input.metric || l.metric === input.metric);
  const metrics = new Map<string, MetricUsage>();
  for (const l of limits)
    metrics.set(l.metric, { metric: l.metric, limit: l.limit, rule: l.rule, periods: [] });
  for (const row of rows) {
    let usage = metrics.get(row.metric);
    if (!usage) {
      usage = { metric: row.metric, limit: null, rule: null, periods: [] };
      metrics.set(row.metric, usage);
    }
    if (usage.periods.length >= input.periods) continue;
    usage.periods.push({
      period: row.period,
      quantity: Number(row.quantity),
      alertedPercent: row.alerted_percent === null ? null : Number(row.alerted_percent),
      billedQuantity: Number(row.billed_quantity),
    });
  }
  for (const usage of metrics.values()) usage.periods.reverse();
  return [...metrics.values()];
}
