import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Replica } from './replica';
import { customerRow } from './test-effects.test-kit';

const TENANT = 'ten_fill';
let dir: string;
let replica: Replica;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-fill-'));
  replica = Replica.open(join(dir, 'replica.sqlite'));
});

afterEach(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

const indexesOf = (r: Replica) =>
  (
    r.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' ORDER BY name")
      .all() as { name: string }[]
  ).map((index) => index.name);

/** One page bringing one customer, at `seq`. */
function page(seq: number, more: boolean) {
  const row = customerRow(TENANT, `cus_${seq}`, { name: `Customer ${seq}` });
  return {
    changes: [{ seq, table: 'customers', key: row.id, op: 'upsert' as const, row: JSON.stringify(row) }],
    cursor: seq,
    scope: 's',
    more,
  };
}

describe('a replica filling from nothing', () => {
  it('drops its plain indexes for the fill, keeps the unique ones, and builds them back with the last page', () => {
    const before = indexesOf(replica);
    expect(before).toContain('customers_by_name');
    replica.applyPage(page(1, true), 1);
    const during = indexesOf(replica);
    expect(during).not.toContain('customers_by_name');
    expect(during).toContain('customers_tenant_email');
    replica.applyPage(page(2, false), 2);
    expect(indexesOf(replica)).toEqual(before);
    const plan = replica.sqlite
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM customers WHERE tenant_id = ? ORDER BY sort_name')
      .all(TENANT) as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING (COVERING )?INDEX/);
  });

  it('gets its indexes back when opened again after a fill stopped part-way', async () => {
    const before = indexesOf(replica);
    replica.applyPage(page(1, true), 1);
    expect(indexesOf(replica)).not.toEqual(before);
    await replica.close();
    replica = Replica.open(join(dir, 'replica.sqlite'));
    expect(indexesOf(replica)).toEqual(before);
    // The pull resumes from its cursor with every index in place; nothing is dropped again.
    replica.applyPage(page(2, true), 2);
    expect(indexesOf(replica)).toEqual(before);
  });
});
