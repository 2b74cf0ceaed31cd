import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { START } from '../../testing/world.test-kit';
import { catalogTestKit } from './catalog.test-kit';

const { kit, counts, billing, courseCatalog } = catalogTestKit({ beforeEach, afterEach });
describe('features', () => {
  it('creates a feature and audits it', async () => {
    const feature = await billing().createFeature({
      key: 'courses.max',
      name: ' Courses ',
      kind: 'limit',
      description: 'Courses a workspace can publish',
    });
    expect(feature).toEqual({
      key: 'courses.max',
      name: 'Courses',
      kind: 'limit',
      description: 'Courses a workspace can publish',
      createdAt: START,
    });
    const audit = await kit.world.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'entity_id'])
      .execute();
    expect(audit).toEqual([{ action: 'feature.created', entity_type: 'feature', entity_id: 'courses.max' }]);
  });

  it('refuses a key the tenant already has, naming the field, while another tenant may use it', async () => {
    await billing().createFeature({ key: 'courses.max', name: 'Courses', kind: 'limit' });
    const before = await counts();
    const seen = await expectDomainError(
      () => billing().createFeature({ key: 'courses.max', name: 'Other', kind: 'flag' }),
      'CONFLICT',
    );
    expect(seen.message).toBe('A feature with the key courses.max already exists');
    expect(seen.data.fieldErrors).toEqual({ key: ['Another feature already uses this key'] });
    expect(await counts()).toEqual(before);
    await expect(
      kit.world
        .as('owner', kit.world.tenants.B.id)
        .catalog.createFeature({ key: 'courses.max', name: 'C', kind: 'limit' }),
    ).resolves.toMatchObject({ key: 'courses.max' });
  });
});

describe('products', () => {
  it('creates, renames and archives a product, recording each step', async () => {
    const product = await billing().createProduct({ name: 'Lumen', description: 'Courses' });
    expect(product).toMatchObject({
      name: 'Lumen',
      description: 'Courses',
      status: 'active',
      createdAt: START,
    });
    expect(product.id).toMatch(/^prd_/);
    kit.world.clock.advance(1000);
    const renamed = await billing().updateProduct({ id: product.id, patch: { name: 'Lumen Courses' } });
    expect(renamed).toMatchObject({ name: 'Lumen Courses', description: 'Courses', updatedAt: START + 1000 });
    const archived = await billing().archiveProduct({ id: product.id });
    expect(archived.status).toBe('archived');
    const again = await expectDomainError(
      () => billing().archiveProduct({ id: product.id }),
      'INVALID_STATE',
    );
    expect(again.message).toBe('The product Lumen Courses is already archived');
    await expectDomainError(
      () => billing().updateProduct({ id: product.id, patch: { name: 'X' } }),
      'INVALID_STATE',
    );
    const actions = await kit.world.database.db
      .selectFrom('audit_log')
      .select('action')
      // rowid: SQLite's own, and on PostgreSQL the identity column kept for this order.
      .orderBy(sql`rowid`)
      .execute();
    expect(actions).toEqual([
      { action: 'product.created' },
      { action: 'product.updated' },
      { action: 'product.archived' },
    ]);
  });

  it('refuses to archive the product holding the default plan', async () => {
    const { product } = await courseCatalog();
    const seen = await expectDomainError(() => billing().archiveProduct({ id: product.id }), 'INVALID_STATE');
    expect(seen.message).toMatch(/holds the workspace's default plan \(Free\)/);
  });
});
