import type { Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import { admits, crossedAlerts } from '../../../../shared/licensing/usage';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import type { LicenseRow } from '../rows';
import { queueUsageAlert } from './alerts';
import { usagePeriodOf, type BillingCycle } from './period';

/**
 * Usage events against a license's limits (docs/licensing.md, "Usage"), in the caller's
 * transaction: each event is stored once per (license, event id) — a replay with the same
 * values answers as the first time did, with other values CONFLICT — counted in the period it
 * happened in (usage/period.ts), added to that period's total, and refused when a BLOCK (or
 * ALLOW_MULTIPLE) limit would be passed. A total passing 80 % or 100 % of its limit records the
 * highest threshold in `alerted_percent`, reports it in `alerts` and emails the account's admins
 * (usage/alerts.ts).
 */

export interface UsageEventIn {
  id: string;
  metric: string;
  quantity: number;
  occurred_at: number;
}

export type UsageStatus = 'APPLIED' | 'DUPLICATE' | 'CONFLICT' | 'OVER_LIMIT';

export interface UsageEventOutcome {
  id: string;
  status: UsageStatus;
  period: string;
  /** The period's total of the metric after the event (before it, when not applied). */
  total: number;
  /** Thresholds (80, 100) the total passed with this event. */
  alerts: number[];
}

/** Refuses the whole batch, naming the event, when a metric is not one of the policy's limits. */
function limitsOf(limits: readonly UsageLimit[], events: readonly UsageEventIn[]): Map<string, UsageLimit> {
  const byMetric = new Map(limits.map((l) => [l.metric, l]));
  events.forEach((event, index) => {
    if (!byMetric.has(event.metric)) {
      const known = limits.map((l) => l.metric).join(', ') || 'none';
      throw new DomainError(
        'INVALID_INPUT',
        `events.${index}.metric: the license has no metric ${event.metric} (it has ${known})`,
        {
          [`events.${index}.metric`]: [`Unknown metric ${event.metric}`],
        },
      );
    }
  });
  return byMetric;
}

async function totalOf(trx: Transaction<DB>, licenseId: string, metric: string, period: string) {
  const row = await trx
    .selectFrom('license_usage')
    .select(['quantity', 'alerted_percent'])
    .where('license_id', '=', licenseId)
    .where('metric', '=', metric)
    .where('period', '=', period)
    .executeTakeFirst();
  return row ?? { quantity: 0, alerted_percent: null };
}

async function replayOf(
  trx: Transaction<DB>,
  license: LicenseRow,
  event: UsageEventIn,
  period: string,
): Promise<UsageEventOutcome> {
  const earlier = await trx
    .selectFrom('license_usage_events')
    .select(['metric', 'quantity', 'occurred_at', 'period'])
    .where('license_id', '=', license.id)
    .where('event_id', '=', event.id)
    .executeTakeFirstOrThrow();
  const same =
    earlier.metric === event.metric &&
    earlier.quantity === event.quantity &&
    earlier.occurred_at === event.occurred_at;
  const total = await totalOf(trx, license.id, earlier.metric, earlier.period);
  return {
    id: event.id,
    status: same ? 'DUPLICATE' : 'CONFLICT',
    period: earlier.period ?? period,
    total: total.quantity,
    alerts: [],
  };
}

export async function recordUsage(
  trx: Transaction<DB>,
  input: {
    license: LicenseRow;
    limits: readonly UsageLimit[];
    cycle: BillingCycle | null;
    events: readonly UsageEventIn[];
    now: number;
  },
): Promise<UsageEventOutcome[]> {
  const { license, now } = input;
  const limits = limitsOf(input.limits, input.events);
  const outcomes: UsageEventOutcome[] = [];
  for (const event of input.events) {
    const limit = limits.get(event.metric) as UsageLimit;
    const period = usagePeriodOf(input.cycle, event.occurred_at);
    const before = await totalOf(trx, license.id, event.metric, period);
    const inserted = await trx
      .insertInto('license_usage_events')
      .values({
        id: newId('lue', now),
        tenant_id: license.tenant_id,
        customer_id: license.customer_id,
        license_id: license.id,
        event_id: event.id,
        metric: event.metric,
        quantity: event.quantity,
        occurred_at: event.occurred_at,
        period,
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['license_id', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      outcomes.push(await replayOf(trx, license, event, period));
      continue;
    }
    if (!admits(limit, before.quantity, event.quantity)) {
      await trx
        .deleteFrom('license_usage_events')
        .where('license_id', '=', license.id)
        .where('event_id', '=', event.id)
        .execute();
      outcomes.push({ id: event.id, status: 'OVER_LIMIT', period, total: before.quantity, alerts: [] });
      continue;
    }
    const after = before.quantity + event.quantity;
    const alerts = crossedAlerts(limit.limit, before.quantity, after);
    const alerted = Math.max(before.alerted_percent ?? 0, ...alerts) || null;
    await trx
      .insertInto('license_usage')
      .values({
        tenant_id: license.tenant_id,
        customer_id: license.customer_id,
        license_id: license.id,
        metric: event.metric,
        period,
        quantity: after,
        alerted_percent: alerted,
        billed_quantity: 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['license_id', 'metric', 'period'])
          .doUpdateSet({ quantity: after, alerted_percent: alerted, updated_at: now }),
      )
      .execute();
    // Several thresholds passed at once (0 → 100 %) send one alert, the highest.
    if (alerts.length > 0) {
      await queueUsageAlert(trx, { license, limit, period, used: after, percent: Math.max(...alerts), now });
    }
    outcomes.push({ id: event.id, status: 'APPLIED', period, total: after, alerts });
  }
  return outcomes;
}
