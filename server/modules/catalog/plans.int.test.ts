import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { START } from '../../testing/world.test-kit';
import { catalogTestKit } from './catalog.test-kit';

const { kit, counts, billing, courseCatalog } = catalogTestKit({ beforeEach, afterEach });
describe('plans', () => {
  it('creates plans with feature values and shows them back in the overview', async () => {
    const { product, free, pro } = await courseCatalog();
    expect(free).toMatchObject({
      productId: product.id,
      name: 'Free',
      isDefault: true,
      sortOrder: 0,
      version: 1,
      status: 'active',
      features: { 'api.access': false, 'courses.max': 3 },
    });
    expect(pro.features).toEqual({ 'api.access': true, 'courses.max': null });
    const overview = await kit.world.as('viewerA').catalog.overview();
    expect(overview.features.map((f) => f.key)).toEqual(['api.access', 'courses.max']);
    expect(overview.products).toHaveLength(1);
    expect(overview.products[0]?.plans.map((p) => [p.name, p.features, p.prices])).toEqual([
      ['Free', { 'api.access': false, 'courses.max': 3 }, []],
      ['Pro', { 'api.access': true, 'courses.max': null }, []],
    ]);
  });

  it('refuses a duplicate plan name in the tenant, ignoring case', async () => {
    const { product } = await courseCatalog();
    const before = await counts();
    const seen = await expectDomainError(
      () => billing().createPlan({ productId: product.id, name: 'PRO' }),
      'CONFLICT',
    );
    expect(seen.message).toBe('A plan named PRO already exists');
    expect(seen.data.fieldErrors).toEqual({ name: ['Another plan already uses this name'] });
    expect(await counts()).toEqual(before);
  });

  it('refuses a value of the wrong kind or for an unknown feature, writing nothing', async () => {
    const { product } = await courseCatalog();
    const before = await counts();
    const wrongKind = await expectDomainError(
      () => billing().createPlan({ productId: product.id, name: 'Team', features: { 'api.access': 5 } }),
      'INVALID_INPUT',
    );
    expect(wrongKind.data.fieldErrors).toEqual({
      'features.api.access': ['api.access is a flag: use true or false'],
    });
    const unknown = await expectDomainError(
      () => billing().createPlan({ productId: product.id, name: 'Team', features: { 'seats.max': 5 } }),
      'NOT_FOUND',
    );
    expect(unknown.message).toBe('There is no feature with the key seats.max');
    expect(await counts()).toEqual(before);
  });

  it('updates with the version the editor saw, and refuses a stale one', async () => {
    const { pro } = await courseCatalog();
    kit.world.clock.advance(5000);
    const updated = await billing().updatePlan({
      id: pro.id,
      expectedVersion: 1,
      patch: { description: 'For growing schools', features: { 'courses.max': 100 } },
    });
    expect(updated).toMatchObject({
      version: 2,
      description: 'For growing schools',
      features: { 'courses.max': 100 },
      updatedAt: START + 5000,
    });
    const before = await counts();
    const stale = await expectDomainError(
      () => billing().updatePlan({ id: pro.id, expectedVersion: 1, patch: { name: 'Pro+' } }),
      'CONFLICT',
    );
    expect(stale.message).toMatch(/changed by someone else/);
    expect(await counts()).toEqual(before);
    const audit = await kit.world.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'plan.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before ?? 'null')).toMatchObject({
      version: 1,
      features: { 'api.access': true, 'courses.max': null },
    });
    expect(JSON.parse(audit.after ?? 'null')).toMatchObject({ version: 2, features: { 'courses.max': 100 } });
  });

  it('refuses renaming a plan to another plan’s name', async () => {
    const { pro } = await courseCatalog();
    await expectDomainError(
      () => billing().updatePlan({ id: pro.id, expectedVersion: 1, patch: { name: 'free' } }),
      'CONFLICT',
    );
    await expect(
      billing().updatePlan({ id: pro.id, expectedVersion: 1, patch: { name: 'PRO' } }),
    ).resolves.toMatchObject({ name: 'PRO' });
  });

  it('moves the default in one transaction, so the tenant always has exactly one', async () => {
    const { free, pro } = await courseCatalog();
    const made = await billing().setDefaultPlan({ id: pro.id });
    expect(made).toMatchObject({ isDefault: true, version: 2 });
    const defaults = await kit.world.database.db
      .selectFrom('plans')
      .select(['id', 'version'])
      .where('tenant_id', '=', kit.world.tenants.A.id)
      .where('is_default', '=', 1)
      .execute();
    expect(defaults).toEqual([{ id: pro.id, version: 2 }]);
    const audit = await kit.world.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'plan.default_set')
      // rowid: SQLite's own, and on PostgreSQL the identity column kept for this order.
      .orderBy(sql`rowid`)
      .execute();
    expect(audit).toEqual([{ entity_id: free.id }, { entity_id: pro.id }]);
    const before = await counts();
    await expect(billing().setDefaultPlan({ id: pro.id })).resolves.toMatchObject({
      isDefault: true,
      version: 2,
    });
    expect(await counts()).toEqual(before);
    const team = await billing().createPlan({ productId: pro.productId, name: 'Team', isDefault: true });
    expect(team.isDefault).toBe(true);
    const overview = await billing().overview();
    expect(overview.products[0]?.plans.filter((p) => p.isDefault).map((p) => p.name)).toEqual(['Team']);
  });

  it('archives a plan, but never the default, and builds nothing on archived things', async () => {
    const { product, free, pro } = await courseCatalog();
    const notDefault = await expectDomainError(() => billing().archivePlan({ id: free.id }), 'INVALID_STATE');
    expect(notDefault.message).toBe(
      "Free is the workspace's default plan; make another plan the default before archiving it",
    );
    const archived = await billing().archivePlan({ id: pro.id });
    expect(archived).toMatchObject({ status: 'archived', version: 2 });
    await expectDomainError(() => billing().archivePlan({ id: pro.id }), 'INVALID_STATE');
    const onArchived = await expectDomainError(
      () => billing().createPrice({ planId: pro.id, amount: 999, currency: 'USD', interval: 'month' }),
      'INVALID_STATE',
    );
    expect(onArchived.message).toBe('The plan Pro is archived, so you cannot add prices to it');
    await expectDomainError(() => billing().setDefaultPlan({ id: pro.id }), 'INVALID_STATE');
    await expectDomainError(
      () => billing().updatePlan({ id: pro.id, expectedVersion: 2, patch: { name: 'Pro 2' } }),
      'INVALID_STATE',
    );
    expect((await billing().overview()).products[0]?.plans.map((p) => p.name)).toEqual(['Free']);
    expect(
      (await billing().overview({ includeArchived: true })).products[0]?.plans.map((p) => p.name),
    ).toEqual(['Free', 'Pro']);

    const other = await billing().createProduct({ name: 'Old line' });
    await billing().archiveProduct({ id: other.id });
    const onArchivedProduct = await expectDomainError(
      () => billing().createPlan({ productId: other.id, name: 'Legacy' }),
      'INVALID_STATE',
    );
    expect(onArchivedProduct.message).toBe('The product Old line is archived, so you cannot add plans to it');
    expect(product.status).toBe('active');
  });
});

describe('permissions', () => {
  it('lets viewers, tenant admins and analysts read the catalog but not change it', async () => {
    const { product, pro } = await courseCatalog();
    for (const persona of ['viewerA', 'adminA', 'platformAnalyst'] as const) {
      await expect(kit.world.as(persona).catalog.overview()).resolves.toMatchObject({
        products: [{ id: product.id }],
      });
      const seen = await expectDomainError(
        () =>
          kit.world.as(persona).catalog.updatePlan({ id: pro.id, expectedVersion: 1, patch: { name: 'X' } }),
        'FORBIDDEN',
      );
      expect(seen.message).toBe('Your role does not allow billing.write');
    }
  });
});
