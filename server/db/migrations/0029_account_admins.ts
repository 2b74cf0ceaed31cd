import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import type { Migration } from './types';

/**
 * Account admins (decision 145): people at a tenant's customer who administer that customer's
 * account only. Their own tables rather than widened `memberships` and `invitations`: every
 * staff check reads memberships (roles, members lists, the replica's reach), so an account
 * admin kept out of it holds no tenant role by construction, and nothing written before
 * needs to learn to skip them. One customer per user and tenant. `account_members` is
 * replicated (a desktop builds an account admin's principal from it; server/sync/account-reach.ts
 * says who receives which rows); `account_invitations` is not, and keeps only the token's hash,
 * as `invitations` does.
 */
export const ACCOUNT_MEMBERS_V29 = {
  name: 'account_members',
  key: ['id'],
  columns: ['id', 'tenant_id', 'customer_id', 'user_id', 'created_by', 'created_at'],
} as const;

/** The row log's triggers on SQLite, as migration 0025 writes them for a one-column key. */
function sqliteSyncTriggers(): string {
  const { name, columns } = ACCOUNT_MEMBERS_V29;
  const log = (row: 'NEW' | 'OLD', op: 'upsert' | 'delete') => `
      UPDATE sync_counter SET seq = seq + 1;
      INSERT INTO sync_rows (tbl, pk, tenant_id, seq, op, row)
      VALUES ('${name}', CAST(${row}.id AS TEXT), ${row}.tenant_id, (SELECT seq FROM sync_counter), '${op}',
        ${op === 'upsert' ? `json_object(${columns.map((c) => `'${c}', ${row}.${c}`).join(', ')})` : 'NULL'})
      ON CONFLICT (tbl, pk) DO UPDATE SET
        seq = excluded.seq, op = excluded.op, row = excluded.row, tenant_id = excluded.tenant_id;`;
  return `
    CREATE TRIGGER sync_${name}_insert AFTER INSERT ON ${name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${name}_update AFTER UPDATE ON ${name} BEGIN${log('NEW', 'upsert')}
    END;
    CREATE TRIGGER sync_${name}_delete AFTER DELETE ON ${name} BEGIN${log('OLD', 'delete')}
    END;`;
}
const tables = (integer: 'INTEGER' | 'BIGINT', email: string, strict: string) => `
    CREATE TABLE account_members (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      user_id TEXT NOT NULL REFERENCES users (id),
      created_by TEXT,
      created_at ${integer} NOT NULL,
      UNIQUE (user_id, tenant_id)
    )${strict};
    CREATE INDEX account_members_customer ON account_members (tenant_id, customer_id, created_at);

    CREATE TABLE account_invitations (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      email ${email} NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_by TEXT,
      created_at ${integer} NOT NULL,
      expires_at ${integer} NOT NULL,
      accepted_at ${integer},
      revoked_at ${integer}
    )${strict};
    CREATE INDEX account_invitations_customer ON account_invitations (tenant_id, customer_id, created_at);
`;

export const accountAdmins: Migration = {
  version: 29,
  name: 'account_admins',
  sql: tables('INTEGER', 'TEXT COLLATE NOCASE', ' STRICT') + sqliteSyncTriggers(),
  postgres: tables('BIGINT', 'CITEXT', '') + pgSyncTriggers({ ...ACCOUNT_MEMBERS_V29, tenant: byTenantId }),
};
