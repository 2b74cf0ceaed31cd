import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { billingLabels, type BillingLabelType } from '../billing';
import { catalogNames, priceLabels } from '../catalog';
import { customerNames } from '../customers';
import { priceText } from '../timeline';

export interface EntityRef {
  type: string;
  id: string;
}

const BILLING_TYPES = new Set<string>([
  'invoice',
  'invoice_recovery',
  'subscription',
  'payment',
  'refund',
  'payment_method',
]);

/**
 * What people call each referenced object (an invoice by its number, a customer by name, a
 * plan by its name), for a whole page of references with one query per type, each through
 * the module that owns the table. An object the tenant does not hold (or no longer) has no label.
 */
export async function entityLabels(
  db: Kysely<DB>,
  tenantId: string,
  refs: readonly EntityRef[],
): Promise<Record<string, string>> {
  const idsOf = (type: string) => refs.filter((r) => r.type === type).map((r) => r.id);
  const billingIds: Partial<Record<BillingLabelType, string[]>> = {};
  for (const type of BILLING_TYPES) billingIds[type as BillingLabelType] = idsOf(type);
  const [customers, catalog, prices, billing] = await Promise.all([
    customerNames(db, tenantId, idsOf('customer')),
    catalogNames(db, tenantId, { plan: idsOf('plan'), product: idsOf('product') }),
    priceLabels(db, tenantId, idsOf('price')),
    billingLabels(db, tenantId, billingIds),
  ]);
  const subscriptionPlans = await catalogNames(db, tenantId, {
    plan: [...billing.subscriptionPlans.values()],
  });
  const labels: Record<string, string> = {};
  for (const [id, name] of [...customers, ...catalog, ...billing.labels]) labels[id] = name;
  for (const [id, label] of prices) labels[id] = priceText(label);
  for (const [id, planId] of billing.subscriptionPlans) {
    const plan = subscriptionPlans.get(planId);
    if (plan) labels[id] = `${plan} subscription`;
  }
  return labels;
}
