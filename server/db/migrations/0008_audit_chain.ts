import type { Migration } from './types';

/**
 * Tamper-evident audit trail: each tenant's entries (and the platform's, chain '') form a
 * hash chain. Entries written before this migration are chained by the backend at start
 * (SQLite has no SHA-256), in their insertion order.
 */
export const auditChain: Migration = {
  version: 8,
  name: 'audit_chain',
  sql: /* sql */ `
    ALTER TABLE audit_log ADD COLUMN seq INTEGER;
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN hash TEXT;
    CREATE UNIQUE INDEX audit_log_chain ON audit_log (ifnull(tenant_id, ''), seq) WHERE seq IS NOT NULL;
    -- The audit log page lists newest first by chain position, filtered by actor or action.
    CREATE INDEX audit_log_seq ON audit_log (tenant_id, seq);
    CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_name, seq);
    CREATE INDEX audit_log_action ON audit_log (tenant_id, action, seq);

    -- The newest link of each chain: its sequence number and hash.
    CREATE TABLE audit_chain_heads (
      chain TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
  `,
  postgres: /* sql */ `
    ALTER TABLE audit_log ADD COLUMN seq BIGINT;
    ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit_log ADD COLUMN hash TEXT;
    CREATE UNIQUE INDEX audit_log_chain ON audit_log (coalesce(tenant_id, ''), seq) WHERE seq IS NOT NULL;
    CREATE INDEX audit_log_seq ON audit_log (tenant_id, seq);
    CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_name, seq);
    CREATE INDEX audit_log_action ON audit_log (tenant_id, action, seq);

    CREATE TABLE audit_chain_heads (
      chain TEXT PRIMARY KEY,
      seq BIGINT NOT NULL,
      hash TEXT NOT NULL
    );
  `,
};
