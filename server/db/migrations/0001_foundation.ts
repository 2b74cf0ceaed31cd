import type { Migration } from './types';

/**
 * The document customers_search indexes on PostgreSQL: the accent-folded name (sort_name), the
 * email and the company, lowercased and split into words at every run of non-alphanumerics,
 * as SQLite's FTS5 unicode61 tokenizer splits them ("ada.lovelace@example.com" is four words).
 * A query uses the index only when it spells this same expression, so search code imports it.
 */
export const CUSTOMERS_SEARCH_DOCUMENT_V1 =
  "to_tsvector('simple', regexp_replace(sort_name || ' ' || lower(email::text) || ' ' || lower(coalesce(company, '')), '[^[:alnum:]]+', ' ', 'g'))";

/** Tenancy, customers with full-text search, the audit trail and the change log for sync. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: /* sql */ `
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE tenants (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      slug TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    -- A platform role has no tenant; a tenant role has exactly one.
    CREATE TABLE memberships (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      tenant_id TEXT REFERENCES tenants (id),
      role TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      CHECK (
        (tenant_id IS NULL AND role IN ('owner', 'admin', 'billing', 'support', 'analyst'))
        OR (tenant_id IS NOT NULL AND role IN ('admin', 'billing', 'viewer'))
      )
    ) STRICT;
    CREATE UNIQUE INDEX memberships_user_scope ON memberships (user_id, ifnull(tenant_id, ''));

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      -- name with accents folded and lowercased: what the list sorts by
      sort_name TEXT NOT NULL,
      email TEXT NOT NULL COLLATE NOCASE,
      country TEXT NOT NULL,
      company TEXT,
      notes TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      archived_at INTEGER
    ) STRICT;
    CREATE UNIQUE INDEX customers_tenant_email ON customers (tenant_id, email);
    -- One index per sort key, with and without the status filter, so every list page is
    -- a bounded index range scan whatever the sort and filter (keyset paging, no OFFSET).
    CREATE INDEX customers_by_name ON customers (tenant_id, sort_name, id);
    CREATE INDEX customers_by_created ON customers (tenant_id, created_at, id);
    CREATE INDEX customers_by_country ON customers (tenant_id, country, id);
    CREATE INDEX customers_status_name ON customers (tenant_id, status, sort_name, id);
    CREATE INDEX customers_status_email ON customers (tenant_id, status, email, id);
    CREATE INDEX customers_status_created ON customers (tenant_id, status, created_at, id);
    CREATE INDEX customers_status_country ON customers (tenant_id, status, country, id);

    CREATE VIRTUAL TABLE customers_fts USING fts5 (
      name, email, company,
      content = 'customers', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
      INSERT INTO customers_fts (rowid, name, email, company) VALUES (new.rowid, new.name, new.email, new.company);
    END;
    CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
      INSERT INTO customers_fts (customers_fts, rowid, name, email, company)
      VALUES ('delete', old.rowid, old.name, old.email, old.company);
    END;
    CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, email, company ON customers BEGIN
      INSERT INTO customers_fts (customers_fts, rowid, name, email, company)
      VALUES ('delete', old.rowid, old.name, old.email, old.company);
      INSERT INTO customers_fts (rowid, name, email, company) VALUES (new.rowid, new.name, new.email, new.company);
    END;

    -- tenant_id is NULL only for platform-level entries (a tenant's own creation).
    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      tenant_id TEXT REFERENCES tenants (id),
      actor_id TEXT,
      actor_name TEXT NOT NULL,
      client TEXT NOT NULL,
      action TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      before TEXT,
      after TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id, at);
    CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, at);

    CREATE TABLE change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      tenant_id TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      data TEXT,
      at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX change_log_tenant_seq ON change_log (tenant_id, seq);
  `,
  // PostgreSQL: NOCASE columns are citext; FTS5 has no table here: customer search uses the
  // customers_search (tsvector) and customers_name_trgm (trigram) indexes instead. The implicit
  // rowid the app pages and joins by (customers, audit_log) is an explicit identity column.
  postgres: /* sql */ `
    CREATE EXTENSION IF NOT EXISTS citext;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE tenants (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      slug TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
      created_at BIGINT NOT NULL
    );

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      email CITEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      created_at BIGINT NOT NULL
    );

    CREATE TABLE memberships (
      id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      tenant_id TEXT REFERENCES tenants (id),
      role TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      CHECK (
        (tenant_id IS NULL AND role IN ('owner', 'admin', 'billing', 'support', 'analyst'))
        OR (tenant_id IS NOT NULL AND role IN ('admin', 'billing', 'viewer'))
      )
    );
    CREATE UNIQUE INDEX memberships_user_scope ON memberships (user_id, coalesce(tenant_id, ''));

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      sort_name TEXT NOT NULL,
      email CITEXT NOT NULL,
      country TEXT NOT NULL,
      company TEXT,
      notes TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'archived')),
      version BIGINT NOT NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL,
      archived_at BIGINT,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY
    );
    CREATE UNIQUE INDEX customers_tenant_email ON customers (tenant_id, email);
    CREATE INDEX customers_by_name ON customers (tenant_id, sort_name, id);
    CREATE INDEX customers_by_created ON customers (tenant_id, created_at, id);
    CREATE INDEX customers_by_country ON customers (tenant_id, country, id);
    CREATE INDEX customers_status_name ON customers (tenant_id, status, sort_name, id);
    CREATE INDEX customers_status_email ON customers (tenant_id, status, email, id);
    CREATE INDEX customers_status_created ON customers (tenant_id, status, created_at, id);
    CREATE INDEX customers_status_country ON customers (tenant_id, status, country, id);
    CREATE INDEX customers_search ON customers USING gin (${CUSTOMERS_SEARCH_DOCUMENT_V1});
    CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops);

    CREATE TABLE audit_log (
      id TEXT PRIMARY KEY,
      tenant_id TEXT REFERENCES tenants (id),
      actor_id TEXT,
      actor_name TEXT NOT NULL,
      client TEXT NOT NULL,
      action TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      before TEXT,
      after TEXT,
      at BIGINT NOT NULL,
      rowid BIGINT GENERATED ALWAYS AS IDENTITY
    );
    CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id, at);
    CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, at);

    CREATE TABLE change_log (
      seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      tenant_id TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
      data TEXT,
      at BIGINT NOT NULL
    );
    CREATE INDEX change_log_tenant_seq ON change_log (tenant_id, seq);
  `,
};
