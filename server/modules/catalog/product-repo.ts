import type { Kysely, Transaction } from 'kysely';
import type { Product } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

const COLUMNS = ['id', 'name', 'description', 'status', 'created_at', 'updated_at'] as const;

function toProduct(row: Pick<DB['products'], (typeof COLUMNS)[number]>): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertProduct(db: Db, tenantId: string, product: Product): Promise<void> {
  await db
    .insertInto('products')
    .values({
      id: product.id,
      tenant_id: tenantId,
      name: product.name,
      description: product.description,
      status: product.status,
      created_at: product.createdAt,
      updated_at: product.updatedAt,
    })
    .execute();
}

export async function findProduct(db: Db, tenantId: string, id: string): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toProduct(row);
}

export async function updateProduct(db: Db, tenantId: string, product: Product): Promise<void> {
  await db
    .updateTable('products')
    .set({
      name: product.name,
      description: product.description,
      status: product.status,
      updated_at: product.updatedAt,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', product.id)
    .execute();
}

/** The tenant's products by name; archived ones only when asked. */
export async function selectProducts(db: Db, tenantId: string, includeArchived: boolean): Promise<Product[]> {
  let query = db.selectFrom('products').select(COLUMNS).where('tenant_id', '=', tenantId);
  if (!includeArchived) query = query.where('status', '=', 'active');
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toProduct);
}
