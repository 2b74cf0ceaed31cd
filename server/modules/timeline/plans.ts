import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { priceLabels, type PriceLabel } from '../catalog';
import type { TimelineEntry } from './facts';

const PRICE_FIELDS = [
  ['priceId', 'plan'],
  ['fromPriceId', 'fromPlan'],
  ['toPriceId', 'toPlan'],
] as const;

const INTERVAL = { month: 'monthly', year: 'yearly' } as Record<string, string>;

/** "Pro (monthly)": the plan a price belongs to and how often it bills. */
export const priceText = (label: PriceLabel) =>
  `${label.planName} (${INTERVAL[label.interval] ?? label.interval})`;

/** Names the plans that subscription lines mention, for a whole page in one query. */
export async function describePlans(db: Kysely<DB>, tenantId: string, items: TimelineEntry[]): Promise<void> {
  const ids = items.flatMap((item) =>
    PRICE_FIELDS.map(([field]) => item.detail[field]).filter((v): v is string => typeof v === 'string'),
  );
  const labels = await priceLabels(db, tenantId, ids);
  for (const item of items) {
    for (const [field, name] of PRICE_FIELDS) {
      const label = labels.get(String(item.detail[field]));
      if (label) item.detail[name] = priceText(label);
    }
  }
}
