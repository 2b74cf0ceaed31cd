import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequenceCommittedChanges } from '../../sync/sequencer';
import { openDatabase, openPostgres, type AppDatabase } from '../connection';

/**
 * The PostgreSQL forms of the row log's and the outgoing webhooks' triggers (pg-sync-triggers.ts,
 * pg-webhook-triggers.ts) do what SQLite's do, on a database of their own on the test cluster
 * migrated as the server migrates it: a change is logged with a provisional (negative) seq and
 * the same row JSON and key as SQLite logs, and a subscription's changes are captured as
 * numbered events fanned out to deliveries, with SQLite's payloads.
 */

const adminUrl = process.env.TOLLGATE_TEST_POSTGRES_URL;
if (!adminUrl) throw new Error('TOLLGATE_TEST_POSTGRES_URL names the test cluster (its admin database)');

const dbName = `sync_triggers_${randomBytes(6).toString('hex')}`;
let admin: pg.Client;
let hosted: AppDatabase;
let lite: AppDatabase;

const rowsOf = async <T>(query: RawBuilder<T>): Promise<T[]> => (await query.execute(hosted.db)).rows;

/** Statements both dialects take as they are, run on both databases. */
async function both(statements: string): Promise<void> {
  lite.sqlite.exec(statements);
  await sql.raw(statements).execute(hosted.db);
}

const TENANT = `INSERT INTO tenants (id, name, slug, status, created_at) VALUES ('ten_1', 'Acme', 'acme', 'active', 1);`;
const CUSTOMER = `INSERT INTO customers (id, tenant_id, name, sort_name, email, country, company, status, version,
  created_at, updated_at) VALUES ('cus_1', 'ten_1', 'Ada', 'ada', 'ada@example.com', 'GB', NULL, 'active', 1, 10, 10);`;

interface LoggedRow {
  pk: string;
  tenant_id: string | null;
  seq: number;
  op: string;
  row: string | null;
}

const pgLogged = async (tbl: string, pk: string) =>
  (
    await rowsOf(
      sql<LoggedRow>`SELECT pk, tenant_id, seq, op, row FROM sync_rows WHERE tbl = ${tbl} AND pk = ${pk}`,
    )
  )[0];
const liteLogged = (tbl: string, pk: string) =>
  lite.sqlite
    .prepare('SELECT pk, tenant_id, seq, op, row FROM sync_rows WHERE tbl = ? AND pk = ?')
    .get(tbl, pk) as LoggedRow | undefined;
const counter = async () => (await rowsOf(sql<{ seq: number }>`SELECT seq FROM sync_counter`))[0]?.seq;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  hosted = await openPostgres({ url: url.toString(), poolSize: 4 });
  lite = openDatabase({ path: ':memory:' });
  await both(TENANT);
});

afterAll(async () => {
  await lite?.close();
  await hosted?.close();
  await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin?.end();
});

describe('the row log on PostgreSQL', () => {
  it('logs a customer insert, update and delete with provisional seqs, as SQLite logs the row', async () => {
    const before = await counter();
    await both(CUSTOMER);
    const inserted = await pgLogged('customers', 'cus_1');
    expect(inserted).toMatchObject({ tenant_id: 'ten_1', op: 'upsert' });
    expect(inserted?.seq).toBeLessThan(0);
    expect(JSON.parse(inserted?.row ?? 'null')).toEqual(
      JSON.parse(liteLogged('customers', 'cus_1')?.row ?? 'null'),
    );
    expect(JSON.parse(inserted?.row ?? 'null')).toMatchObject({
      id: 'cus_1',
      name: 'Ada',
      version: 1,
      company: null,
    });

    await both(`UPDATE customers SET name = 'Ada L', version = 2 WHERE id = 'cus_1';`);
    const updated = await pgLogged('customers', 'cus_1');
    // Newer changes take later provisional numbers: more negative, never seen by pull.
    expect(updated?.seq).toBeLessThan(inserted?.seq ?? 0);
    expect(JSON.parse(updated?.row ?? 'null')).toEqual(
      JSON.parse(liteLogged('customers', 'cus_1')?.row ?? 'null'),
    );
    expect(JSON.parse(updated?.row ?? 'null')).toMatchObject({ name: 'Ada L', version: 2 });

    await both(`DELETE FROM customers WHERE id = 'cus_1';`);
    const deleted = await pgLogged('customers', 'cus_1');
    expect(deleted).toMatchObject({ tenant_id: 'ten_1', op: 'delete', row: null });
    expect(deleted?.seq).toBeLessThan(updated?.seq ?? 0);
    // The counter is the sequencer's: no trigger moved it.
    expect(await counter()).toBe(before);
  });

  it('logs a user again, tenantless, when they join a tenant', async () => {
    await both(`INSERT INTO users (id, email, name, created_at) VALUES ('usr_1', 'u@example.com', 'U', 1);`);
    const first = await pgLogged('users', 'usr_1');
    await both(`INSERT INTO memberships (id, user_id, tenant_id, role, created_at)
      VALUES ('mem_1', 'usr_1', 'ten_1', 'admin', 1);`);
    const again = await pgLogged('users', 'usr_1');
    expect(again).toMatchObject({ tenant_id: null, op: 'upsert' });
    expect(again?.seq).toBeLessThan(first?.seq ?? 0);
    expect(JSON.parse(again?.row ?? 'null')).toEqual(JSON.parse(liteLogged('users', 'usr_1')?.row ?? 'null'));
  });

  it('writes a composite key as the same text SQLite and the replica write', async () => {
    await both(
      `INSERT INTO features (tenant_id, key, name, kind, created_at) VALUES ('ten_1', 'seats', 'Seats', 'limit', 1);`,
    );
    const key = JSON.stringify(['ten_1', 'seats']);
    expect(liteLogged('features', key)?.pk).toBe(key);
    expect((await pgLogged('features', key))?.seq).toBeLessThan(0);
  });

  it('leaves the numbering to the sequencer, which gives committed changes positive seqs', async () => {
    const before = await counter();
    expect(await sequenceCommittedChanges(hosted.db)).toBeGreaterThan(0);
    const [range] = await rowsOf(
      sql<{ low: number; high: number }>`SELECT min(seq) AS low, max(seq) AS high FROM sync_rows`,
    );
    expect(range?.low).toBeGreaterThan(before ?? 0);
    expect(await counter()).toBe(range?.high);
  });
});

const CATALOG = `
  INSERT INTO products (id, tenant_id, name, status, created_at, updated_at)
    VALUES ('prd_1', 'ten_1', 'Pro', 'active', 1, 1);
  INSERT INTO plans (id, tenant_id, product_id, name, status, sort_order, is_default, version, created_at, updated_at)
    VALUES ('pln_1', 'ten_1', 'prd_1', 'Pro', 'active', 0, 0, 1, 1, 1);
  INSERT INTO prices (id, tenant_id, plan_id, amount, currency, interval, trial_days, status, created_at, updated_at)
    VALUES ('pri_1', 'ten_1', 'pln_1', 1000, 'usd', 'month', 0, 'active', 1, 1);
  INSERT INTO customers (id, tenant_id, name, sort_name, email, country, status, version, created_at, updated_at)
    VALUES ('cus_2', 'ten_1', 'Bo', 'bo', 'bo@example.com', 'GB', 'active', 1, 1, 1);
  INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, status, secret_hint, version,
      created_at, updated_at)
    VALUES ('we_on', 'ten_1', 'https://example.com/a', '', '["subscription.created","subscription.updated"]',
      'enabled', 'abcd', 1, 1, 1),
      ('we_off', 'ten_1', 'https://example.com/b', '', '["subscription.created"]', 'disabled', 'abcd', 1, 1, 1),
      ('we_other', 'ten_1', 'https://example.com/c', '', '["invoice.paid"]', 'enabled', 'abcd', 1, 1, 1);`;

const SUBSCRIPTION = `INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency,
    status, billing_anchor, current_period_start, current_period_end, trial_end_behavior, cancel_at_period_end,
    managed_by, version, created_at, updated_at)
  VALUES ('sub_1', 'ten_1', 'cus_2', 'pln_1', 'pri_1', 1, 'usd', 'incomplete', 0, 0, 100, 'cancel', 0, 'tollgate', 1,
    1700000000000, 1700000000000);`;

interface Event {
  id: string;
  type: string;
  object_id: string;
  object_seq: number;
  data: string;
}
interface Delivery {
  endpoint_id: string;
  event_id: string;
  object_id: string;
  object_seq: number;
  status: string;
  next_attempt_at: number;
}

const pgEvents = () =>
  rowsOf(sql<Event>`SELECT id, type, object_id, object_seq, data FROM webhook_events ORDER BY rowid`);
const pgDeliveries = () =>
  rowsOf(
    sql<Delivery>`SELECT endpoint_id, event_id, object_id, object_seq, status, next_attempt_at
      FROM webhook_deliveries ORDER BY object_seq`,
  );
const liteEvents = () =>
  lite.sqlite
    .prepare('SELECT id, type, object_id, object_seq, data FROM webhook_events ORDER BY rowid')
    .all() as Event[];

describe('outgoing webhook capture on PostgreSQL', () => {
  it('captures a subscription created and updated as events 1 and 2, each with a delivery to the wanting endpoint', async () => {
    await both(CATALOG);
    await both(SUBSCRIPTION);
    const created = await pgEvents();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ type: 'subscription.created', object_id: 'sub_1', object_seq: 1 });
    expect(created[0]?.id).toMatch(/^wev_018BCFE56800[0-9A-F]{16}$/);
    expect(await pgDeliveries()).toEqual([
      {
        endpoint_id: 'we_on',
        event_id: created[0]?.id,
        object_id: 'sub_1',
        object_seq: 1,
        status: 'pending',
        next_attempt_at: 1700000000000,
      },
    ]);

    await both(`UPDATE subscriptions SET quantity = 2, cancel_at_period_end = 1, updated_at = 1700000001000
      WHERE id = 'sub_1';`);
    // A change no event announces captures nothing.
    await both(`UPDATE subscriptions SET version = 2 WHERE id = 'sub_1';`);
    const events = await pgEvents();
    expect(events.map((e) => [e.type, e.object_seq])).toEqual([
      ['subscription.created', 1],
      ['subscription.updated', 2],
    ]);
    const deliveries = await pgDeliveries();
    expect(deliveries.map((d) => [d.endpoint_id, d.event_id, d.object_seq])).toEqual([
      ['we_on', events[0]?.id, 1],
      ['we_on', events[1]?.id, 2],
    ]);
    // The payloads are SQLite's, booleans as JSON true/false.
    const data = events.map((e) => JSON.parse(e.data) as unknown);
    expect(data).toEqual(liteEvents().map((e) => JSON.parse(e.data) as unknown));
    expect(data[1]).toMatchObject({
      object: { id: 'sub_1', quantity: 2, cancel_at_period_end: true },
      previous_attributes: { quantity: 1, cancel_at_period_end: false },
    });
    // Events and deliveries reach replicas through the row log, provisionally numbered too.
    const logged = await pgLogged('webhook_events', events[1]?.id ?? '');
    expect(logged?.seq).toBeLessThan(0);
  });

  it('numbers two concurrent events about one object in turn: the second waits for the first to commit', async () => {
    // Two subscriptions of one customer gain access at once: each announces entitlements.updated
    // about the customer, in its own transaction.
    await sql
      .raw(
        `INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, status, secret_hint, version,
            created_at, updated_at)
          VALUES ('we_access', 'ten_1', 'https://example.com/d', '', '["entitlements.updated"]', 'enabled', 'abcd',
            1, 1, 1);
        INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status,
            billing_anchor, current_period_start, current_period_end, trial_end_behavior, cancel_at_period_end,
            managed_by, version, created_at, updated_at)
          SELECT id, 'ten_1', 'cus_2', 'pln_1', 'pri_1', 1, 'usd', 'incomplete', 0, 0, 100, 'cancel', 0, 'tollgate',
            1, 1, 1
          FROM (VALUES ('sub_a'), ('sub_b')) AS s (id);`,
      )
      .execute(hosted.db);
    let commitFirst = () => {};
    const held = new Promise<void>((resolve) => (commitFirst = resolve));
    const first = hosted.db.transaction().execute(async (trx) => {
      await sql`UPDATE subscriptions SET status = 'active', updated_at = 2 WHERE id = 'sub_a'`.execute(trx);
      await held;
    });
    // The first has captured its event (the lock is taken only then) and holds the lock until it commits.
    await expect
      .poll(async () => {
        const [locks] = await rowsOf(
          sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`,
        );
        return locks?.n;
      })
      .toBeGreaterThan(0);
    const second = sql`UPDATE subscriptions SET status = 'active', updated_at = 3 WHERE id = 'sub_b'`.execute(
      hosted.db,
    );
    await expect
      .poll(async () => {
        const [waiting] = await rowsOf(
          sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%sub_b%'`,
        );
        return waiting?.n;
      })
      .toBe(1);
    commitFirst();
    await first;
    await second;
    const access = await rowsOf(
      sql<{ object_seq: number; created_at: number }>`SELECT object_seq, created_at FROM webhook_events
        WHERE object_id = 'cus_2' AND type = 'entitlements.updated' ORDER BY object_seq`,
    );
    expect(access).toEqual([
      { object_seq: 1, created_at: 2 },
      { object_seq: 2, created_at: 3 },
    ]);
  });
});
