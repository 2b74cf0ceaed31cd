import type { Migration } from './types';

/**
 * API key scopes and where a key was last used. `scopes` is a JSON array of permissions, a
 * subset of the key's role: the key may do only what both allow. Keys made before scopes
 * existed get their role's permissions as of this version, written out, so what they may do
 * never grows when a role later gains a permission. `last_used_address` is the client
 * address of the recorded last use (written at most once a minute per key, like last_used_at).
 */
export const apiKeyScopes: Migration = {
  version: 13,
  name: 'api_key_scopes',
  sql: /* sql */ `
    ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE api_keys ADD COLUMN last_used_address TEXT;
    UPDATE api_keys SET scopes = CASE role
      WHEN 'admin' THEN '["tenants.read","customers.read","customers.write","customers.archive","audit.read","billing.read","licenses.read","licenses.write","branding.write","support.read","support.write","users.manage","reports.export","analytics.read"]'
      WHEN 'billing' THEN '["tenants.read","customers.read","customers.write","billing.read","billing.write","licenses.read","support.read","reports.export"]'
      ELSE '["tenants.read","customers.read","billing.read","licenses.read","support.read"]'
    END;
  `,
  // The backfill is kept: a PostgreSQL database may be migrated from version 12 with keys in it.
  postgres: /* sql */ `
    ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE api_keys ADD COLUMN last_used_address TEXT;
    UPDATE api_keys SET scopes = CASE role
      WHEN 'admin' THEN '["tenants.read","customers.read","customers.write","customers.archive","audit.read","billing.read","licenses.read","licenses.write","branding.write","support.read","support.write","users.manage","reports.export","analytics.read"]'
      WHEN 'billing' THEN '["tenants.read","customers.read","customers.write","billing.read","billing.write","licenses.read","support.read","reports.export"]'
      ELSE '["tenants.read","customers.read","billing.read","licenses.read","support.read"]'
    END;
  `,
};
