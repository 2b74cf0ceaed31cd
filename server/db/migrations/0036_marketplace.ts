import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import { sqliteSyncTriggers } from './sqlite-sync-triggers';
import type { Migration } from './types';

/**
 * The course marketplace (issue 16; server/modules/marketplace owns every table), designed whole
 * now so the later steps (uploads, purchases, the ledger, payouts, reviews) only add code.
 * Money is integer minor units with its currency; shares are basis points (7000 = 70 %); times
 * are epoch milliseconds; flags are 0/1 integers; JSON columns are TEXT, as elsewhere.
 *
 * Replicated (decision 167: staff run the marketplace from the console, offline too): every
 * table, without the idempotency keys of purchases and payouts (the storefront's and the payout
 * run's own bookkeeping, which no page shows).
 *
 * Search: SQLite keeps courses_fts (FTS5 over title, subtitle and description); PostgreSQL a GIN
 * index on COURSES_SEARCH_DOCUMENT_V36, the expression its search spells.
 */
export const MARKETPLACE_TABLES_V36 = [
  {
    name: 'marketplace_settings',
    key: ['tenant_id'],
    columns:
      'tenant_id default_share_bps channel_shares refund_window_days hold_days payout_day_of_month minimum_payouts version updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'instructors',
    key: ['id'],
    columns:
      'id tenant_id name email customer_id payout_account_id payout_details_complete share_bps payout_hold version created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'courses',
    key: ['id'],
    columns:
      'id tenant_id instructor_id title subtitle description category level language status status_reason share_bps cover_image_key current_version_id rating_sum rating_count enrollment_count published_at version created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'course_prices',
    key: ['course_id', 'currency'],
    columns: 'tenant_id course_id currency amount'.split(' '),
  },
  {
    name: 'course_versions',
    key: ['id'],
    columns:
      'id tenant_id course_id number byte_size sha256 content_type storage_key uploaded_at uploaded_by'.split(
        ' ',
      ),
  },
  {
    name: 'course_decisions',
    key: ['id'],
    columns:
      'id tenant_id course_id instructor_id decision from_status to_status reason actor_name decided_at'.split(
        ' ',
      ),
  },
  {
    name: 'course_purchases',
    key: ['id'],
    columns:
      'id tenant_id customer_id course_id instructor_id invoice_id amount currency channel share_bps status failure_reason paid_at refunded_at created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'enrollments',
    key: ['id'],
    columns:
      'id tenant_id customer_id course_id course_version_id purchase_id status granted_at revoked_at revoke_reason'.split(
        ' ',
      ),
  },
  {
    name: 'payout_runs',
    key: ['id'],
    columns: 'id tenant_id period status scheduled_for started_at finished_at created_by created_at'.split(
      ' ',
    ),
  },
  {
    name: 'payouts',
    key: ['id'],
    columns:
      'id tenant_id run_id instructor_id currency amount status gateway_transfer_id failure_reason created_at paid_at failed_at'.split(
        ' ',
      ),
  },
  {
    name: 'earnings_lines',
    key: ['id'],
    columns:
      'id tenant_id instructor_id course_id purchase_id payout_id kind amount currency state available_at memo created_at'.split(
        ' ',
      ),
  },
  {
    name: 'course_reviews',
    key: ['id'],
    columns:
      'id tenant_id course_id customer_id enrollment_id stars body status removal_reason removed_at removed_by instructor_reply replied_at version created_at updated_at'.split(
        ' ',
      ),
  },
  {
    name: 'course_review_reports',
    key: ['id'],
    columns:
      'id tenant_id review_id reporter_customer_id reason note status decision_reason decided_by decided_at created_at'.split(
        ' ',
      ),
  },
] as const;

/**
 * What courses_search indexes on PostgreSQL: title, subtitle and description as the 'simple'
 * configuration's parser cuts them into lower-case words. The search hands its words to that
 * same parser (to_tsquery('simple', …)), so a word is cut the same way in both, whatever
 * letters it has. PostgreSQL uses an expression index only for a query spelling this expression.
 */
export const COURSES_SEARCH_DOCUMENT_V36 =
  "to_tsvector('simple', title || ' ' || subtitle || ' ' || description)";

const tables = (integer: 'INTEGER' | 'BIGINT', email: string, strict: string) => `
    CREATE TABLE marketplace_settings (
      tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
      default_share_bps ${integer} NOT NULL DEFAULT 7000 CHECK (default_share_bps BETWEEN 0 AND 10000),
      channel_shares TEXT NOT NULL DEFAULT '{}',
      refund_window_days ${integer} NOT NULL DEFAULT 30,
      hold_days ${integer} NOT NULL DEFAULT 30,
      payout_day_of_month ${integer} NOT NULL DEFAULT 1 CHECK (payout_day_of_month BETWEEN 1 AND 28),
      minimum_payouts TEXT NOT NULL DEFAULT '{}',
      version ${integer} NOT NULL DEFAULT 1,
      updated_at ${integer} NOT NULL
    )${strict};

    CREATE TABLE instructors (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      name TEXT NOT NULL,
      email ${email} NOT NULL,
      customer_id TEXT REFERENCES customers (id),
      payout_account_id TEXT,
      payout_details_complete ${integer} NOT NULL DEFAULT 0 CHECK (payout_details_complete IN (0, 1)),
      share_bps ${integer} CHECK (share_bps BETWEEN 0 AND 10000),
      payout_hold ${integer} NOT NULL DEFAULT 0 CHECK (payout_hold IN (0, 1)),
      version ${integer} NOT NULL DEFAULT 1,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL
    )${strict};
    CREATE UNIQUE INDEX instructors_tenant_email ON instructors (tenant_id, email);
    CREATE INDEX instructors_by_name ON instructors (tenant_id, name, id);
    CREATE INDEX instructors_by_customer ON instructors (customer_id) WHERE customer_id IS NOT NULL;

    CREATE TABLE courses (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      instructor_id TEXT NOT NULL REFERENCES instructors (id),
      title TEXT NOT NULL,
      subtitle TEXT NOT NULL DEFAULT '',
      description TEXT NOT NULL DEFAULT '',
      category TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced', 'all_levels')),
      language TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'unpublished', 'archived')),
      status_reason TEXT,
      share_bps ${integer} CHECK (share_bps BETWEEN 0 AND 10000),
      cover_image_key TEXT,
      current_version_id TEXT,
      rating_sum ${integer} NOT NULL DEFAULT 0,
      rating_count ${integer} NOT NULL DEFAULT 0,
      enrollment_count ${integer} NOT NULL DEFAULT 0,
      published_at ${integer},
      version ${integer} NOT NULL DEFAULT 1,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL
    )${strict};
    -- One index per sort of the list (keyset pages), and the filters' columns beside the status.
    CREATE INDEX courses_by_created ON courses (tenant_id, created_at, id);
    CREATE INDEX courses_status_created ON courses (tenant_id, status, created_at, id);
    CREATE INDEX courses_status_popular ON courses (tenant_id, status, enrollment_count, id);
    CREATE INDEX courses_status_category ON courses (tenant_id, status, category, level, language);
    CREATE INDEX courses_by_instructor ON courses (tenant_id, instructor_id, created_at);

    CREATE TABLE course_prices (
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      currency TEXT NOT NULL,
      amount ${integer} NOT NULL CHECK (amount >= 0),
      PRIMARY KEY (course_id, currency)
    )${strict};
    CREATE INDEX course_prices_by_amount ON course_prices (tenant_id, currency, amount, course_id);

    CREATE TABLE course_versions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      number ${integer} NOT NULL,
      byte_size ${integer} NOT NULL,
      sha256 TEXT NOT NULL,
      content_type TEXT NOT NULL,
      storage_key TEXT NOT NULL,
      uploaded_at ${integer} NOT NULL,
      uploaded_by TEXT NOT NULL,
      UNIQUE (course_id, number)
    )${strict};

    CREATE TABLE course_decisions (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      instructor_id TEXT NOT NULL REFERENCES instructors (id),
      decision TEXT NOT NULL
        CHECK (decision IN ('submitted', 'approved', 'rejected', 'unpublished', 'republished', 'archived')),
      from_status TEXT NOT NULL,
      to_status TEXT NOT NULL,
      reason TEXT,
      actor_name TEXT NOT NULL,
      decided_at ${integer} NOT NULL
    )${strict};
    CREATE INDEX course_decisions_by_course ON course_decisions (tenant_id, course_id, decided_at);

    CREATE TABLE course_purchases (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      instructor_id TEXT NOT NULL REFERENCES instructors (id),
      invoice_id TEXT REFERENCES invoices (id),
      amount ${integer} NOT NULL CHECK (amount >= 0),
      currency TEXT NOT NULL,
      channel TEXT NOT NULL,
      share_bps ${integer} NOT NULL CHECK (share_bps BETWEEN 0 AND 10000),
      idempotency_key TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'requires_action', 'paid', 'failed', 'refunded')),
      failure_reason TEXT,
      paid_at ${integer},
      refunded_at ${integer},
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL
    )${strict};
    CREATE UNIQUE INDEX course_purchases_idempotency ON course_purchases (tenant_id, idempotency_key);
    CREATE INDEX course_purchases_by_created ON course_purchases (tenant_id, created_at, id);
    CREATE INDEX course_purchases_by_course ON course_purchases (tenant_id, course_id, created_at);
    CREATE INDEX course_purchases_by_customer ON course_purchases (tenant_id, customer_id, created_at);
    CREATE INDEX course_purchases_by_invoice ON course_purchases (invoice_id) WHERE invoice_id IS NOT NULL;

    CREATE TABLE enrollments (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      course_version_id TEXT REFERENCES course_versions (id),
      purchase_id TEXT REFERENCES course_purchases (id),
      status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
      granted_at ${integer} NOT NULL,
      revoked_at ${integer},
      revoke_reason TEXT,
      UNIQUE (course_id, customer_id)
    )${strict};
    CREATE INDEX enrollments_by_customer ON enrollments (tenant_id, customer_id, granted_at);
    CREATE INDEX enrollments_by_course ON enrollments (tenant_id, course_id, granted_at);

    CREATE TABLE payout_runs (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      period TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
      scheduled_for ${integer} NOT NULL,
      started_at ${integer},
      finished_at ${integer},
      created_by TEXT NOT NULL,
      created_at ${integer} NOT NULL,
      UNIQUE (tenant_id, period)
    )${strict};
    CREATE INDEX payout_runs_by_created ON payout_runs (tenant_id, created_at, id);

    CREATE TABLE payouts (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      run_id TEXT NOT NULL REFERENCES payout_runs (id),
      instructor_id TEXT NOT NULL REFERENCES instructors (id),
      currency TEXT NOT NULL,
      amount ${integer} NOT NULL CHECK (amount > 0),
      idempotency_key TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
      gateway_transfer_id TEXT,
      failure_reason TEXT,
      created_at ${integer} NOT NULL,
      paid_at ${integer},
      failed_at ${integer},
      UNIQUE (run_id, instructor_id, currency)
    )${strict};
    CREATE INDEX payouts_by_instructor ON payouts (tenant_id, instructor_id, created_at);

    CREATE TABLE earnings_lines (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      instructor_id TEXT NOT NULL REFERENCES instructors (id),
      course_id TEXT REFERENCES courses (id),
      purchase_id TEXT REFERENCES course_purchases (id),
      payout_id TEXT REFERENCES payouts (id),
      kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'adjustment', 'payout')),
      amount ${integer} NOT NULL,
      currency TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'available', 'paid')),
      available_at ${integer} NOT NULL,
      memo TEXT,
      created_at ${integer} NOT NULL
    )${strict};
    CREATE INDEX earnings_lines_by_instructor ON earnings_lines (tenant_id, instructor_id, created_at, id);
    CREATE INDEX earnings_lines_pending ON earnings_lines (tenant_id, available_at) WHERE state = 'pending';
    CREATE INDEX earnings_lines_by_purchase ON earnings_lines (purchase_id) WHERE purchase_id IS NOT NULL;
    CREATE INDEX earnings_lines_by_payout ON earnings_lines (payout_id) WHERE payout_id IS NOT NULL;

    CREATE TABLE course_reviews (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      course_id TEXT NOT NULL REFERENCES courses (id),
      customer_id TEXT NOT NULL REFERENCES customers (id),
      enrollment_id TEXT NOT NULL REFERENCES enrollments (id),
      stars ${integer} NOT NULL CHECK (stars BETWEEN 1 AND 5),
      body TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('published', 'removed')),
      removal_reason TEXT,
      removed_at ${integer},
      removed_by TEXT,
      instructor_reply TEXT,
      replied_at ${integer},
      version ${integer} NOT NULL DEFAULT 1,
      created_at ${integer} NOT NULL,
      updated_at ${integer} NOT NULL,
      UNIQUE (course_id, customer_id)
    )${strict};
    CREATE INDEX course_reviews_by_course ON course_reviews (tenant_id, course_id, status, created_at);
    CREATE INDEX course_reviews_by_customer ON course_reviews (tenant_id, customer_id);

    CREATE TABLE course_review_reports (
      id TEXT PRIMARY KEY,
      tenant_id TEXT NOT NULL REFERENCES tenants (id),
      review_id TEXT NOT NULL REFERENCES course_reviews (id),
      reporter_customer_id TEXT NOT NULL REFERENCES customers (id),
      reason TEXT NOT NULL
        CHECK (reason IN ('off_topic', 'abusive', 'incentivised', 'conflict_of_interest', 'duplicate', 'other')),
      note TEXT,
      status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'dismissed')),
      decision_reason TEXT,
      decided_by TEXT,
      decided_at ${integer},
      created_at ${integer} NOT NULL,
      UNIQUE (review_id, reporter_customer_id)
    )${strict};
    CREATE INDEX course_review_reports_queue ON course_review_reports (tenant_id, status, created_at, id);
`;

const sqliteSearch = `
    CREATE VIRTUAL TABLE courses_fts USING fts5 (
      title, subtitle, description,
      content = 'courses', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER courses_fts_insert AFTER INSERT ON courses BEGIN
      INSERT INTO courses_fts (rowid, title, subtitle, description)
      VALUES (new.rowid, new.title, new.subtitle, new.description);
    END;
    CREATE TRIGGER courses_fts_delete AFTER DELETE ON courses BEGIN
      INSERT INTO courses_fts (courses_fts, rowid, title, subtitle, description)
      VALUES ('delete', old.rowid, old.title, old.subtitle, old.description);
    END;
    CREATE TRIGGER courses_fts_update AFTER UPDATE OF title, subtitle, description ON courses BEGIN
      INSERT INTO courses_fts (courses_fts, rowid, title, subtitle, description)
      VALUES ('delete', old.rowid, old.title, old.subtitle, old.description);
      INSERT INTO courses_fts (rowid, title, subtitle, description)
      VALUES (new.rowid, new.title, new.subtitle, new.description);
    END;
`;

const postgresSearch = `
    CREATE INDEX courses_search ON courses USING gin (${COURSES_SEARCH_DOCUMENT_V36});
`;

export const marketplace: Migration = {
  version: 36,
  name: 'marketplace',
  sql:
    tables('INTEGER', 'TEXT COLLATE NOCASE', ' STRICT') +
    sqliteSearch +
    MARKETPLACE_TABLES_V36.map(sqliteSyncTriggers).join(''),
  postgres:
    tables('BIGINT', 'CITEXT', '') +
    postgresSearch +
    MARKETPLACE_TABLES_V36.map((t) => pgSyncTriggers({ ...t, tenant: byTenantId })).join(''),
};
