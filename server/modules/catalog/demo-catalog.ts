import type { Kysely } from 'kysely';
import type {
  Feature,
  FeatureKind,
  Plan,
  PlanFeatureValues,
  Price,
  Product,
} from '../../../shared/catalog/types';
import { newId } from '../../../shared/ids';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { runCatalogCommand, snapshot } from './catalog-command';
import { insertFeature, selectFeatureKinds } from './feature-repo';
import { insertPlan, replacePlanFeatures } from './plan-repo';
import { insertPrice } from './price-repo';
import { insertProduct } from './product-repo';

/**
 * The demo workspace's catalog: a course platform's Free, Pro and Enterprise plans. It is
 * written in one command, so it costs one transaction on the desktop's first start and
 * still leaves an audit entry and a change-log row for every feature, product, plan and price.
 */

const FEATURES: { key: string; name: string; kind: FeatureKind; description: string }[] = [
  { key: 'courses.max', name: 'Courses', kind: 'limit', description: 'Courses the workspace can publish' },
  {
    key: 'students.max',
    name: 'Students',
    kind: 'limit',
    description: 'Students enrolled across all courses',
  },
  {
    key: 'analytics.advanced',
    name: 'Advanced analytics',
    kind: 'flag',
    description: 'Cohort and funnel reports',
  },
  {
    key: 'branding.white_label',
    name: 'White label',
    kind: 'flag',
    description: 'Own name, logo and domain',
  },
  {
    key: 'support.priority',
    name: 'Priority support',
    kind: 'flag',
    description: 'Answers within four hours',
  },
  {
    key: 'api.access',
    name: 'API access',
    kind: 'flag',
    description: 'Programmatic access to courses and students',
  },
  {
    key: 'certificates.custom',
    name: 'Custom certificates',
    kind: 'flag',
    description: 'Certificates in your design',
  },
];

const PLANS = {
  free: {
    name: 'Free',
    description: 'Try the platform with a few courses',
    isDefault: true,
    features: { 'courses.max': 3, 'students.max': 50 },
  },
  pro: {
    name: 'Pro',
    description: 'For instructors building a business',
    isDefault: false,
    features: {
      'courses.max': 50,
      'students.max': 1000,
      'analytics.advanced': true,
      'api.access': true,
      'certificates.custom': true,
    },
  },
  enterprise: {
    name: 'Enterprise',
    description: 'For schools and companies, under their own brand',
    isDefault: false,
    features: Object.fromEntries(FEATURES.map((f) => [f.key, f.kind === 'flag' ? true : null])),
  },
} satisfies Record<
  string,
  { name: string; description: string; isDefault: boolean; features: PlanFeatureValues }
>;

export type DemoPlanName = keyof typeof PLANS;

const TRIAL_DAYS = 14;
const price = (plan: DemoPlanName, amount: number, currency: string, interval: Price['interval']) => ({
  plan,
  amount,
  currency,
  interval,
  trialDays: plan === 'free' ? 0 : TRIAL_DAYS,
});

const PRICES = {
  freeMonthlyUsd: price('free', 0, 'USD', 'month'),
  freeMonthlyEur: price('free', 0, 'EUR', 'month'),
  proMonthlyUsd: price('pro', 999, 'USD', 'month'),
  proYearlyUsd: price('pro', 9990, 'USD', 'year'),
  proMonthlyEur: price('pro', 949, 'EUR', 'month'),
  proYearlyEur: price('pro', 9490, 'EUR', 'year'),
  enterpriseMonthlyUsd: price('enterprise', 9900, 'USD', 'month'),
  enterpriseYearlyUsd: price('enterprise', 99000, 'USD', 'year'),
  enterpriseMonthlyEur: price('enterprise', 9400, 'EUR', 'month'),
  enterpriseYearlyEur: price('enterprise', 94000, 'EUR', 'year'),
};

export type DemoPriceName = keyof typeof PRICES;

/** The ids of what the demo catalog created, for seeding subscriptions on it. */
export interface DemoCatalog {
  productId: string;
  plans: Record<DemoPlanName, string>;
  prices: Record<DemoPriceName, string>;
}

const created = (entityType: string, entityId: string, after: object): EntityChange => ({
  entityType,
  entityId,
  before: null,
  after: snapshot(after),
});

/** Writes the demo catalog into an empty workspace (INVALID_STATE if it already has features). */
export function seedDemoCatalog(db: Kysely<DB>, tenantId: string, now: number): Promise<DemoCatalog> {
  const scope = {
    db,
    tenantId,
    clock: { now: () => now },
    actor: { userId: null, name: 'Demo data', client: 'system:demo' },
  };
  return runCatalogCommand(scope, 'catalog.demo_seeded', async (trx) => {
    if ((await selectFeatureKinds(trx, tenantId)).size > 0) {
      throw new DomainError(
        'INVALID_STATE',
        'This workspace already has a catalog; the demo catalog is for new ones',
      );
    }
    const changes: EntityChange[] = [];
    const kinds = new Map(FEATURES.map((f) => [f.key, f.kind]));
    for (const spec of FEATURES) {
      const feature: Feature = { ...spec, createdAt: now };
      await insertFeature(trx, tenantId, feature);
      changes.push(created('feature', feature.key, feature));
    }
    const product: Product = {
      id: newId('prd', now),
      name: 'Lumen Courses',
      description: 'Online courses, students and certificates',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    await insertProduct(trx, tenantId, product);
    changes.push(created('product', product.id, product));

    const plans = {} as Record<DemoPlanName, string>;
    for (const [index, [name, spec]] of Object.entries(PLANS).entries()) {
      const plan: Plan = {
        id: newId('pln', now),
        productId: product.id,
        ...spec,
        status: 'active',
        sortOrder: index,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await insertPlan(trx, tenantId, plan);
      await replacePlanFeatures(trx, tenantId, plan.id, plan.features, kinds);
      changes.push(created('plan', plan.id, plan));
      plans[name as DemoPlanName] = plan.id;
    }

    const prices = {} as Record<DemoPriceName, string>;
    for (const [name, spec] of Object.entries(PRICES)) {
      const { plan, ...fields } = spec;
      const row: Price = {
        id: newId('pri', now),
        planId: plans[plan],
        ...fields,
        status: 'active',
        createdAt: now,
        updatedAt: now,
      };
      await insertPrice(trx, tenantId, row);
      changes.push(created('price', row.id, row));
      prices[name as DemoPriceName] = row.id;
    }
    return { result: { productId: product.id, plans, prices }, changes };
  });
}
