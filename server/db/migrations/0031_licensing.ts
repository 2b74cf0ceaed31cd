import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import { sqliteSyncTriggers } from './sqlite-sync-triggers';
import type { Migration } from './types';

/**
 * Enterprise licensing (issue 15; docs/licensing.md; server/modules/licensing owns every table).
 * Every table but the policies carries the license's `customer_id`, so an account admin's
 * replica is filtered by one column as the billing tables are (server/sync/account-reach.ts).
 *
 * Replicated (a desktop shows licenses offline): policies, licenses (without the key's hash
 * and its sealed text: a replica shows `key_hint` only), machines, seats, usage totals per
 * period, and the validation log — a ring of `slot`s per license rewritten in place, so the log
 * stays bounded and the row log gains no row per validation. Not replicated: usage events (one
 * per call; their totals are) and signing keys (the private half is sealed and never leaves
 * the server that signs).
 *
 * JSON columns are TEXT on both databases, as elsewhere. Times are epoch milliseconds.
 */
export const LICENSING_TABLES_V31 = [
  {
    name: 'license_policies',
    key: ['id'],
    columns:
      'id tenant_id name product_id plan_id duration_kind duration_days machine_mode max_machines max_users expiration_strategy check_in_interval_seconds heartbeat_ttl_seconds overage_strategy past_due_action usage_limits entitlements archived_at version created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'licenses',
    key: ['id'],
    columns:
      'id tenant_id customer_id policy_id subscription_id name key_hint status suspended_reason issued_at expires_at renewed_at revoked_at last_check_in_at past_due_grace_ends_at entitlements expiry_reminded_days version created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'license_machines',
    key: ['id'],
    columns:
      'id tenant_id customer_id license_id fingerprint name platform activated_via activated_at last_heartbeat_at created_by'.split(
        ' ',
      ),
  },
  {
    name: 'license_seats',
    key: ['id'],
    columns: 'id tenant_id customer_id license_id user_ref email name assigned_at assigned_by'.split(' '),
  },
  {
    name: 'license_usage',
    key: ['license_id', 'metric', 'period'],
    columns:
      'tenant_id customer_id license_id metric period quantity alerted_percent billed_quantity updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'license_validations',
    key: ['license_id', 'slot'],
    columns:
      'tenant_id customer_id license_id slot validated_at valid code fingerprint user_ref client address'.split(
        ' ',
      ),
  },
] as const;

const tables = (integer: 'INTEGER' | 'BIGINT', email: string, strict: string) => `
    CREATE TABLE license_policies (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      product_id TEXT NOT NULL REFERENCES products (id),
      plan_id TEXT REFERENCES plans (id),
      duration_kind TEXT NOT NULL CHECK (duration_kind IN ('FIXED', 'SUBSCRIPTION')),
      duration_days ${integer},
      machine_mode TEXT NOT NULL CHECK (machine_mode IN ('NONE', 'NODE_LOCKED', 'FLOATING')),
      max_machines ${integer},
      max_users ${integer},
      expiration_strategy TEXT NOT NULL CHECK (expiration_strategy IN ('RESTRICT', 'REVOKE', 'MAINTAIN', 'ALLOW')),
      check_in_interval_seconds ${integer},
      heartbeat_ttl_seconds ${integer},
      overage_strategy TEXT NOT NULL CHECK (overage_strategy IN ('NONE', 'X1_25', 'X1_5', 'X2', 'ALWAYS')),
      past_due_action TEXT NOT NULL CHECK (past_due_action IN ('OVERDUE', 'SUSPEND')),
      usage_limits TEXT NOT NULL DEFAULT '[]',
      entitlements TEXT NOT NULL DEFAULT '[]',
      archived_at ${integer},
      version ${integer} NOT NULL DEFAULT 1,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL
    )${strict};
    CREATE INDEX license_policies_by_tenant ON license_policies (tenant_id, name);
    CREATE INDEX license_policies_by_plan ON license_policies (tenant_id, plan_id);

    CREATE TABLE licenses (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      policy_id TEXT NOT NULL REFERENCES license_policies (id),
      subscription_id TEXT REFERENCES subscriptions (id),
      name TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      key_sealed TEXT NOT NULL,
      key_hint TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
      suspended_reason TEXT,
      issued_at ${integer} NOT NULL,
      expires_at ${integer},
      renewed_at ${integer},
      revoked_at ${integer},
      last_check_in_at ${integer},
      past_due_grace_ends_at ${integer},
      entitlements TEXT NOT NULL DEFAULT '[]',
      expiry_reminded_days ${integer},
      version ${integer} NOT NULL DEFAULT 1,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL
    )${strict};
    CREATE INDEX licenses_by_tenant ON licenses (tenant_id, created_at, id);
    CREATE INDEX licenses_by_customer ON licenses (tenant_id, customer_id, created_at);
    CREATE INDEX licenses_by_subscription ON licenses (subscription_id) WHERE subscription_id IS NOT NULL;
    CREATE INDEX licenses_expiring ON licenses (expires_at) WHERE expires_at IS NOT NULL AND status = 'ACTIVE';

    CREATE TABLE license_machines (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      license_id TEXT NOT NULL REFERENCES licenses (id),
      fingerprint TEXT NOT NULL,
      name TEXT,
      platform TEXT,
      activated_via TEXT NOT NULL CHECK (activated_via IN ('api', 'offline', 'console')),
      activated_at ${integer} NOT NULL,
      last_heartbeat_at ${integer},
      created_by TEXT,
      UNIQUE (license_id, fingerprint)
    )${strict};

    CREATE TABLE license_seats (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      license_id TEXT NOT NULL REFERENCES licenses (id),
      user_ref TEXT NOT NULL,
      email ${email},
      name TEXT,
      assigned_at ${integer} NOT NULL,
      assigned_by TEXT,
      UNIQUE (license_id, user_ref)
    )${strict};

    CREATE TABLE license_usage (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      license_id TEXT NOT NULL REFERENCES licenses (id),
      metric TEXT NOT NULL,
      period TEXT NOT NULL,
      quantity ${integer} NOT NULL,
      alerted_percent ${integer},
      billed_quantity ${integer} NOT NULL DEFAULT 0,
      updated_at ${integer} NOT NULL,
      PRIMARY KEY (license_id, metric, period)
    )${strict};

    CREATE TABLE license_usage_events (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      license_id TEXT NOT NULL REFERENCES licenses (id),
      event_id TEXT NOT NULL,
      metric TEXT NOT NULL,
      quantity ${integer} NOT NULL,
      occurred_at ${integer} NOT NULL,
      period TEXT NOT NULL,
      received_at ${integer} NOT NULL,
      UNIQUE (license_id, event_id)
    )${strict};
    CREATE INDEX license_usage_events_by_period ON license_usage_events (license_id, metric, period);

    CREATE TABLE license_validations (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      license_id TEXT NOT NULL REFERENCES licenses (id),
      slot ${integer} NOT NULL,
      validated_at ${integer} NOT NULL,
      valid ${integer} NOT NULL,
      code TEXT NOT NULL,
      fingerprint TEXT,
      user_ref TEXT,
      client TEXT NOT NULL,
      address TEXT,
      PRIMARY KEY (license_id, slot)
    )${strict};

    CREATE TABLE license_signing_keys (
      kid TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      public_key TEXT NOT NULL,
      private_key_sealed TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'removed')),
      created_at ${integer} NOT NULL,
      retired_at ${integer},
      removed_at ${integer}
    )${strict};
    CREATE INDEX license_signing_keys_by_tenant ON license_signing_keys (tenant_id, created_at);
`;

export const licensing: Migration = {
  version: 31,
  name: 'licensing',
  sql:
    tables('INTEGER', 'TEXT COLLATE NOCASE', ' STRICT') +
    LICENSING_TABLES_V31.map(sqliteSyncTriggers).join(''),
  postgres:
    tables('BIGINT', 'CITEXT', '') +
    LICENSING_TABLES_V31.map((t) => pgSyncTriggers({ ...t, tenant: byTenantId })).join(''),
};
