import type { Migration } from './types';

/**
 * Account admins (decision 14x): people at a tenant's customer who administer that customer's
 * account only. Their own tables rather than widened `memberships` and `invitations`: every
 * staff check reads memberships (roles, members lists, the replica's reach), so an account
 * admin kept out of it holds no tenant role by construction, and nothing written before
 * needs to learn to skip them. One customer per user and tenant. Not replicated: a desktop
 * signed in as an account admin reaches nothing through sync yet (server/sync/pull.ts).
 * `account_invitations` keeps only the token's hash, as `invitations` does.
 */
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
  sql: tables('INTEGER', 'TEXT COLLATE NOCASE', ' STRICT'),
  postgres: tables('BIGINT', 'CITEXT', ''),
};
