import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { CUSTOMERS_SEARCH_DOCUMENT_V1 } from './migrations/0001_foundation';
import {
  applyPostgresForms,
  createScratchDatabase,
  versions,
  type ScratchDatabase,
} from './schema-parity-postgres.test-kit';

/**
 * What the PostgreSQL forms of migrations 1–14 do besides making tables: the triggers refuse
 * and count as SQLite's do (same messages: the app may match them), NOCASE uniqueness holds
 * through citext, and the backfills fill what they fill on SQLite when a database is upgraded
 * with rows in place.
 */

const scratches: ScratchDatabase[] = [];
afterEach(async () => {
  for (const scratch of scratches.splice(0)) await scratch.drop();
});

async function connect(): Promise<pg.Client> {
  const scratch = await createScratchDatabase();
  scratches.push(scratch);
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  return client;
}

const T = `'ten_b'`;
/** Statements both dialects accept as written, run in order whatever each earlier one did. */
const SCRIPT = [
  `INSERT INTO tenants (id, name, slug, status, created_at) VALUES (${T}, 'B', 'b', 'active', 0)`,
  `INSERT INTO users (id, email, name, created_at) VALUES ('usr_1', 'Ann@Example.com', 'Ann', 0)`,
  `INSERT INTO users (id, email, name, created_at) VALUES ('usr_2', 'ann@example.COM', 'Ann', 0)`,
  `INSERT INTO memberships VALUES ('mem_1', 'usr_1', NULL, 'owner', 0)`,
  `INSERT INTO memberships VALUES ('mem_2', 'usr_1', NULL, 'admin', 0)`,
  `INSERT INTO memberships VALUES ('mem_3', 'usr_1', ${T}, 'admin', 0)`,
  ...['1', '2', '3'].map(
    (
      n,
    ) => `INSERT INTO customers (id, tenant_id, name, sort_name, email, country, status, version, created_at,
      updated_at) VALUES ('cus_${n}', ${T}, 'C${n}', 'c${n}', 'c${n}@example.com', 'FR', 'active', 1, 0, 0)`,
  ),
  `INSERT INTO customers (id, tenant_id, name, sort_name, email, country, status, version, created_at, updated_at)
    VALUES ('cus_4', ${T}, 'C4', 'c4', 'C1@EXAMPLE.com', 'FR', 'active', 1, 0, 0)`,
  `UPDATE customers SET status = 'archived' WHERE id = 'cus_2'`,
  `UPDATE customers SET name = 'Renamed' WHERE id = 'cus_3'`,
  `DELETE FROM customers WHERE id = 'cus_3'`,
  `INSERT INTO products (id, tenant_id, name, status, created_at, updated_at) VALUES ('prd_1', ${T}, 'P', 'active', 0, 0)`,
  ...['1', '2'].map(
    (n) => `INSERT INTO plans (id, tenant_id, product_id, name, status, version, created_at, updated_at)
      VALUES ('pln_${n}', ${T}, 'prd_1', 'Plan ${n}', 'active', 1, 0, 0)`,
  ),
  `INSERT INTO prices (id, tenant_id, plan_id, amount, currency, interval, status, created_at, updated_at)
    VALUES ('pri_1', ${T}, 'pln_1', 900, 'eur', 'month', 'active', 0, 0)`,
  `INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status,
    billing_anchor, current_period_start, current_period_end, trial_end_behavior, version, created_at, updated_at)
    VALUES ('sub_1', ${T}, 'cus_1', 'pln_1', 'pri_1', 1, 'eur', 'active', 0, 0, 1, 'cancel', 1, 0, 0)`,
  `UPDATE subscriptions SET plan_id = 'pln_2' WHERE id = 'sub_1'`,
  `UPDATE subscriptions SET status = 'active' WHERE id = 'sub_1'`,
  `INSERT INTO invoices (id, tenant_id, customer_id, status, billing_reason, currency, subtotal, total, amount_due,
    created_at, updated_at) VALUES ('inv_1', ${T}, 'cus_1', 'draft', 'manual', 'eur', 900, 900, 900, 0, 0)`,
  `INSERT INTO invoice_lines (id, tenant_id, invoice_id, position, kind, description, quantity, unit_amount, amount)
    VALUES ('il_1', ${T}, 'inv_1', 1, 'one_off', 'x', 1, 900, 900)`,
  `UPDATE invoices SET total = 800, subtotal = 800, amount_due = 800 WHERE id = 'inv_1'`,
  `UPDATE invoices SET status = 'open', number = 'B-1' WHERE id = 'inv_1'`,
  `UPDATE invoices SET total = 700 WHERE id = 'inv_1'`,
  `INSERT INTO invoice_lines (id, tenant_id, invoice_id, position, kind, description, quantity, unit_amount, amount)
    VALUES ('il_2', ${T}, 'inv_1', 2, 'one_off', 'x', 1, 1, 1)`,
  `UPDATE invoice_lines SET amount = 1 WHERE id = 'il_1'`,
  `DELETE FROM invoice_lines WHERE id = 'il_1'`,
  `UPDATE invoices SET status = 'draft' WHERE id = 'inv_1'`,
  `UPDATE invoices SET status = 'paid', amount_paid = 800 WHERE id = 'inv_1'`,
];

const COUNTS = `SELECT list, key, n FROM list_counts WHERE tenant_id = ${T} ORDER BY list, key`;

/** A trigger's refusal by its message; a constraint's by kind only (each dialect words its own). */
function outcome(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  if (code === 'P0001' || code === 'SQLITE_CONSTRAINT_TRIGGER') return `refused: ${message}`;
  if (code?.startsWith('23') || code?.startsWith('SQLITE_CONSTRAINT')) return 'refused by a constraint';
  return `failed: ${code} ${message}`;
}

describe('the PostgreSQL forms of migrations 1–14', () => {
  it('refuse and count as the SQLite forms do, statement for statement', async () => {
    const sqlite = openDatabase({ path: ':memory:' });
    const onSqlite = SCRIPT.map((statement) => {
      try {
        sqlite.sqlite.prepare(statement).run();
        return 'ok';
      } catch (error) {
        return outcome(error);
      }
    });
    const sqliteCounts = sqlite.sqlite.prepare(COUNTS).all();
    await sqlite.close();

    const client = await connect();
    try {
      await applyPostgresForms(client);
      const onPostgres: string[] = [];
      for (const statement of SCRIPT) {
        onPostgres.push(await client.query(statement).then(() => 'ok', outcome));
      }
      const { rows } = await client.query<{ list: string; key: string; n: string }>(COUNTS);

      expect(onSqlite).toContain('refused: a finalized invoice cannot change its amounts or lines');
      expect(onSqlite).toContain('refused: a finalized invoice cannot return to draft');
      expect(onSqlite).toContain('refused by a constraint');
      expect(onPostgres).toEqual(onSqlite);
      expect(rows.map((r) => ({ ...r, n: Number(r.n) }))).toEqual(sqliteCounts);
    } finally {
      await client.end();
    }
  });

  it('backfill list counts, the dispatch cursor and API key scopes when upgrading with rows in place', async () => {
    const client = await connect();
    try {
      const rows = async (text: string) => (await client.query(text)).rows as Record<string, unknown>[];
      await applyPostgresForms(client, versions(1, 1));
      await client.query(`INSERT INTO tenants VALUES ('ten_u', 'U', 'u', 'active', 0)`);
      for (const [id, status] of [
        ['cus_1', 'active'],
        ['cus_2', 'active'],
        ['cus_3', 'archived'],
      ]) {
        await client.query(`INSERT INTO customers (id, tenant_id, name, sort_name, email, country, status, version,
          created_at, updated_at) VALUES ('${id}', 'ten_u', 'N', 'n', '${id}@example.com', 'FR', '${status}', 1, 0, 0)`);
      }
      await applyPostgresForms(client, versions(2, 3));
      expect(await rows(`SELECT key, n::int FROM list_counts ORDER BY key`)).toEqual([
        { key: 'active', n: 2 },
        { key: 'archived', n: 1 },
      ]);

      for (const id of ['evt_1', 'evt_2', 'evt_3']) {
        await client.query(`INSERT INTO billing_events (id, tenant_id, type, subject_id, data, occurred_at)
          VALUES ('${id}', 'ten_u', 'invoice.paid', 'inv_1', '{}', 0)`);
      }
      await applyPostgresForms(client, versions(4, 12));
      expect(await rows(`SELECT name, last_rowid::int FROM notification_cursors`)).toEqual([
        { name: 'billing_events', last_rowid: 3 },
      ]);

      await client.query(`INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_at)
        VALUES ('apk_1', 'ten_u', 'k', 'billing', 'tg_', 'h1', 0)`);
      await applyPostgresForms(client, versions(13, 14));
      const [key] = await rows(`SELECT scopes FROM api_keys`);
      expect(JSON.parse(String(key?.scopes))).toContain('billing.write');
      expect(JSON.parse(String(key?.scopes))).not.toContain('users.manage');
    } finally {
      await client.end();
    }
  });

  it('search customers through the text and trigram indexes that stand for FTS5', async () => {
    const client = await connect();
    try {
      await applyPostgresForms(client, versions(1, 14));
      await applyPostgresForms(client, versions(21, 21));
      await client.query(`INSERT INTO tenants VALUES ('ten_s', 'S', 's', 'active', 0)`);
      const people = [
        ['cus_1', 'Marta Kowalska', 'mk@example.com', null],
        ['cus_2', 'Otto', 'MARTIN@Example.com', null],
        ['cus_3', 'Ana', 'ana@example.com', 'Marathon Ltd'],
        ['cus_4', 'Zoe', 'zoe@example.com', 'Acme'],
      ];
      for (const [id, name, email, company] of people) {
        await client.query(
          `INSERT INTO customers (id, tenant_id, name, sort_name, email, country, company, status, version,
            created_at, updated_at) VALUES ($1, 'ten_s', $2, $2, $3, 'FR', $4, 'active', 1, 0, 0)`,
          [id, name, email, company],
        );
      }
      // Others of the tenant, so that its index on the tenant alone is no better than the email's.
      await client.query(
        `INSERT INTO customers (id, tenant_id, name, sort_name, email, country, status, version, created_at,
          updated_at) SELECT 'cus_f' || n, 'ten_s', 'Filler', 'Filler', 'filler' || n || '@example.com', 'FR',
          'active', 1, 0, 0 FROM generate_series(1, 500) AS n`,
      );
      await client.query('ANALYZE customers');
      // A tiny table is read whole unless scans are off; with them off, a usable index is used.
      await client.query('SET enable_seqscan = off');
      const words = `SELECT id FROM customers WHERE ${CUSTOMERS_SEARCH_DOCUMENT_V1} @@ to_tsquery('simple', 'mar:*')`;
      const infix = `SELECT id FROM customers WHERE lower(name) LIKE '%owal%'`;
      // An email-shaped search, as customerEmailStartsWith spells it on PostgreSQL.
      const emailPrefix = `SELECT id FROM customers WHERE tenant_id = 'ten_s' AND lower(email::text) LIKE 'mar%'`;
      const plan = async (query: string) =>
        (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');

      expect(await plan(words)).toContain('customers_search');
      expect(await plan(infix)).toContain('customers_name_trgm');
      expect(await plan(emailPrefix)).toContain('customers_email_prefix');
      const ids = async (query: string) =>
        (await client.query<{ id: string }>(`${query} ORDER BY id`)).rows.map((r) => r.id);
      expect(await ids(words)).toEqual(['cus_1', 'cus_2', 'cus_3']);
      expect(await ids(infix)).toEqual(['cus_1']);
      expect(await ids(emailPrefix)).toEqual(['cus_2']);
    } finally {
      await client.end();
    }
  });
});
