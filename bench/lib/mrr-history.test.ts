import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../server/db/connection';
import { rebuildMovements } from '../../server/modules/analytics/rebuild';
import { loadBillingWorkspace } from './billing-workspace';
import type { BillingWorkspaceMeta } from './billing-cache';
import { bulkLoadMrrHistory } from './mrr-history';

/**
 * The generator's invariants on a small load (bench files sit outside the vitest projects; run
 * with a config naming bench/**: see bench/analytics-engine.ts's header).
 */
let dir: string;
let database: AppDatabase;
let meta: BillingWorkspaceMeta;
let counts: ReturnType<typeof bulkLoadMrrHistory>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-mrr-history-test-'));
  database = openDatabase({ path: join(dir, 'test.sqlite') });
  meta = await loadBillingWorkspace(database, { customers: 300, invoicesPer: 1 }, 'test');
  counts = bulkLoadMrrHistory(database.sqlite, { tenantId: meta.tenantId, now: meta.now, seed: 13 });
  await rebuildMovements(database.db, meta.tenantId, meta.now);
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T>(sql: string, ...params: unknown[]) => database.sqlite.prepare(sql).all(...params) as T[];

describe('the MRR bench history', () => {
  it('writes several states per subscription, in two currencies, with returns, pauses and past-due spells', () => {
    expect(counts.states).toBeGreaterThan(300 * 2);
    expect(counts.eurSubscriptions).toBeGreaterThan(0);
    expect(counts.earlierSubscriptions).toBeGreaterThan(0);
    const statuses = all<{ status: string }>('SELECT DISTINCT status FROM mrr_states ORDER BY status');
    expect(statuses.map((s) => s.status)).toEqual(['active', 'canceled', 'past_due', 'paused', 'trialing']);
    const currencies = all<{ currency: string }>('SELECT DISTINCT currency FROM mrr_states ORDER BY 1');
    expect(currencies.map((c) => c.currency)).toEqual(['EUR', 'USD']);
  });

  it("numbers each customer's states 1..n in time order, as record.ts does", () => {
    const rows = all<{ customer_id: string; seq: number; effective_at: number }>(
      'SELECT customer_id, seq, effective_at FROM mrr_states ORDER BY customer_id, seq',
    );
    let previous: (typeof rows)[number] | undefined;
    for (const row of rows) {
      if (previous?.customer_id === row.customer_id) {
        expect(row.seq).toBe(previous.seq + 1);
        expect(row.effective_at).toBeGreaterThanOrEqual(previous.effective_at);
      } else expect(row.seq).toBe(1);
      previous = row;
    }
  });

  it("ends each subscription's history on its current row", () => {
    const mismatched = all(
      `SELECT s.id FROM subscriptions s
       JOIN mrr_states m ON m.subscription_id = s.id
         AND m.seq = (SELECT max(seq) FROM mrr_states x WHERE x.subscription_id = s.id)
       WHERE m.status <> s.status OR m.price_id <> s.price_id OR m.currency <> s.currency
         OR m.quantity <> s.quantity OR m.plan_id <> s.plan_id`,
    );
    expect(mismatched).toEqual([]);
    const without = all(
      'SELECT id FROM subscriptions WHERE id NOT IN (SELECT subscription_id FROM mrr_states)',
    );
    expect(without).toEqual([]);
  });

  it('derives movements whose sums reconcile, and a second rebuild finds nothing to change', async () => {
    const movements = all<{ n: number }>('SELECT count(*) AS n FROM mrr_movements')[0]?.n ?? 0;
    expect(movements).toBeGreaterThan(300);
    const unbalanced = all(
      `SELECT currency, month, sum(amount) AS a FROM mrr_movements GROUP BY currency, month
       EXCEPT SELECT currency, month, sum(amount) FROM mrr_monthly GROUP BY currency, month`,
    );
    expect(unbalanced).toEqual([]);
    const again = await rebuildMovements(database.db, meta.tenantId, meta.now);
    expect(again.differences).toBe(0);
  });
});
