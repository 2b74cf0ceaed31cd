import { tableRowCounts } from '../../testing/table-contents.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';

/** A fresh world per test, and a small course catalog (Free by default, Pro unlimited) built through the procedures. */
export function catalogTestKit(hooks: {
  beforeEach: (fn: () => Promise<void>) => void;
  afterEach: (fn: () => Promise<void>) => void;
}) {
  const kit = { world: undefined as unknown as TestWorld };
  hooks.beforeEach(async () => {
    kit.world = await createTestWorld();
  });
  hooks.afterEach(async () => {
    await kit.world.close();
  });

  const TABLES = ['features', 'products', 'plans', 'plan_features', 'prices', 'audit_log', 'change_log'];
  const counts = async () => {
    const all = await tableRowCounts(kit.world.database);
    return Object.fromEntries(TABLES.map((table) => [table, all[table]]));
  };
  const billing = () => kit.world.as('billingA').catalog;

  async function courseCatalog() {
    await billing().createFeature({ key: 'courses.max', name: 'Courses', kind: 'limit' });
    await billing().createFeature({ key: 'api.access', name: 'API access', kind: 'flag' });
    const product = await billing().createProduct({ name: 'Lumen Courses' });
    const free = await billing().createPlan({
      productId: product.id,
      name: 'Free',
      isDefault: true,
      features: { 'courses.max': 3, 'api.access': false },
    });
    const pro = await billing().createPlan({
      productId: product.id,
      name: 'Pro',
      sortOrder: 1,
      features: { 'courses.max': null, 'api.access': true },
    });
    return { product, free, pro };
  }

  return { kit, counts, billing, courseCatalog };
}
