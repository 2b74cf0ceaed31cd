import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import { sqliteSyncTriggers } from './sqlite-sync-triggers';
import type { Migration } from './types';

/**
 * White-label branding (issue 15; docs/licensing.md, "White-label"; server/modules/branding owns
 * it). One row per version of a scope's branding: the workspace's default (customer_id NULL) or
 * one enterprise account's. At most one draft and one published version per scope (the partial
 * unique indexes; NULL customers are folded to '' so the workspace's scope is one value too);
 * publishing turns the previous published version into 'superseded', restoring copies an old
 * version into the draft. `number` counts a scope's versions from 1.
 *
 * Replicated (a desktop shows branding offline and a license file made there carries it). The
 * logo is a data: URL (PNG, or SVG already sanitized), at most 256 KB before base64, so a row
 * stays small enough for the row log. Times are epoch milliseconds; colours JSON TEXT.
 */
export const BRANDING_TABLES_V32 = [
  {
    name: 'branding_versions',
    key: ['id'],
    columns:
      'id tenant_id customer_id number status product_name logo colors custom_domain sender_name reply_to restored_from created_by created_at updated_at published_at published_by'.split(
        ' ',
      ),
  },
] as const;

const tables = (integer: 'INTEGER' | 'BIGINT', strict: string) => `
    CREATE TABLE branding_versions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT REFERENCES customers (id),
      number ${integer} NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
      product_name TEXT NOT NULL,
      logo TEXT,
      colors TEXT NOT NULL,
      custom_domain TEXT,
      sender_name TEXT,
      reply_to TEXT,
      restored_from TEXT,
      created_by TEXT,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL,
      published_at ${integer},
      published_by TEXT
    )${strict};
    CREATE UNIQUE INDEX branding_versions_number ON branding_versions (tenant_id, COALESCE(customer_id, ''), number);
    CREATE UNIQUE INDEX branding_versions_one_draft
      ON branding_versions (tenant_id, COALESCE(customer_id, '')) WHERE status = 'draft';
    CREATE UNIQUE INDEX branding_versions_one_published
      ON branding_versions (tenant_id, COALESCE(customer_id, '')) WHERE status = 'published';
    CREATE INDEX branding_versions_by_customer ON branding_versions (customer_id) WHERE customer_id IS NOT NULL;
`;

export const branding: Migration = {
  version: 32,
  name: 'branding',
  sql: tables('INTEGER', ' STRICT') + BRANDING_TABLES_V32.map(sqliteSyncTriggers).join(''),
  postgres:
    tables('BIGINT', '') +
    BRANDING_TABLES_V32.map((t) => pgSyncTriggers({ ...t, tenant: byTenantId })).join(''),
};
