import type { Kysely } from 'kysely';
import { REVENUE_SOURCES, type Segment } from '../../../../shared/analytics/overview-schema';
import { PRICE_INTERVALS } from '../../../../shared/catalog/types';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';

/**
 * The values each segment filter can take: the workspace's plans by name, and the currencies
 * and countries its movements are in (read from the country roll-up of the monthly sums).
 */
export async function segmentValues(db: Kysely<DB>, tenantId: string) {
  const [plans, pairs] = await Promise.all([
    db
      .selectFrom('plans')
      .select(['id', 'name', 'status'])
      .where('tenant_id', '=', tenantId)
      .orderBy('sort_order')
      .orderBy('name')
      .execute(),
    // The country roll-up has a row per country, currency, month and kind: far fewer than mrr_monthly.
    db
      .selectFrom('mrr_monthly_countries')
      .select(['country', 'currency'])
      .distinct()
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  const sorted = (values: string[]) => [...new Set(values)].sort();
  const currencies = sorted(pairs.map((p) => p.currency));
  const countries = sorted(pairs.map((p) => p.country));
  return {
    plans: plans.map((p) => ({ id: p.id, name: p.name, archived: p.status === 'archived' })),
    intervals: [...PRICE_INTERVALS],
    currencies,
    countries,
    sources: [...REVENUE_SOURCES],
  };
}

/**
 * Refuses a plan filter naming a plan that is not the workspace's: as not found, so a plan id
 * of another workspace reads exactly like a made-up one. The other filters are closed lists,
 * checked by the input's schema.
 */
export async function checkSegment(db: Kysely<DB>, tenantId: string, segment: Segment): Promise<void> {
  if (!segment.plan) return;
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', segment.plan)
    .executeTakeFirst();
  if (!plan) {
    throw new DomainError('NOT_FOUND', `Plan filter: plan ${segment.plan} was not found in this workspace`, {
      'segment.plan': ['no such plan in this workspace'],
    });
  }
}
