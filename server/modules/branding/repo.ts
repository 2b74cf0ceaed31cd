import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BrandColors } from '../../../shared/branding/contrast';
import type { BrandingFields, BrandingStatus } from '../../../shared/branding/schema';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['branding_versions']>;

/** A branding's scope: the workspace's default (customer null) or one account's. */
export interface BrandingScope {
  tenantId: string;
  customerId: string | null;
}

/** One version of a scope's branding, as the procedures answer it. */
export interface BrandingVersion {
  id: string;
  customerId: string | null;
  number: number;
  status: BrandingStatus;
  productName: string;
  /** data: URL (PNG or sanitized SVG), or null. */
  logo: string | null;
  colors: BrandColors;
  customDomain: string | null;
  senderName: string | null;
  replyTo: string | null;
  restoredFrom: string | null;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
  publishedBy: string | null;
}

export function toVersion(row: Row): BrandingVersion {
  return {
    id: row.id,
    customerId: row.customer_id,
    number: row.number,
    status: row.status,
    productName: row.product_name,
    logo: row.logo,
    colors: JSON.parse(row.colors) as BrandColors,
    customDomain: row.custom_domain,
    senderName: row.sender_name,
    replyTo: row.reply_to,
    restoredFrom: row.restored_from,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
    publishedBy: row.published_by,
  };
}

/** The fields a version's content is stored in. */
export function contentColumns(fields: BrandingFields) {
  return {
    product_name: fields.productName,
    logo: fields.logo,
    colors: JSON.stringify(fields.colors),
    custom_domain: fields.customDomain,
    sender_name: fields.senderName,
    reply_to: fields.replyTo,
  };
}

function inScope(db: Db, scope: BrandingScope) {
  const query = db.selectFrom('branding_versions').selectAll().where('tenant_id', '=', scope.tenantId);
  return scope.customerId === null
    ? query.where('customer_id', 'is', null)
    : query.where('customer_id', '=', scope.customerId);
}

/** The scope's draft or published version (at most one of each), or null. */
export async function versionWithStatus(
  db: Db,
  scope: BrandingScope,
  status: 'draft' | 'published',
): Promise<BrandingVersion | null> {
  const row = await inScope(db, scope).where('status', '=', status).executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Every version of the scope, newest first. */
export async function versionsOf(db: Db, scope: BrandingScope): Promise<BrandingVersion[]> {
  const rows = await inScope(db, scope).orderBy('number', 'desc').execute();
  return rows.map(toVersion);
}

/**
 * A version by id, inside the tenant and, when `customerId` is given, inside that scope (null:
 * the workspace's), so an account admin's call or a publish naming its scope finds no other.
 */
export async function findVersion(
  db: Db,
  tenantId: string,
  id: string,
  customerId?: string | null,
): Promise<BrandingVersion | null> {
  let query = db
    .selectFrom('branding_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id);
  if (customerId === null) query = query.where('customer_id', 'is', null);
  else if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
  const row = await query.executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function nextNumber(trx: Transaction<DB>, scope: BrandingScope): Promise<number> {
  const row = await inScope(trx, scope)
    .clearSelect()
    .select((eb) => eb.fn.max('number').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}
