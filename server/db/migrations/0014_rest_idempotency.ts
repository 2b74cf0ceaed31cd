import type { Migration } from './types';

/**
 * Idempotency keys of the REST API (owned by server/hosted/rest): a POST sent with an
 * Idempotency-Key is answered once; within 24 hours the same key replays that answer. Keyed
 * by the tenant and the key's principal (the API key's id), so two keys never share one.
 * `request_hash` is the SHA-256 of the method, path and body, to refuse the same key with a
 * different request; `status` and `body` stay null while the first request runs. Bodies
 * are stored with anything shaped like a secret masked.
 */
export const restIdempotency: Migration = {
  version: 14,
  name: 'rest_idempotency',
  sql: /* sql */ `
    CREATE TABLE rest_idempotency_keys (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      principal_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, principal_id, idempotency_key)
    ) STRICT;
    CREATE INDEX rest_idempotency_keys_created ON rest_idempotency_keys (created_at);
  `,
  postgres: /* sql */ `
    CREATE TABLE rest_idempotency_keys (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      principal_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status BIGINT,
      body TEXT,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (tenant_id, principal_id, idempotency_key)
    );
    CREATE INDEX rest_idempotency_keys_created ON rest_idempotency_keys (created_at);
  `,
};
