import type BetterSqlite3 from 'better-sqlite3';
import { boundary } from '../../shared/billing/periods';
import { newId } from '../../shared/ids';
import type { DemoCatalog } from '../../server/modules/catalog';
import { SeededRandom } from '../../server/demo/random';

const PLANS = [
  { price: 'proMonthlyUsd', plan: 'pro', amount: 999, interval: 'month' },
  { price: 'proYearlyUsd', plan: 'pro', amount: 9990, interval: 'year' },
  { price: 'enterpriseMonthlyUsd', plan: 'enterprise', amount: 9900, interval: 'month' },
  { price: 'freeMonthlyUsd', plan: 'free', amount: 0, interval: 'month' },
] as const;

const STATUSES: [number, string][] = [
  [75, 'active'],
  [5, 'trialing'],
  [4, 'past_due'],
  [14, 'canceled'],
  [2, 'paused'],
];

function pickStatus(random: SeededRandom): string {
  let roll = random.next() * 100;
  for (const [weight, status] of STATUSES) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'active';
}

/**
 * Writes one subscription per customer and `invoicesPer` invoices for each (one plan line
 * and one payment per invoice), straight through prepared statements: benchmarks need
 * millions of rows in a minute, which the engine's one-command-per-change would not give.
 * The shape matches what the engine writes.
 */
export function bulkLoadBilling(
  sqlite: BetterSqlite3.Database,
  options: { tenantId: string; catalog: DemoCatalog; invoicesPer: number; now: number; seed: number },
): { subscriptions: number; invoices: number } {
  const random = new SeededRandom(options.seed);
  const customers = sqlite
    .prepare('SELECT id, created_at FROM customers WHERE tenant_id = ? ORDER BY rowid')
    .all(options.tenantId) as { id: string; created_at: number }[];
  const cardFor = sqlite.prepare(
    `INSERT INTO payment_methods VALUES (?, ?, ?, 'sandbox', ?, 'visa', '4242', 12, 2030, 'active', ?, NULL)`,
  );
  const sub =
    sqlite.prepare(`INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status, billing_anchor,
    current_period_start, current_period_end, trial_end_behavior, cancel_at_period_end, payment_method_id, version, created_at, updated_at, canceled_at, ended_at)
    VALUES (?, ?, ?, ?, ?, 1, 'USD', ?, ?, ?, ?, 'cancel', 0, ?, 1, ?, ?, ?, ?)`);
  // Drafted first, then finalized, as the engine does: the database refuses lines on a finalized invoice.
  const invoice =
    sqlite.prepare(`INSERT INTO invoices (id, tenant_id, customer_id, subscription_id, number, status, billing_reason, currency, subtotal,
    total, amount_due, amount_paid, period_start, period_end, attempt_count, finalized_at, paid_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, NULL, 'draft', ?, 'USD', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`);
  const finalize = sqlite.prepare('UPDATE invoices SET status = ?, number = ? WHERE id = ?');
  const line = sqlite.prepare(`INSERT INTO invoice_lines VALUES (?, ?, ?, 0, 'plan', ?, ?, 1, ?, ?, ?, ?)`);
  const payment =
    sqlite.prepare(`INSERT INTO payments (id, tenant_id, customer_id, invoice_id, payment_method_id, amount, currency, status,
    idempotency_key, gateway, gateway_ref, failure_code, failure_message, attempt_number, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, ?, 'sandbox', ?, ?, ?, 1, ?, ?)`);
  let number = 0;
  sqlite.transaction(() => {
    for (const customer of customers) {
      const choice = PLANS[Math.floor(random.next() * PLANS.length)] ?? PLANS[0];
      const priceId = options.catalog.prices[choice.price];
      const planId = options.catalog.plans[choice.plan];
      const status = pickStatus(random);
      const anchor = customer.created_at;
      const cardId = newId('pm', anchor);
      cardFor.run(cardId, options.tenantId, customer.id, `pm_sbx_bench_${cardId}`, anchor);
      const subId = newId('sub', anchor);
      const periods = Math.max(
        1,
        Math.min(options.invoicesPer, Math.floor((options.now - anchor) / 2_629_800_000) + 1),
      );
      const periodStart = boundary(anchor, choice.interval, periods - 1);
      const periodEnd = boundary(anchor, choice.interval, periods);
      const ended = status === 'canceled' ? periodStart : null;
      sub.run(
        subId,
        options.tenantId,
        customer.id,
        planId,
        priceId,
        status,
        anchor,
        periodStart,
        periodEnd,
        cardId,
        anchor,
        periodStart,
        ended,
        ended,
      );
      for (let i = 0; i < options.invoicesPer; i++) {
        const start = boundary(anchor, choice.interval, i);
        const end = boundary(anchor, choice.interval, i + 1);
        const open = status === 'past_due' && i === options.invoicesPer - 1;
        const invoiceId = newId('inv', start);
        number++;
        const description = `${choice.plan} × 1`;
        invoice.run(
          invoiceId,
          options.tenantId,
          customer.id,
          subId,
          i === 0 ? 'subscription_create' : 'subscription_cycle',
          choice.amount,
          choice.amount,
          choice.amount,
          open ? 0 : choice.amount,
          start,
          end,
          start,
          open ? null : start,
          start,
          start,
        );
        line.run(
          newId('il', start),
          options.tenantId,
          invoiceId,
          description,
          priceId,
          choice.amount,
          choice.amount,
          start,
          end,
        );
        finalize.run(open ? 'open' : 'paid', `INV-${String(number).padStart(6, '0')}`, invoiceId);
        if (choice.amount > 0) {
          const paymentId = newId('pay', start);
          payment.run(
            paymentId,
            options.tenantId,
            customer.id,
            invoiceId,
            cardId,
            choice.amount,
            open ? 'failed' : 'succeeded',
            `charge:${invoiceId}:1`,
            `ch_sbx_${paymentId}`,
            open ? 'card_declined' : null,
            open ? 'The card was declined.' : null,
            start,
            start,
          );
        }
      }
    }
    sqlite.prepare('INSERT INTO invoice_sequences VALUES (?, ?)').run(options.tenantId, number + 1);
  })();
  return { subscriptions: customers.length, invoices: number };
}
