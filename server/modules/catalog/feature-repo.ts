import type { Kysely, Transaction } from 'kysely';
import type { Feature, FeatureKind } from '../../../shared/catalog/types';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

const COLUMNS = ['key', 'name', 'kind', 'description', 'created_at'] as const;

function toFeature(row: Pick<DB['features'], (typeof COLUMNS)[number]>): Feature {
  return {
    key: row.key,
    name: row.name,
    kind: row.kind,
    description: row.description,
    createdAt: row.created_at,
  };
}

export async function insertFeature(db: Db, tenantId: string, feature: Feature): Promise<void> {
  await db
    .insertInto('features')
    .values({
      tenant_id: tenantId,
      key: feature.key,
      name: feature.name,
      kind: feature.kind,
      description: feature.description,
      created_at: feature.createdAt,
    })
    .execute();
}

export async function findFeature(db: Db, tenantId: string, key: string): Promise<Feature | undefined> {
  const row = await db
    .selectFrom('features')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && toFeature(row);
}

/** The tenant's features, by key. */
export async function selectFeatures(db: Db, tenantId: string): Promise<Feature[]> {
  const rows = await db
    .selectFrom('features')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('key')
    .execute();
  return rows.map(toFeature);
}

/** The kind of each of the tenant's features, to check plan values against. */
export async function selectFeatureKinds(db: Db, tenantId: string): Promise<Map<string, FeatureKind>> {
  const rows = await db
    .selectFrom('features')
    .select(['key', 'kind'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((row) => [row.key, row.kind]));
}
