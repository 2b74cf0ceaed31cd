import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedBackend, type EmbeddedBackend } from '../embedded/backend';
import { silentLogger } from '../lib/logger';
import { independentMonthEndMrr, mrrByCurrency } from '../modules/analytics/independent-mrr';

/**
 * The demo year is made by the billing engine itself, so its books must balance the way
 * real ones do: these checks would catch the engine double-charging, losing a payment or
 * leaving an invoice that disagrees with its lines.
 */

let dir: string;
let backend: EmbeddedBackend;
const all = <T>(sql: string) => backend.database.sqlite.prepare(sql).all() as T[];
const one = <T>(sql: string) => backend.database.sqlite.prepare(sql).get() as T;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-demo-'));
  backend = await createEmbeddedBackend({ dataDir: dir, logger: silentLogger, gatewayConfig: {} });
});
afterAll(async () => {
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo workspace’s year of billing', () => {
  it('has something true to show on every screen', () => {
    const statuses = all<{ status: string }>('SELECT DISTINCT status FROM subscriptions').map(
      (r) => r.status,
    );
    expect(statuses).toEqual(expect.arrayContaining(['active', 'trialing', 'past_due', 'canceled']));
    expect(one<{ n: number }>("SELECT count(*) AS n FROM invoices WHERE status = 'paid'").n).toBeGreaterThan(
      200,
    );
    expect(
      one<{ n: number }>("SELECT count(*) AS n FROM payments WHERE status = 'failed'").n,
    ).toBeGreaterThan(5);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM refunds').n).toBeGreaterThan(0);
    expect(
      one<{ n: number }>("SELECT count(*) AS n FROM invoices WHERE billing_reason = 'subscription_update'").n,
    ).toBeGreaterThan(0);
    const recoveries = all<{ status: string; attempt: number | null }>(
      'SELECT status, recovered_attempt AS attempt FROM invoice_recoveries',
    );
    expect(recoveries.map((r) => r.status)).toEqual(
      expect.arrayContaining(['recovered', 'final_action_taken', 'retrying']),
    );
    expect(recoveries.map((r) => r.attempt)).toEqual(expect.arrayContaining([2, 3]));
  });

  it('keeps each recovery in step with its invoice: recovered ones paid, given-up ones written off', () => {
    const astray = all(
      `SELECT r.invoice_id, r.status, i.status AS invoice FROM invoice_recoveries r JOIN invoices i ON i.id = r.invoice_id
       WHERE (r.status = 'recovered') != (i.status = 'paid')
          OR (r.status IN ('retrying', 'waiting_for_card', 'paused')) != (i.status = 'open')
          OR (r.status = 'final_action_taken' AND i.status != 'uncollectible')
          OR (r.status = 'retrying' AND r.next_attempt_at != i.next_attempt_at)`,
    );
    expect(astray).toEqual([]);
  });

  it('balances: every invoice is the sum of its lines, and paid exactly by its succeeded payments', () => {
    const wrongTotals = all(
      'SELECT i.number FROM invoices i WHERE i.total != (SELECT coalesce(sum(amount), 0) FROM invoice_lines WHERE invoice_id = i.id)',
    );
    expect(wrongTotals).toEqual([]);
    const wrongPaid = all(
      "SELECT i.number FROM invoices i WHERE i.amount_paid != (SELECT coalesce(sum(amount), 0) FROM payments WHERE invoice_id = i.id AND status = 'succeeded')",
    );
    expect(wrongPaid).toEqual([]);
    const paidShort = all("SELECT number FROM invoices WHERE status = 'paid' AND amount_paid < amount_due");
    expect(paidShort).toEqual([]);
    const numbers = all<{ number: string }>(
      "SELECT number FROM invoices WHERE status != 'draft' ORDER BY number",
    ).map((r) => r.number);
    expect(numbers[0]).toBe('INV-000001');
    expect(numbers.at(-1)).toBe(`INV-${String(numbers.length).padStart(6, '0')}`);
  });

  it('charged every card once per payment, and refunded no more than was paid', () => {
    const charges = one<{ n: number; total: number }>(
      "SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM sandbox_charges WHERE status = 'succeeded'",
    );
    const succeeded = one<{ n: number; total: number }>(
      "SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM payments WHERE status = 'succeeded'",
    );
    expect(charges).toEqual(succeeded);
    expect(all('SELECT id FROM payments WHERE amount_refunded > amount')).toEqual([]);
    const refundedAtGateway = one<{ total: number }>(
      'SELECT coalesce(sum(amount_refunded), 0) AS total FROM sandbox_charges',
    );
    const refunded = one<{ total: number }>(
      "SELECT coalesce(sum(amount), 0) AS total FROM refunds WHERE status = 'succeeded'",
    );
    expect(refundedAtGateway.total).toBe(refunded.total);
    expect(all("SELECT id FROM payments WHERE status = 'pending'")).toEqual([]);
  });

  it('keeps list totals equal to real counts, for every list and status', async () => {
    const real = all<{ list: string; key: string; n: number }>(`
      SELECT 'customers' AS list, status AS key, count(*) AS n FROM customers GROUP BY status
      UNION ALL SELECT 'invoices', status, count(*) FROM invoices GROUP BY status
      UNION ALL SELECT 'payments', status, count(*) FROM payments GROUP BY status
      UNION ALL SELECT 'subscriptions', plan_id || ':' || status, count(*) FROM subscriptions GROUP BY plan_id, status
      ORDER BY 1, 2`);
    const kept = all<{ list: string; key: string; n: number }>(
      'SELECT list, key, n FROM list_counts WHERE n != 0 ORDER BY 1, 2',
    );
    expect(kept).toEqual(real);
    const caller = backend.router.createCaller(backend.contextFromHeaders(() => undefined, 'web'));
    const page = await caller.invoices.list({ status: 'paid', limit: 1 });
    expect(page).toMatchObject({
      total: one<{ n: number }>("SELECT count(*) AS n FROM invoices WHERE status = 'paid'").n,
      totalCapped: false,
    });
  });

  it('left no job overdue and every live subscription with its next period end scheduled', () => {
    expect(
      all(
        `SELECT id FROM jobs WHERE status = 'pending' AND run_at <= ${Date.now() - 60_000} AND test_clock_id IS NULL`,
      ),
    ).toEqual([]);
    const unscheduled = all(
      "SELECT s.id FROM subscriptions s WHERE s.status IN ('trialing', 'active', 'past_due') AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.status = 'pending' AND j.kind = 'subscription.period_end' AND j.dedupe_key = 'sub:' || s.id || ':period_end:' || s.current_period_end)",
    );
    expect(unscheduled).toEqual([]);
  });

  it('gives the Overview a year to show: growth, seats, plan changes, churn and returns, in USD and EUR', async () => {
    const changed = (field: string) =>
      one<{ n: number }>(
        `SELECT count(*) AS n FROM audit_log WHERE entity_type = 'subscription' AND before IS NOT NULL
           AND json_extract(before, '$.${field}') != json_extract(after, '$.${field}')`,
      ).n;
    expect(changed('quantity'), 'seat changes').toBeGreaterThan(3);
    expect(changed('priceId'), 'upgrades and downgrades').toBeGreaterThan(3);
    const kinds = all<{ currency: string; interval: string }>(
      'SELECT DISTINCT s.currency, p.interval FROM subscriptions s JOIN prices p ON p.id = s.price_id ORDER BY 1, 2',
    );
    expect(kinds).toEqual([
      { currency: 'EUR', interval: 'month' },
      { currency: 'EUR', interval: 'year' },
      { currency: 'USD', interval: 'month' },
      { currency: 'USD', interval: 'year' },
    ]);
    expect(
      one<{ n: number }>("SELECT count(*) AS n FROM subscriptions WHERE status = 'canceled'").n,
    ).toBeGreaterThan(10);
    const returned = one<{ n: number }>(
      `SELECT count(*) AS n FROM subscriptions later WHERE EXISTS (SELECT 1 FROM subscriptions earlier
         WHERE earlier.customer_id = later.customer_id AND earlier.status = 'canceled' AND earlier.ended_at <= later.created_at)`,
    ).n;
    expect(returned, 'customers who came back').toBeGreaterThan(0);
    const tenantId = one<{ id: string }>('SELECT id FROM tenants').id;
    const now = Date.now();
    const [halfYearAgo, lastMonth] = [6, 1].map((back) =>
      new Date(now - back * 30 * 86_400_000).toISOString().slice(0, 7),
    );
    const mrr = mrrByCurrency(
      await independentMonthEndMrr(backend.database.db, tenantId, [halfYearAgo ?? '', lastMonth ?? '']),
    );
    for (const currency of ['USD', 'EUR'])
      expect(mrr.get(`${lastMonth} ${currency}`) ?? 0, currency).toBeGreaterThan(
        mrr.get(`${halfYearAgo} ${currency}`) ?? 0,
      );
  });

  it('holds enterprise licenses in every state the Licenses pages show, made by the licensing commands', () => {
    const day = 86_400_000;
    const now = Date.now();
    const licenses = all<{ status: string; expires_at: number | null; subscription_id: string | null }>(
      'SELECT status, expires_at, subscription_id FROM licenses',
    );
    expect(licenses.length).toBeGreaterThanOrEqual(8);
    expect(licenses.length).toBeLessThanOrEqual(12);
    expect(licenses.filter((l) => l.status === 'SUSPENDED')).toHaveLength(1);
    expect(
      licenses.filter((l) => l.subscription_id !== null).length,
      'following a subscription',
    ).toBeGreaterThan(4);
    const soon = licenses.filter(
      (l) =>
        l.status === 'ACTIVE' && l.expires_at !== null && l.expires_at > now && l.expires_at < now + 7 * day,
    );
    expect(soon.length, 'expiring within a week').toBeGreaterThan(0);
    // Usage near a limit, with the 80 % alert recorded.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM license_usage WHERE alerted_percent = 80').n).toBe(
      1,
    );
    for (const table of ['license_policies', 'license_machines', 'license_seats', 'license_validations'])
      expect(one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n, table).toBeGreaterThan(2);
    expect(
      one<{ n: number }>('SELECT count(*) AS n FROM license_validations WHERE valid = 0').n,
      'refused validations',
    ).toBeGreaterThan(0);
    const branding = all<{ customer_id: string | null; status: string }>(
      'SELECT customer_id, status FROM branding_versions',
    );
    expect(branding.map((b) => b.status)).toEqual(['published']);
    expect(branding[0]?.customer_id, 'an account’s, not the workspace’s').toMatch(/^cus_/);
    // Through the commands: each license's issue and every followed renewal is in the audit trail.
    expect(one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'license.issued'").n).toBe(
      licenses.length,
    );
    expect(
      one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'license.subscription_followed'")
        .n,
    ).toBeGreaterThan(0);
  });
});
