import type { Migration } from './types';

/**
 * Accounts for the hosted server: password credentials with lockout, sign-in sessions
 * (refresh tokens, rotated on every use), tenant API keys and invitations. Secrets are
 * stored only as hashes: passwords with scrypt, opaque tokens with SHA-256.
 */
export const accounts: Migration = {
  version: 9,
  name: 'accounts',
  sql: /* sql */ `
    -- A user who may sign in with a password. Users without a row (the desktop's local
    -- owner) cannot sign in to a hosted server.
    CREATE TABLE user_credentials (
      user_id TEXT PRIMARY KEY REFERENCES users (id),
      password_hash TEXT NOT NULL,
      -- consecutive failures since the last success; reaching the limit sets locked_until
      failed_attempts INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      password_changed_at INTEGER NOT NULL
    ) STRICT;

    -- One row per refresh token. Refreshing marks the row replaced_by its successor; all
    -- rows of one sign-in share family_id, so presenting a replaced (stolen) token or
    -- signing out revokes the whole family at once. Access tokens name a row's id.
    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (id),
      refresh_hash TEXT NOT NULL UNIQUE,
      client TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL,
      revoked_at INTEGER,
      replaced_by TEXT REFERENCES sessions (id)
    ) STRICT;
    CREATE INDEX sessions_family ON sessions (family_id);
    CREATE INDEX sessions_user ON sessions (user_id, created_at);

    -- A service key for the platform's own apps: acts in one tenant with one tenant role.
    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'billing', 'viewer')),
      -- the first characters of the key, shown in lists so people can tell keys apart
      prefix TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      -- the actor's id: a user (usr_…), or an API key (apk_…) when a key did it
      created_by TEXT,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER,
      revoked_at INTEGER
    ) STRICT;
    CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at, id);

    -- An invitation to join a tenant (or the platform staff, tenant_id NULL) with a role;
    -- the token travels by email and is stored as its hash.
    CREATE TABLE invitations (
      id TEXT PRIMARY KEY,
      tenant_id TEXT REFERENCES tenants (id),
      email TEXT NOT NULL COLLATE NOCASE,
      role TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      -- the actor's id: a user (usr_…), or an API key (apk_…) when a key did it
      created_by TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      accepted_at INTEGER,
      revoked_at INTEGER,
      CHECK (
        (tenant_id IS NULL AND role IN ('owner', 'admin', 'billing', 'support', 'analyst'))
        OR (tenant_id IS NOT NULL AND role IN ('admin', 'billing', 'viewer'))
      )
    ) STRICT;
    CREATE INDEX invitations_tenant ON invitations (tenant_id, created_at, id);
    CREATE INDEX invitations_email ON invitations (email, created_at);
  `,
  // invitations.email is citext (SQLite's NOCASE); api_keys and invitations list by an explicit rowid.
  postgres: /* sql */ `
    CREATE TABLE user_credentials (
      user_id TEXT PRIMARY KEY REFERENCES users (id),
      password_hash TEXT NOT NULL,
      failed_attempts BIGINT NOT NULL DEFAULT 0,
      locked_until BIGINT,
      password_changed_at BIGINT NOT NULL
    );

    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      family_id TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (id),
      refresh_hash TEXT NOT NULL UNIQUE,
      client TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      last_used_at BIGINT NOT NULL,
      revoked_at BIGINT,
      replaced_by TEXT REFERENCES sessions (id)
    );
    CREATE INDEX sessions_family ON sessions (family_id);
    CREATE INDEX sessions_user ON sessions (user_id, created_at);

    CREATE TABLE api_keys (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'billing', 'viewer')),
      prefix TEXT NOT NULL,
      key_hash TEXT NOT NULL UNIQUE,
      created_by TEXT,
      created_at BIGINT NOT NULL,
      last_used_at BIGINT,
      revoked_at BIGINT,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at, id);

    CREATE TABLE invitations (
      id TEXT PRIMARY KEY,
      tenant_id TEXT REFERENCES tenants (id),
      email CITEXT NOT NULL,
      role TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_by TEXT,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      accepted_at BIGINT,
      revoked_at BIGINT,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY,
      CHECK (
        (tenant_id IS NULL AND role IN ('owner', 'admin', 'billing', 'support', 'analyst'))
        OR (tenant_id IS NOT NULL AND role IN ('admin', 'billing', 'viewer'))
      )
    );
    CREATE INDEX invitations_tenant ON invitations (tenant_id, created_at, id);
    CREATE INDEX invitations_email ON invitations (email, created_at);
  `,
};
