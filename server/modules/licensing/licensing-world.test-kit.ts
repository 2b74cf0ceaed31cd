import type { PolicyCreateInput } from '../../../shared/licensing/schema';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';

/**
 * A test world with what licensing needs in tenant A: a product with a plan and a monthly
 * price, two customers (Ada subscribed, Grace not), and a product of tenant B, for the
 * staff licensing procedures' tests.
 */
export interface LicensingWorld {
  world: TestWorld;
  productId: string;
  planId: string;
  otherPlanId: string;
  ada: string;
  grace: string;
  adaSubscriptionId: string;
  graceSubscriptionId: string;
  bProductId: string;
  bCustomerId: string;
}

export async function createLicensingWorld(): Promise<LicensingWorld> {
  const world = await createTestWorld();
  const a = world.as('owner', world.tenants.A.id);
  const product = await a.catalog.createProduct({ name: 'Courses' });
  const plan = await a.catalog.createPlan({ productId: product.id, name: 'Enterprise', isDefault: true });
  const otherProduct = await a.catalog.createProduct({ name: 'Other' });
  const otherPlan = await a.catalog.createPlan({ productId: otherProduct.id, name: 'Other plan' });
  const price = await a.catalog.createPrice({
    planId: plan.id,
    amount: 9900,
    currency: 'EUR',
    interval: 'month',
  });
  const subscribed = async (name: string, email: string) => {
    const customer = await a.customers.create({ name, email, country: 'FR' });
    await a.paymentMethods.add({ customerId: customer.id, source: '4242 4242 4242 4242' });
    const sub = await a.subscriptions.create({ customerId: customer.id, priceId: price.id, trialDays: 0 });
    return { id: customer.id, subscriptionId: sub.subscription.id };
  };
  const ada = await subscribed('Ada Lovelace', 'ada@a.example');
  const grace = await subscribed('Grace Hopper', 'grace@a.example');
  const b = world.as('owner', world.tenants.B.id);
  const bProduct = await b.catalog.createProduct({ name: 'Bertha Academy' });
  const bCustomer = await b.customers.create({
    name: 'Bertha Benz',
    email: 'bertha@b.example',
    country: 'DE',
  });
  return {
    world,
    productId: product.id,
    planId: plan.id,
    otherPlanId: otherPlan.id,
    ada: ada.id,
    grace: grace.id,
    adaSubscriptionId: ada.subscriptionId,
    graceSubscriptionId: grace.subscriptionId,
    bProductId: bProduct.id,
    bCustomerId: bCustomer.id,
  };
}

/** A floating 30-day policy of the product with usage limits, entitlements and a check-in. */
export const fixedPolicy = (productId: string, over: Partial<PolicyCreateInput> = {}): PolicyCreateInput => ({
  name: 'Enterprise 30 days',
  productId,
  durationKind: 'FIXED',
  durationDays: 30,
  machineMode: 'FLOATING',
  maxMachines: 3,
  maxUsers: 10,
  expirationStrategy: 'RESTRICT',
  checkInIntervalSeconds: 86_400,
  overageStrategy: 'X1_5',
  pastDueAction: 'OVERDUE',
  usageLimits: [
    { metric: 'course_hours', limit: 100, rule: { kind: 'BLOCK' } },
    { metric: 'api.calls', limit: 1000, rule: { kind: 'BILL', unitPrice: 2, currency: 'EUR' } },
  ],
  entitlements: ['courses', 'reports'],
  ...over,
});

/** All audit rows' text, to prove a secret never reached the trail. */
export async function auditText(world: TestWorld): Promise<string> {
  const rows = await world.database.db.selectFrom('audit_log').select(['before', 'after']).execute();
  return JSON.stringify(rows);
}
