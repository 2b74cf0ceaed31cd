import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowChange } from '../pull';
import { Replica, type PulledPage } from './replica';
import { customerRow } from './test-effects.test-kit';

const TENANTS = ['ten_north', 'ten_south'];
const SEARCHES = ['Ada', 'Grace', 'lovelace', 'hopper', 'acme', 'renamed', 'example'];
let dir: string;
let filled: Replica;
let rowByRow: Replica;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-fill-triggers-'));
  filled = Replica.open(join(dir, 'filled.sqlite'));
  rowByRow = Replica.open(join(dir, 'row-by-row.sqlite'));
});

afterEach(async () => {
  await Promise.all([filled.close(), rowByRow.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function subscriptionRow(tenantId: string, id: string, plan: string, status: string) {
  return {
    id,
    tenant_id: tenantId,
    customer_id: `cus_${id}`,
    plan_id: plan,
    price_id: `price_${plan}`,
    quantity: 1,
    currency: 'eur',
    status,
    billing_anchor: 1,
    current_period_start: 1,
    current_period_end: 2,
    trial_end_behavior: 'cancel',
    cancel_at_period_end: 0,
    managed_by: 'tollgate',
    version: 1,
    created_at: 1,
    updated_at: 1,
  };
}

let seq = 0;
const upsert = (table: string, row: { id: string }): RowChange => ({
  seq: ++seq,
  table,
  key: row.id,
  op: 'upsert',
  row: JSON.stringify(row),
});

/** Three pages: customers and subscriptions of two tenants, then renames, status changes and deletes of some. */
function pages(): [PulledPage, PulledPage, PulledPage] {
  seq = 0;
  const first: RowChange[] = [];
  const second: RowChange[] = [];
  for (let i = 0; i < 60; i++) {
    const tenant = TENANTS[i % 2] ?? '';
    const name = `${i % 3 === 0 ? 'Ada Lovelace' : 'Grace Hopper'} ${i}`;
    const company = i % 4 === 0 ? 'Acme' : null;
    const status = i % 5 === 0 ? 'archived' : 'active';
    (i < 30 ? first : second).push(
      upsert('customers', customerRow(tenant, `cus_${i}`, { name, company, status })),
    );
    const plan = i % 2 === 0 ? 'plan_basic' : 'plan_pro';
    const subscription = subscriptionRow(tenant, `sub_${i}`, plan, i % 3 === 0 ? 'trialing' : 'active');
    (i < 30 ? first : second).push(upsert('subscriptions', subscription));
  }
  const third: RowChange[] = [
    upsert('customers', customerRow('ten_north', 'cus_0', { name: 'Renamed Person', status: 'archived' })),
    upsert('subscriptions', subscriptionRow('ten_south', 'sub_1', 'plan_basic', 'canceled')),
    { seq: ++seq, table: 'customers', key: 'cus_3', op: 'delete', row: null },
    { seq: ++seq, table: 'subscriptions', key: 'sub_4', op: 'delete', row: null },
  ];
  const page = (changes: RowChange[], more: boolean): PulledPage => ({
    changes,
    cursor: changes.at(-1)?.seq ?? 0,
    scope: 's',
    more,
  });
  return [page(first, true), page(second, true), page(third, false)];
}

/** What a console sees of the derived data: each search's customers, and every non-zero list count. */
function derived(replica: Replica) {
  const search = replica.sqlite.prepare(
    `SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
     WHERE customers_fts MATCH ? ORDER BY c.id`,
  );
  return {
    searches: SEARCHES.map((term) => (search.all(term) as { id: string }[]).map((row) => row.id)),
    counts: replica.sqlite
      .prepare('SELECT tenant_id, list, key, n FROM list_counts WHERE n != 0 ORDER BY tenant_id, list, key')
      .all(),
  };
}

const triggersOf = (replica: Replica) =>
  (
    replica.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((trigger) => trigger.name);

/** The search index agrees with its content table (FTS5's own check). */
const checkIndex = (replica: Replica) =>
  replica.sqlite.exec("INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')");

/** Each page pulled on its own (a last page): nothing is deferred, every trigger fires per row. */
function applyRowByRow(list: PulledPage[], count: number) {
  for (const page of list.slice(0, count)) rowByRow.applyPage({ ...page, more: false }, 1);
}

describe('a replica filling from nothing, for its search index and list counts', () => {
  it('derives them at the end of the fill exactly as per-row triggers would have', () => {
    const list = pages();
    const triggers = triggersOf(filled);
    filled.applyPage(list[0], 1);
    // Mid-fill, the derived data's triggers are gone (kept in sync_state).
    expect(triggersOf(filled)).not.toContain('customers_fts_insert');
    expect(triggersOf(filled)).not.toContain('subscriptions_count_insert');
    filled.applyPage(list[1], 1);
    filled.applyPage(list[2], 1);
    applyRowByRow(list, 3);
    expect(triggersOf(filled)).toEqual(triggers);
    expect(derived(filled)).toEqual(derived(rowByRow));
    expect(derived(filled).searches[0]?.length).toBeGreaterThan(0);
    checkIndex(filled);
    // The triggers are back: a later change is kept per row again.
    const renamed = upsert(
      'customers',
      customerRow('ten_south', 'cus_5', { name: 'Ada Again', status: 'active' }),
    );
    for (const replica of [filled, rowByRow])
      replica.applyPage({ changes: [renamed], cursor: seq, scope: 's' }, 2);
    expect(derived(filled)).toEqual(derived(rowByRow));
  });

  it('derives them when opened again after a fill stopped part-way, then keeps them per row', async () => {
    const list = pages();
    const triggers = triggersOf(filled);
    filled.applyPage(list[0], 1);
    filled.applyPage(list[1], 1);
    await filled.close();
    filled = Replica.open(join(dir, 'filled.sqlite'));
    expect(triggersOf(filled)).toEqual(triggers);
    applyRowByRow(list, 2);
    expect(derived(filled)).toEqual(derived(rowByRow));
    checkIndex(filled);
    // The pull resumes from its cursor with the triggers in place.
    filled.applyPage(list[2], 1);
    rowByRow.applyPage(list[2], 1);
    expect(triggersOf(filled)).toEqual(triggers);
    expect(derived(filled)).toEqual(derived(rowByRow));
  });
});
